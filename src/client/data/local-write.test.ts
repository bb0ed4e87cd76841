import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { Dexie } from 'dexie';
import { CLOCK_KEY, importEntries, writeRecord, writeRecordAs, writeRecords } from './local-write';
import { PermissionError } from './errors';
import type { OutboxEntry } from './db';
import { formatHlc } from '../../shared/sync/hlc';
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

  it('[I7] writeRecordAs reads its author inside the write\'s own transaction and adds their fields to the record and its entry', async () => {
    await db.settings.put({ key: 'author-test', value: { id: 'u-1', communeId: 'ngok-bay' } });
    let scope: string[] = [];
    const id = uuidv7();
    const { user, record } = await writeRecordAs(
      {
        read: async () => {
          scope = [...(Dexie.currentTransaction?.storeNames ?? [])];
          return (await db.settings.get('author-test'))!.value as { id: string; communeId: string };
        },
        fields: (author) => ({ communeId: author.communeId, createdBy: author.id }),
      },
      { table: 'contacts', recordId: id, fields: { name: 'Nguyễn Văn A', deleted: false } },
    );
    // One transaction: the session's store beside the record's, the outbox and the clock.
    expect(scope).toEqual(expect.arrayContaining(['settings', 'outbox', 'syncState', db.records('contacts').name]));
    expect(user).toEqual({ id: 'u-1', communeId: 'ngok-bay' });
    expect(record).toMatchObject({ id, name: 'Nguyễn Văn A', communeId: 'ngok-bay', createdBy: 'u-1' });
    const [entry] = await db.outbox.toArray();
    expect(entry!.fields).toMatchObject({ name: 'Nguyễn Văn A', communeId: 'ngok-bay', createdBy: 'u-1' });
  });

  it('[I7] a refusal from writeRecordAs\'s author writes nothing and leaves the clock as it was', async () => {
    await writeRecord({ table: 'contacts', recordId: uuidv7(), fields: { name: 'Trước', deleted: false } });
    const clock = (await db.syncState.get(CLOCK_KEY))?.value;
    const id = uuidv7();
    const refused = writeRecordAs(
      {
        read: async () => (await db.settings.get('nobody'))?.value ?? null,
        fields: (author) => {
          if (author === null) throw new PermissionError('contact.create');
          return {};
        },
      },
      { table: 'contacts', recordId: id, fields: { name: 'Không được lưu', deleted: false } },
    );
    await expect(refused).rejects.toBeInstanceOf(PermissionError);
    expect(await db.records('contacts').get(id)).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
    expect((await db.syncState.get(CLOCK_KEY))?.value).toEqual(clock);
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

  it('[I7] imports handed-over changes with their own ids and clocks, once, and moves the clock past them', async () => {
    const id = uuidv7();
    const author = uuidv7();
    const future = Date.parse('2026-12-03T02:00:00.000Z');
    const entry = (n: number, fields: Record<string, unknown>): OutboxEntry => ({
      id: uuidv7(),
      table: 'contacts',
      recordId: id,
      hlc: formatHlc({ millis: future, counter: n, node: 'aaaaaaaaaaaaaaaa' }),
      fields,
      createdAt: '2026-12-03T02:00:00.000Z',
    });
    const entries = [entry(0, { name: 'Anh Tuấn', createdBy: author, deleted: false }), entry(1, { note: 'Gọi giờ hành chính' })];
    expect(await importEntries(entries, Date.parse('2026-12-01T00:00:00.000Z'))).toBe(2);
    expect(await importEntries(entries)).toBe(0);
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map(({ seq: _seq, ...rest }) => rest)).toEqual(entries);
    const row = await db.records('contacts').get(id);
    expect(row).toMatchObject({ name: 'Anh Tuấn', note: 'Gọi giờ hành chính', createdBy: author });
    expect(row!.clocks.note).toBe(entries[1]!.hlc);
    // This phone's next write orders after the imported ones, even with its clock behind.
    const mine = await writeRecord({ table: 'contacts', recordId: id, fields: { note: 'sửa sau' } }, Date.parse('2026-12-01T00:00:00.000Z'));
    expect((mine.clocks.note ?? '') > entries[1]!.hlc).toBe(true);
  });

  it('merges an imported change field by field with what the phone holds, by clock, as a pull does', async () => {
    const id = uuidv7();
    const at = (millis: number, counter: number) => formatHlc({ millis, counter, node: 'bbbbbbbbbbbbbbbb' });
    // This phone edited the note after the colleague did; the colleague renamed after this phone did.
    const now = Date.parse('2026-12-02T00:00:00.000Z');
    await writeRecord({ table: 'contacts', recordId: id, fields: { name: 'Tên cũ', note: 'Ghi chú trên máy này' } }, now);
    const before = await db.records('contacts').get(id);
    const older = at(now - 60_000, 0);
    const newer = at(now + 60_000, 0);
    const entries: OutboxEntry[] = [
      { id: uuidv7(), table: 'contacts', recordId: id, hlc: older, fields: { note: 'Ghi chú cũ hơn' }, createdAt: '2026-12-01T23:59:00.000Z' },
      { id: uuidv7(), table: 'contacts', recordId: id, hlc: newer, fields: { name: 'Tên mới' }, createdAt: '2026-12-02T00:01:00.000Z' },
    ];
    expect(await importEntries(entries, now)).toBe(2);
    const row = await db.records('contacts').get(id);
    expect(row).toMatchObject({ name: 'Tên mới', note: 'Ghi chú trên máy này' });
    expect(row!.clocks.note).toBe(before!.clocks.note);
    expect(row!.clocks.name).toBe(newer);
    expect(await db.outbox.count()).toBe(3);
  });

  it('[I7] an import that fails half-way leaves nothing', async () => {
    const good: OutboxEntry = { id: uuidv7(), table: 'contacts', recordId: uuidv7(), hlc: formatHlc({ millis: Date.now(), counter: 0, node: 'aaaaaaaaaaaaaaaa' }), fields: { name: 'A' }, createdAt: new Date().toISOString() };
    const bad: OutboxEntry = { ...good, id: uuidv7(), recordId: uuidv7(), fields: { clocks: {} } };
    await expect(importEntries([good, bad])).rejects.toThrow();
    expect(await db.records('contacts').get(good.recordId)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });
});
