import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { ensureServiceCatalogue, listServices, serviceName } from './service-repository';
import { seedServices } from '../../shared/seed';

describe('service repository', () => {
  beforeEach(async () => {
    await Promise.all([db.outbox.clear(), db.records('services').clear()]);
  });

  it('seeds the shipped catalogue before the first sync, once, without queuing anything', async () => {
    expect(await listServices()).toEqual([]);
    await Promise.all([ensureServiceCatalogue(), ensureServiceCatalogue()]);
    const services = await listServices();
    expect(services).toHaveLength(seedServices().length);
    expect(services[0]!.code).toBe(seedServices()[0]!.code);
    expect(await db.outbox.count()).toBe(0);
    expect(await ensureServiceCatalogue()).toBe(0);
  });

  it('names a service in the UI language, falling back to Vietnamese', () => {
    const name = { vi: 'Cài đặt VNeID', en: 'Install VNeID' };
    expect(serviceName({ name }, 'vi')).toBe('Cài đặt VNeID');
    expect(serviceName({ name }, 'en')).toBe('Install VNeID');
    expect(serviceName({ name: { vi: 'Chỉ tiếng Việt', en: '' } }, 'en')).toBe('Chỉ tiếng Việt');
  });

  it('keeps a deactivated service for old logs and hides deleted ones', async () => {
    await ensureServiceCatalogue();
    const [first, second] = await db.records('services').toArray();
    await db.records('services').bulkPut([{ ...first!, active: false }, { ...second!, deleted: true }]);
    const services = await listServices();
    expect(services.find((s) => s.id === first!.id)?.active).toBe(false);
    expect(services.find((s) => s.id === second!.id)).toBeUndefined();
  });
});
