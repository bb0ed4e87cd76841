import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { writeRecord, writeRecords } from './local-write';
import { uuidv7 } from '../../shared/sync/ids';

describe('local writes', () => {
  beforeEach(async () => {
    await Promise.all([db.outbox.clear(), db.syncState.clear(), db.records('contacts').clear()]);
  });

  it('[I7] stores the record and exactly one outbox entry per write', async () => {
    const id = uuidv7();
    const record = await writeRecord({ table: 'contacts', recordId: id, fields: { name: 'Nguyễn Văn A', deleted: false } });
    expect(record).toMatchObject({ id, name: 'Nguyễn Văn A', deleted: false });
    expect(Object.keys(record.clocks).sort()).toEqual(['deleted', 'name', 'updatedAt']);
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ table: 'contacts', recordId: id, fields: { name: 'Nguyễn Văn A', deleted: false } });
    expect(await db.records('contacts').get(id)).toEqual(record);
  });

  it('[I7] a failure inside the transaction leaves neither the record nor the outbox entry', async () => {
    const good = uuidv7();
    const bad = uuidv7();
    await expect(
      writeRecords([
        { table: 'contacts', recordId: good, fields: { name: 'Đã lưu?' } },
        // "clocks" is reserved: the merge throws after the first write was put inside the same transaction.
        // @ts-expect-error -- the write's type already forbids it; this proves the runtime does too.
        { table: 'contacts', recordId: bad, fields: { clocks: {} } },
      ]),
    ).rejects.toThrow();
    expect(await db.records('contacts').get(good)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });

  it('stamps successive writes with increasing clocks and keeps the latest field values', async () => {
    const id = uuidv7();
    const now = Date.parse('2026-07-01T08:30:00.000Z');
    await writeRecord({ table: 'contacts', recordId: id, fields: { name: 'A', note: 'một' } }, now);
    const second = await writeRecord({ table: 'contacts', recordId: id, fields: { note: 'hai' } }, now);
    const [first, next] = await db.outbox.orderBy('seq').toArray();
    expect(next!.hlc > first!.hlc).toBe(true);
    expect(second).toMatchObject({ name: 'A', note: 'hai' });
    expect(second.clocks.note).toBe(next!.hlc);
    expect(second.clocks.name).toBe(first!.hlc);
  });
});
