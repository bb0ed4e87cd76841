// The lookup columns of records (src/server/storage/lookups.ts; docs/privacy.md "Erasure" and
// "Retention"), on a real SQLite file and a real PostgreSQL: an erasure's query finds a citizen's
// logs through them (name folded, phone normalised, every criterion given must match, one commune
// only), a record without personal data leaves them, the retention purge's page is the oldest
// records still holding personal data (a request of the register from its closing), and the
// start-up backfill fills rows stored without them, a table added later once. A push finds records
// through them under its scope's lock, and an erasure trusts them only as far as its record agrees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseCitizen } from '../../src/server/privacy/erase-citizen';
import { LOOKUPS_META_KEY, backfillRecordLookups, tablesDone } from '../../src/server/privacy/lookup-backfill';
import { citizenLookup } from '../../src/server/storage/lookups';
import type { SyncStore } from '../../src/server/storage/types';
import type { SyncTable } from '../../src/shared/schemas/tables';
import type { Hlc } from '../../src/shared/sync/hlc';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import { uuidv7 } from '../../src/shared/sync/ids';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';

const A = 'xa-lookup-a';
const B = 'xa-lookup-b';
const HLC = '2026-03-01T00:00:00.000Z-0000-0123456789abcdef' as Hlc;

function log(day: string, citizen: { name?: string; phone?: string } | null, note: string | null = null): SyncedRecord {
  return { id: uuidv7(), occurredAt: `${day}T02:00:00.000Z`, serviceId: 'vneid', outcome: 'done', deleted: false, citizen, note, clocks: { citizen: HLC, note: HLC } };
}

async function write(store: SyncStore, scope: string, table: SyncTable, records: SyncedRecord[]): Promise<void> {
  await store.records.push({ scope, userId: 'test', clientId: 'test', mutationIds: [], recordKeys: [], now: Date.now(), plan: () => ({ remember: [], writes: records.map((record) => ({ table, record })) }) });
}

