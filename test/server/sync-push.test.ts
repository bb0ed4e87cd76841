// Pushing changes (docs/sync.md §4, src/shared/sync/PROTOCOL.md) on a real SQLite file and a real PostgreSQL
// database, through app.inject(): what a push stores and answers, per-field merge, idempotence, poison
// mutations, clock capping and data format versions. Test ids: I… invariants (docs/sync.md §7.2), A… auth.
import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/server/errors';
import { MAX_CLOCK_DRIFT_MS, parseHlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { CLOCKS_KEY, CURRENT_SCHEMA_VERSION, MIN_SCHEMA_VERSION, fromWireRecord, type PullResponse } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { findIn, onPushThread, scopeRows, serverWorld, type WorldOptions } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { COMMUNE_A, contactFields, hlcAt, mutation, pull, pullAll, push, pushOk } from './sync-fixtures';


function pushSuite<F extends StoreFixture>(factory: () => Promise<F>, options: WorldOptions<F> = {}): void {
  const world = serverWorld(factory, ['memberA', 'member2A', 'leaderA'], options);

  describe('POST /api/sync/push', () => {
    it('[A0] without a valid token → 401, and nothing is stored', async () => {
      const m = mutation('contacts', uuidv7(), contactFields(world.memberA));
      const payload = { clientId: 'x', schemaVersion: CURRENT_SCHEMA_VERSION, mutations: [m] };
      for (const headers of [{}, { authorization: 'Bearer not-a-token' }]) {
        const res = await world.app.inject({ method: 'POST', url: '/api/sync/push', headers, payload });
        expect(res.statusCode).toBe(401);
        expect(res.json<ErrorBody>().error.code).toBe('unauthorized');
      }
      expect((await scopeRows(world.store, COMMUNE_A.id)).some((row) => row.record.id === m.recordId)).toBe(false);
    });

    it('[I3] a pushed record reaches a teammate’s pull with server-set metadata and field clocks', async () => {
      const recordId = uuidv7();
      const m = mutation('contacts', recordId, contactFields(world.memberA, { note: 'Gọi giờ hành chính' }));
      const res = await pushOk(world.app, world.memberA, [m]);
      expect(res).toEqual({ acked: [m.id], rejected: [], serverTime: expect.any(String) as string });
      expect(Math.abs(Date.parse(res.serverTime) - Date.now())).toBeLessThan(5_000);

      const { changes } = await pullAll(world.app, world.member2A);
      const change = findIn(changes, recordId)!;
      expect(change.table).toBe('contacts');
      const record = fromWireRecord(change.record);
      expect(record).toMatchObject({
        id: recordId,
        name: 'Anh Tuấn — VNPT Quảng Ngãi',
        phones: ['0912345678'],
        note: 'Gọi giờ hành chính',
        communeId: COMMUNE_A.id,
        createdBy: world.memberA.userId,
        deleted: false,
      });
      // createdAt/updatedAt are the server's clock, not the phone's.
      expect(Math.abs(Date.parse(String(record.createdAt)) - Date.parse(res.serverTime))).toBeLessThan(1_000);
      expect(new Set(Object.values(record.clocks))).toEqual(new Set([m.hlc]));
      expect(Object.keys(change.record[CLOCKS_KEY])).toEqual([m.hlc]);
    });

    it('[I1] concurrent edits of different fields of one record both survive (per-field merge)', async () => {
      const recordId = uuidv7();
      await pushOk(world.app, world.memberA, [mutation('contacts', recordId, contactFields(world.memberA), hlcAt(Date.now() - 60_000))]);
      const t = Date.now() - 30_000;
      await pushOk(world.app, world.memberA, [mutation('contacts', recordId, { note: 'số bàn', updatedAt: new Date().toISOString() }, hlcAt(t, '00000000000000aa'))]);
      // member2A edited the name offline earlier than memberA's note, and pushes later.
      await pushOk(world.app, world.member2A, [mutation('contacts', recordId, { name: 'Chị Hoa — Viettel' }, hlcAt(t - 1_000, '00000000000000bb'))]);
      // A stale edit of the note (older clock) loses.
      await pushOk(world.app, world.member2A, [mutation('contacts', recordId, { note: 'cũ' }, hlcAt(t - 2_000, '00000000000000bb'))]);
      const record = fromWireRecord(findIn((await pullAll(world.app, world.memberA)).changes, recordId)!.record);
      expect(record).toMatchObject({ name: 'Chị Hoa — Viettel', note: 'số bàn' });
    });

    it('[I4] re-pushing a batch (whole, partial, reordered) gives the same answer and changes nothing: no new row_seq', async () => {
      const batch = [0, 1, 2].map((i) => mutation('contacts', uuidv7(), contactFields(world.memberA, { name: `Liên hệ ${i}` })));
      const first = await pushOk(world.app, world.memberA, batch);
      expect(first.acked).toEqual(batch.map((m) => m.id));
      const before = await scopeRows(world.store, COMMUNE_A.id);
      const { cursor } = await pullAll(world.app, world.memberA);

      const again = await pushOk(world.app, world.memberA, batch);
      const partial = await pushOk(world.app, world.memberA, [batch[2]!, batch[0]!]);
      expect(again.acked).toEqual(first.acked);
      expect(partial.acked).toEqual([batch[2]!.id, batch[0]!.id]);
      // The same mutation twice in one request counts once.
      expect((await pushOk(world.app, world.memberA, [batch[1]!, batch[1]!])).acked).toEqual([batch[1]!.id]);

      const after = await scopeRows(world.store, COMMUNE_A.id);
      expect(after.map((row) => [row.record.id, row.rowSeq])).toEqual(before.map((row) => [row.record.id, row.rowSeq]));
      expect((await pull(world.app, world.memberA, { cursor })).json<PullResponse>().changes).toEqual([]);
    });

    it('[I15] the same batch pushed twice at once (two tabs, a retry racing the original) is applied once', async () => {
      const batch = [0, 1, 2].map((i) => mutation('contacts', uuidv7(), contactFields(world.memberA, { name: `Song song ${i}` })));
      const before = await world.store.records.pull({ scopes: [{ scope: COMMUNE_A.id, after: 0 }], limit: 1 });
      const [one, two] = await Promise.all([pushOk(world.app, world.memberA, batch), pushOk(world.app, world.memberA, batch)]);
      expect(one.acked).toEqual(batch.map((m) => m.id));
      expect(two.acked).toEqual(one.acked);
      const after = await world.store.records.pull({ scopes: [{ scope: COMMUNE_A.id, after: 0 }], limit: 1 });
      // Three records, three new sequence numbers: not six.
      expect(after.scopes[0]!.headSeq - before.scopes[0]!.headSeq).toBe(3);
    });

    it('[I10] a delete and a concurrent edit of another field: the record stays deleted everywhere, and pull delivers the tombstone', async () => {
      const recordId = uuidv7();
      const t = Date.now() - 60_000;
      await pushOk(world.app, world.memberA, [mutation('contacts', recordId, contactFields(world.memberA), hlcAt(t))]);
      const { cursor } = await pullAll(world.app, world.member2A);
      await pushOk(world.app, world.leaderA, [mutation('contacts', recordId, { deleted: true }, hlcAt(t + 2_000, '00000000000000cc'))]);
      // A member who had not seen the delete edits the note offline, before the delete, and syncs later.
      await pushOk(world.app, world.member2A, [mutation('contacts', recordId, { note: 'sửa khi chưa biết đã xoá' }, hlcAt(t + 1_000, '00000000000000dd'))]);
      const next = (await pull(world.app, world.member2A, { cursor })).json<PullResponse>();
      const tombstone = fromWireRecord(findIn(next.changes, recordId)!.record);
      expect(tombstone).toMatchObject({ deleted: true, note: 'sửa khi chưa biết đã xoá' });
      // Undo is an explicit later write of deleted:false (by someone allowed to delete).
      await pushOk(world.app, world.leaderA, [mutation('contacts', recordId, { deleted: false }, hlcAt(t + 3_000, '00000000000000cc'))]);
      expect((await scopeRows(world.store, COMMUNE_A.id)).find((row) => row.record.id === recordId)!.record.deleted).toBe(false);
    });

    it('[I4] a second create of the same record id merges into one record, never a duplicate', async () => {
      const recordId = uuidv7();
      await pushOk(world.app, world.memberA, [mutation('contacts', recordId, contactFields(world.memberA, { name: 'Lần 1' }), hlcAt(Date.now() - 1000))]);
      await pushOk(world.app, world.memberA, [mutation('contacts', recordId, contactFields(world.memberA, { name: 'Lần 2' }))]);
      expect((await scopeRows(world.store, COMMUNE_A.id)).filter((row) => row.record.id === recordId)).toHaveLength(1);
    });

    it('[I12] a poison mutation is rejected and remembered; the rest of the batch is applied', async () => {
      const good1 = mutation('contacts', uuidv7(), contactFields(world.memberA, { name: 'Trước' }));
      const poison = mutation('contacts', uuidv7(), contactFields(world.memberA, { name: 'x'.repeat(201) }));
      const good2 = mutation('contacts', uuidv7(), contactFields(world.memberA, { name: 'Sau' }));
      const res = await pushOk(world.app, world.memberA, [good1, poison, good2]);
      expect(res.acked).toEqual([good1.id, good2.id]);
      expect(res.rejected).toEqual([{ id: poison.id, code: 'invalid', message: 'validation.tooLong' }]);
      const ids = (await scopeRows(world.store, COMMUNE_A.id)).map((row) => row.record.id);
      expect(ids).toContain(good1.recordId);
      expect(ids).toContain(good2.recordId);
      expect(ids).not.toContain(poison.recordId);
      // Retried (outcome unknown on the phone): the same answer, from memory.
      expect((await pushOk(world.app, world.memberA, [poison])).rejected).toEqual(res.rejected);
    });
    it('[I9] a clock far in the future is capped at server time + 5 minutes, so later edits still win', async () => {
      const recordId = uuidv7();
      const future = Date.now() + 30 * 24 * 3600 * 1000;
      const res = await pushOk(world.app, world.memberA, [mutation('contacts', recordId, contactFields(world.memberA, { note: 'điện thoại lệch giờ' }), hlcAt(future, '00000000000000ff'))]);
      const stored = (await scopeRows(world.store, COMMUNE_A.id)).find((row) => row.record.id === recordId)!;
      const clock = parseHlc(stored.record.clocks.note!);
      expect(clock.millis).toBe(Date.parse(res.serverTime) + MAX_CLOCK_DRIFT_MS);
      expect(clock.node).toBe('00000000000000ff');
      // An honest edit made after the margin wins over the skewed phone's write.
      const later = mutation('contacts', recordId, { note: 'đã sửa' }, hlcAt(Date.now() + MAX_CLOCK_DRIFT_MS + 1_000));
      await pushOk(world.app, world.member2A, [later]);
      expect((await scopeRows(world.store, COMMUNE_A.id)).find((row) => row.record.id === recordId)!.record.note).toBe('đã sửa');
    });

    it('[I13] a data format below the minimum → 426, above the current one → 503 with Retry-After; nothing stored', async () => {
      const m = mutation('contacts', uuidv7(), contactFields(world.memberA));
      const old = await push(world.app, world.memberA, [m], { schemaVersion: MIN_SCHEMA_VERSION - 1 });
      expect(old.statusCode).toBe(426);
      expect(old.json<ErrorBody>().error.code).toBe('client_too_old');
      const newer = await push(world.app, world.memberA, [m], { schemaVersion: CURRENT_SCHEMA_VERSION + 1 });
      expect(newer.statusCode).toBe(503);
      expect(Number(newer.headers['retry-after'])).toBeGreaterThan(0);
      expect((await scopeRows(world.store, COMMUNE_A.id)).some((row) => row.record.id === m.recordId)).toBe(false);
      // …and the same mutation is accepted once the app speaks a known format.
      expect((await pushOk(world.app, world.memberA, [m])).acked).toEqual([m.id]);
    });
  });
}

describe('sync API on SQLite (pushes on the push thread, as the server runs)', () => {
  const backgroundErrors: Error[] = [];
  pushSuite(sqliteFixture, { serverStore: onPushThread((error) => backgroundErrors.push(error)) });
  afterAll(() => expect(backgroundErrors).toEqual([]));
});

describePostgres('sync API on PostgreSQL', () => {
  pushSuite(postgresFixture);
});
