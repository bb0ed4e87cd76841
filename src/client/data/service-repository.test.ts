import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { ensureServiceCatalogue, listServices, serviceName } from './service-repository';
import { prepareReports } from './reports-repository';
import { seedServices } from '../../shared/seed';
import { transactionsDuring } from '../../../test/helpers/idb-transactions';

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

  it('checks a complete catalogue without a read-write transaction, which would hold up every read of it queued behind', async () => {
    await prepareReports();
    // A visit of the log form (three hooks) and of the reports (the catalogue and the templates).
    const visit = await transactionsDuring(db, () => Promise.all([ensureServiceCatalogue(), ensureServiceCatalogue(), ensureServiceCatalogue(), prepareReports()]));
    expect(visit.result.slice(0, 3)).toEqual([0, 0, 0]);
    expect(visit.opened.filter((transaction) => transaction.mode !== 'readonly')).toEqual([]);
    expect(visit.opened.filter((transaction) => transaction.stores.includes('services'))).toHaveLength(4);
    // A row missing (never seeded, or a sign-out emptied the table): it comes back, in one read-write transaction.
    const [first] = await db.records('services').toArray();
    await db.records('services').delete(first!.id);
    const repair = await transactionsDuring(db, () => ensureServiceCatalogue());
    expect(repair.result).toBe(1);
    expect(repair.opened).toEqual([
      { stores: ['services'], mode: 'readonly' },
      { stores: ['services'], mode: 'readwrite' },
    ]);
    expect(await db.records('services').get(first!.id)).toEqual(first);
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