function lookupSuite(factory: () => Promise<StoreFixture>): void {
  let fixture: StoreFixture;
  let store: SyncStore;
  const hoa = log('2025-01-10', { name: 'Nguyễn Thị Hoa', phone: '0912345678' });
  const hoaAgain = log('2025-06-01', { name: 'nguyen  thi HOA' });
  const binh = log('2025-02-01', { name: 'Trần Văn Bình', phone: '0987000111' });
  const noCitizen = log('2024-01-01', null);
  const noteOnly = log('2024-12-01', null, 'gọi lại');
  const elsewhere = log('2024-01-01', { name: 'Nguyễn Thị Hoa', phone: '0912345678' });
  const session = { id: uuidv7(), occurredAt: '2024-11-01T02:00:00.000Z', note: 'lớp ở thôn 2', clocks: { note: HLC } } as SyncedRecord;

  beforeAll(async () => {
    fixture = await factory();
    store = fixture.open();
    await store.migrate();
    await write(store, A, 'assistanceLogs', [hoa, hoaAgain, binh, noCitizen, noteOnly]);
    await write(store, A, 'groupSessions', [session]);
    await write(store, B, 'assistanceLogs', [elsewhere]);
  });

  afterAll(async () => {
    await fixture?.dispose();
  });

  const find = async (query: { name?: string; phone?: string }, scope = A) =>
    (await store.records.findByLookup({ scope, table: 'assistanceLogs', ...citizenLookup(query) })).map((row) => row.record.id).sort();

  it("finds a citizen's logs by the folded name, the normalised phone or both, in one commune", async () => {
    expect(await find({ name: 'Nguyen Thi Hoa' })).toEqual([hoa.id, hoaAgain.id].sort());
    expect(await find({ phone: '+84 912 345 678' })).toEqual([hoa.id]);
    expect(await find({ name: 'tran van binh', phone: '0987.000.111' })).toEqual([binh.id]);
    expect(await find({ name: 'Nguyễn Thị Hoa', phone: '0987000111' })).toEqual([]);
    expect(await find({ name: 'Hoa' })).toEqual([]);
    expect(await find({ name: '  ' })).toEqual([]);
    expect(await find({ name: 'Nguyễn Thị Hoa' }, B)).toEqual([elsewhere.id]);
  });

  it("a push finds the scope's records through the lookup columns under its lock, every key given matching", async () => {
    const found = async (query: { name?: string; phone?: string }, scope = A, table: SyncTable = 'assistanceLogs') => {
      let ids: string[] | undefined;
      await store.records.push({
        ...{ scope, userId: 'test', clientId: 'test', mutationIds: [], recordKeys: [], now: Date.now() },
        find: { table, ...citizenLookup(query) },
        plan: (state) => {
          ids = state.found?.map((row) => `${row.scope} ${row.table} ${row.record.id}`).sort();
          return { remember: [], writes: [] };
        },
      });
      return ids;
    };
    const rows = (scope: string, ...records: SyncedRecord[]) => records.map((record) => `${scope} assistanceLogs ${record.id}`).sort();
    expect(await found({ name: 'Nguyen Thi Hoa' })).toEqual(rows(A, hoa, hoaAgain));
    expect(await found({ phone: '+84 912 345 678' })).toEqual(rows(A, hoa));
    expect(await found({ name: 'tran van binh', phone: '0987.000.111' })).toEqual(rows(A, binh));
    expect(await found({ name: 'Nguyễn Thị Hoa', phone: '0987000111' })).toEqual([]);
    expect(await found({ phone: '0987000112' })).toEqual([]);
    expect(await found({ name: 'Hoa' })).toEqual([]);
    expect(await found({ name: '  ' })).toEqual([]);
    expect(await found({ name: 'Nguyễn Thị Hoa' }, B)).toEqual(rows(B, elsewhere));
    expect(await found({ name: 'Nguyễn Thị Hoa' }, A, 'groupSessions')).toEqual([]);
  });

  it('pages the records holding personal data before a date, oldest first, and a cleared record leaves the index', async () => {
    const before = Date.parse('2025-03-01T00:00:00.000Z');
    const page = async (limit: number) => (await store.records.listPersonalBefore(A, before, limit)).map((row) => row.record.id);
    expect(await page(10)).toEqual([session.id, noteOnly.id, hoa.id, binh.id]);
    expect(await page(2)).toEqual([session.id, noteOnly.id]);
    await write(store, A, 'assistanceLogs', [{ ...hoa, citizen: null }]);
    expect(await page(10)).toEqual([session.id, noteOnly.id, binh.id]);
    expect(await find({ phone: '0912345678' })).toEqual([]);
    await write(store, A, 'assistanceLogs', [hoa]);
  });

  it('the backfill fills rows stored without lookups, in batches, once', async () => {
    await fixture.exec('UPDATE records SET lookup_name = NULL, lookup_phone = NULL, personal_at = NULL');
    expect(await find({ name: 'Nguyen Thi Hoa' })).toEqual([]);
    let after = await store.records.backfillLookups(null, 2);
    expect(after).not.toBeNull();
    let batches = 1;
    while (after) {
      after = await store.records.backfillLookups(after, 2);
      batches += 1;
    }
    expect(batches).toBe(5); // 7 personal-table records in pages of 2, then an empty page
    expect(await find({ name: 'Nguyen Thi Hoa' })).toEqual([hoa.id, hoaAgain.id].sort());
    expect(await find({ name: 'Nguyễn Thị Hoa' }, B)).toEqual([elsewhere.id]);
    expect((await store.records.listPersonalBefore(A, Date.parse('2025-03-01T00:00:00.000Z'), 10)).length).toBe(4);
    expect(await backfillRecordLookups(store)).toBeGreaterThan(0);
    expect(await backfillRecordLookups(store)).toBe(0);
  });

  it("a request of the register is in the retention index from its closing, and a server whose backfill predates the register fills its requests once", async () => {
    const request = (status: string, closedAt: string | null) =>
      ({ id: uuidv7(), kind: 'access', receivedOn: '2024-01-02', status, closedAt, requester: { name: 'Phạm Văn Tư' }, clocks: { requester: HLC } }) as SyncedRecord;
    const closed = request('done', '2024-01-20T03:00:00.000Z');
    const open = request('acknowledged', null);
    await write(store, A, 'rightsRequests', [closed, open]);
    const page = async () => (await store.records.listPersonalBefore(A, Date.parse('2024-02-01T00:00:00.000Z'), 10)).map((row) => row.record.id);
    expect(await page()).toEqual([closed.id]);
    await fixture.exec("UPDATE records SET personal_at = NULL WHERE table_name = 'rightsRequests'");
    expect(await page()).toEqual([]);
    await store.setMeta(LOOKUPS_META_KEY, 'done'); // what a server stored before the register's requests were personal
    expect(await backfillRecordLookups(store)).toBe(1);
    expect(await page()).toEqual([closed.id]);
    expect(tablesDone(await store.getMeta(LOOKUPS_META_KEY))).toEqual(['assistanceLogs', 'groupSessions', 'rightsRequests']);
    expect(await backfillRecordLookups(store)).toBe(0);
  });

  it('an erasure writes only the logs that still name the citizen: a lookup column that disagrees with its record is not trusted', async () => {
    const scope = 'xa-lookup-c';
    const named = log('2025-03-01', { name: 'Lê Thị Lan', phone: '0912000333' });
    const namedAgain = log('2025-03-02', { name: 'le thi LAN' });
    const stale = log('2025-03-03', { name: 'Lê Thị Lành' });
    await write(store, scope, 'assistanceLogs', [named, namedAgain, stale]);
    // What an interrupted backfill or an older folding rule could leave: Lan's key on another citizen's log.
    await fixture.exec(`UPDATE records SET lookup_name = '${citizenLookup({ name: 'Lê Thị Lan' }).lookupName!}' WHERE id = '${stale.id}'`);
    const before = await store.records.pull({ scopes: [{ scope, after: 0 }], limit: 10 });
    const now = Date.now();
    expect(await eraseCitizen(store.records, { scope, userId: 'leader', query: { name: 'Le Thi Lan' }, now })).toBe(2);
    const after = await store.records.pull({ scopes: [{ scope, after: before.scopes[0]!.headSeq }], limit: 10 });
    // Two new row_seqs, one each, right after the scope's head: every phone pulls them.
    const head = before.scopes[0]!.headSeq;
    expect(after.scopes[0]!.rows.map((row) => row.record.id).sort()).toEqual([named.id, namedAgain.id].sort());
    expect(after.scopes[0]!.rows.map((row) => row.rowSeq)).toEqual([head + 1, head + 2]);
    for (const row of after.scopes[0]!.rows) {
      expect(row.record).toMatchObject({ citizen: null, note: null, outcome: 'done', updatedAt: new Date(now).toISOString() });
      expect(row.record.clocks.citizen! > HLC).toBe(true);
    }
    expect((await store.records.listRecords({ scope, tables: ['assistanceLogs'] })).find((row) => row.record.id === stale.id)!.record.citizen).toEqual({ name: 'Lê Thị Lành' });
    // Erased, the logs left the index: the same request again finds and writes nothing.
    expect(await eraseCitizen(store.records, { scope, userId: 'leader', query: { name: 'Le Thi Lan' }, now })).toBe(0);
    expect((await store.records.pull({ scopes: [{ scope, after: 0 }], limit: 10 })).scopes[0]!.headSeq).toBe(after.scopes[0]!.headSeq);
  });
}

describe('record lookups on SQLite', () => lookupSuite(sqliteFixture));
describePostgres('record lookups on PostgreSQL', () => lookupSuite(postgresFixture));
