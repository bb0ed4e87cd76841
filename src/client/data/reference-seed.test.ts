import { describe, expect, it } from 'vitest';
import { db } from './db';
import { ensureReferenceSeed } from './reference-seed';
import { seedRecord } from '../../shared/seed/seed-record';
import { seedServices } from '../../shared/seed';

describe('reference seed', () => {
  it('adds missing seeded records once and keeps existing rows', async () => {
    await db.records('services').clear();
    const records = seedServices().map((service) => seedRecord(service));
    expect(await ensureReferenceSeed('services', records)).toBe(records.length);
    const first = records[0]!;
    await db.syncedTable('services').put({ ...first, active: false });
    expect(await ensureReferenceSeed('services', records)).toBe(0);
    expect((await db.records('services').get(first.id))?.active).toBe(false);
    expect(await db.records('services').count()).toBe(records.length);
  });
});
