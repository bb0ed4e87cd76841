import { describe, expect, it } from 'vitest';
import { AppDatabase } from './db';
import { openRows, SEALED_FIELDS_VERSION, sealRecords } from './sealed-records';
import { SEALED_AT_REST_KEY, sealPlainRecords } from './seal-migration';
import { isSealed } from './vault/crypto';
import type { Hlc } from '../../shared/sync/hlc';

const HLC = 'h' as Hlc;

const CITIZEN = { name: 'Nguyễn Thị Hoa', phone: '0912345678', consent: true };
const NOTE = 'Bà Hoa nhờ cài VNeID';

describe('sealing plaintext left by a release before encryption', () => {
  it('seals records, outbox entries and refused changes, keeps every other field, and runs once', async () => {
    const database = new AppDatabase(`migration-${Math.random().toString(36).slice(2)}`);
    const key = (await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']));
    const logs = Array.from({ length: 450 }, (_, i) => ({ id: `log-${String(i).padStart(4, '0')}`, outcome: 'done', note: `${NOTE} ${i}`, citizen: i % 2 ? CITIZEN : null, clocks: { note: HLC } }));
    await database.syncedTable('assistanceLogs').bulkPut(logs);
    await database.syncedTable('groupSessions').put({ id: 'g', topic: 'VNeID', note: NOTE, clocks: {} });
    const entry = { id: 'm1', table: 'assistanceLogs' as const, recordId: 'log-0001', hlc: HLC, fields: { note: NOTE, citizen: CITIZEN }, createdAt: 't' };
    await database.outbox.add(entry);
    await database.rejectedChanges.put({ ...entry, id: 'm2', code: 'validation', message: 'm', rejectedAt: 't' });

    expect(await sealPlainRecords(database, key)).toBe(450 + 1 + 2);
    const raw = JSON.stringify(await Promise.all(database.tables.map((table) => table.toArray())));
    for (const text of ['Hoa', '0912345678', 'VNeID nhờ']) expect(raw).not.toContain(text);
    expect(raw).toContain('VNeID'); // the class's topic is not personal
    const stored = await database.records('assistanceLogs').toArray();
    expect(isSealed(stored[1]!['citizen'])).toBe(true);
    expect(stored[0]!['citizen']).toBeNull();
    expect(await openRows('assistanceLogs', stored, key)).toEqual(logs);
    const [outbox] = await database.outbox.toArray();
    expect(outbox).toMatchObject({ id: 'm1', seq: 1, hlc: HLC });
    expect((await database.syncState.get(SEALED_AT_REST_KEY))?.value).toBe(SEALED_FIELDS_VERSION);
    expect(await sealPlainRecords(database, key)).toBe(0);
    database.close();
    await database.delete();
  });

  it('runs again on a phone sealed by a release that left checklist notes and sign-off comments in clear', async () => {
    const database = new AppDatabase(`migration-${Math.random().toString(36).slice(2)}`);
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const item = { id: 'item-1', checklistId: 'c', itemId: 'i', status: 'doing', note: 'Gọi bà Lụa ở thôn 3', assignee: 'Anh Tâm', clocks: {} };
    const signOff = { id: 's-1', checklistId: 'c', signedBy: 'u', signedAt: 't', comment: 'Đã kiểm tra nhà ông Bảy', clocks: {} };
    await database.syncedTable('checklistItems').put(item);
    await database.syncedTable('signOffs').put(signOff);
    const entry = { id: 'm1', table: 'checklistItems' as const, recordId: 'item-1', hlc: HLC, fields: { note: item.note }, createdAt: 't' };
    await database.outbox.add(entry);
    // What the release before this one recorded when its run finished.
    await database.syncState.put({ key: SEALED_AT_REST_KEY, value: true });

    expect(await sealPlainRecords(database, key)).toBe(3);
    const raw = JSON.stringify(await Promise.all(database.tables.map((table) => table.toArray())));
    for (const text of ['Lụa', 'ông Bảy']) expect(raw).not.toContain(text);
    expect(raw).toContain('Anh Tâm'); // the assignee stays clear (docs/security.md)
    expect(await openRows('checklistItems', await database.records('checklistItems').toArray(), key)).toEqual([item]);
    expect(await openRows('signOffs', await database.records('signOffs').toArray(), key)).toEqual([signOff]);
    expect(await sealPlainRecords(database, key)).toBe(0);
    database.close();
    await database.delete();
  });
  it('resumes an interrupted run: rows it sealed stay as they are, the rest is sealed over several chunks', async () => {
    const database = new AppDatabase(`migration-${Math.random().toString(36).slice(2)}`);
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const logs = Array.from({ length: 2_300 }, (_, i) => ({ id: `log-${String(i).padStart(5, '0')}`, outcome: 'done', note: `${NOTE} ${i}`, citizen: CITIZEN, clocks: {} }));
    // The first chunk was sealed and written before the phone died; nothing was recorded as done.
    const done = await sealRecords('assistanceLogs', logs.slice(0, 1_000).map((fields) => ({ id: fields.id, fields })), key);
    await database.syncedTable('assistanceLogs').bulkPut([...done, ...logs.slice(1_000)]);

    expect(await sealPlainRecords(database, key)).toBe(1_300);
    const stored = await database.records('assistanceLogs').toArray();
    // The same ciphertexts (compared as bytes: IndexedDB hands back its own typed arrays): not sealed twice.
    const ciphertexts = (rows: readonly Record<string, unknown>[]) => rows.map((row) => ['citizen', 'note'].map((field) => Array.from((row[field] as { ct: Uint8Array }).ct)));
    expect(ciphertexts(stored.slice(0, 1_000))).toEqual(ciphertexts(done));
    expect(stored.every((row) => isSealed(row['citizen']) && isSealed(row['note']))).toBe(true);
    expect(await openRows('assistanceLogs', stored, key)).toEqual(logs);
    database.close();
    await database.delete();
  });
});
