// The sync HTTP contract (docs/sync.md §4–5, src/shared/sync/PROTOCOL.md) on a real SQLite file and a
// real PostgreSQL database, through app.inject(). Test ids: I… invariants (docs/sync.md §7.2),
// V… validation and limits, A… auth and scope. Every route's first test is 401 without a token.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/server/errors';
import { PUSH_WIRE_LIMIT } from '../../src/server/routes/sync';
import { openServerStore, type ServerStore } from '../../src/server/compose';
import { META_KEYS, type SyncStore } from '../../src/server/storage/types';
import { seedChecklistTemplatesFor, seedServices } from '../../src/shared/seed';
import { MAX_CLOCK_DRIFT_MS, parseHlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { CLOCKS_KEY, CURRENT_SCHEMA_VERSION, LIMITS, MIN_SCHEMA_VERSION, fromWireRecord, type PullResponse, type PushResponse } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import {
  COMMUNE_A,
  COMMUNE_B,
  bearer,
  contactFields,
  hlcAt,
  logFields,
  login,
  makeApp,
  mutation,
  populate,
  pull,
  pullAll,
  push,
  pushOk,
  type Session,
} from './sync-fixtures';

/** The reference records seeded into a province: the catalogue and its own and the national templates. */
const seededIn = (province: string) => seedServices().length + seedChecklistTemplatesFor(province).length;
const SEEDED = seededIn('quang-ngai');
const SQL_INJECTION = "Robert'); DROP TABLE records; -- và \"; DELETE FROM users; --";

function consent(session: Session) {
  return { method: 'spoken', noticeVersion: '2026-01', recordedAt: '2026-03-02T08:00:00+07:00', recordedBy: session.userId };
}

/**
 * The suite runs on what the server runs: PostgreSQL in process; SQLite as main.ts opens it
 * (openServerStore: pushes on the push thread's connection, pulls on this one).
 */
function syncSuite<F extends StoreFixture>(factory: () => Promise<F>, options: { serverStore?: (fixture: F) => ServerStore } = {}): void {
  let fixture: F;
  let store: SyncStore;
  let server: ServerStore | undefined;
  let app: FastifyInstance;
  let memberA: Session;
  let member2A: Session;
  let leaderA: Session;
  let reviewerA: Session;
  let memberB: Session;
  let adminQN: Session;
  let adminKT: Session;

  beforeAll(async () => {
    fixture = await factory();
    server = options.serverStore?.(fixture);
    await server?.ready;
    store = server?.store ?? fixture.open();
    await store.migrate();
    await populate(store);
    app = await makeApp(store, {}, undefined, server?.sync);
    memberA = await login(app, 'memberA');
    member2A = await login(app, 'member2A');
    leaderA = await login(app, 'leaderA');
    reviewerA = await login(app, 'reviewerA');
    memberB = await login(app, 'memberB');
    adminQN = await login(app, 'adminQN');
    adminKT = await login(app, 'adminKT');
  });

  afterAll(async () => {
    await app.close();
    await server?.sync.close();
    await server?.store.close();
    await fixture.dispose();
  });

  /** Every record of a commune as the store holds it, with row_seq. */
  const scopeRows = async (scope: string) => (await store.records.pull({ scopes: [{ scope, after: 0 }], limit: 100_000 })).scopes[0]!.rows;
  const findIn = (changes: PullResponse['changes'], id: string) => changes.find((change) => change.id === id);

  describe('POST /api/sync/push', () => {
    it('[A0] without a valid token → 401, and nothing is stored', async () => {
      const m = mutation('contacts', uuidv7(), contactFields(memberA));
      const payload = { clientId: 'x', schemaVersion: CURRENT_SCHEMA_VERSION, mutations: [m] };
      for (const headers of [{}, { authorization: 'Bearer not-a-token' }]) {
        const res = await app.inject({ method: 'POST', url: '/api/sync/push', headers, payload });
        expect(res.statusCode).toBe(401);
        expect(res.json<ErrorBody>().error.code).toBe('unauthorized');
      }
      expect((await scopeRows(COMMUNE_A.id)).some((row) => row.record.id === m.recordId)).toBe(false);
    });

    it('[I3] a pushed record reaches a teammate’s pull with server-set metadata and field clocks', async () => {
      const recordId = uuidv7();
      const m = mutation('contacts', recordId, contactFields(memberA, { note: 'Gọi giờ hành chính' }));
      const res = await pushOk(app, memberA, [m]);
      expect(res).toEqual({ acked: [m.id], rejected: [], serverTime: expect.any(String) as string });
      expect(Math.abs(Date.parse(res.serverTime) - Date.now())).toBeLessThan(5_000);

      const { changes } = await pullAll(app, member2A);
      const change = findIn(changes, recordId)!;
      expect(change.table).toBe('contacts');
      const record = fromWireRecord(change.record);
      expect(record).toMatchObject({
        id: recordId,
        name: 'Anh Tuấn — VNPT Quảng Ngãi',
        phones: ['0912345678'],
        note: 'Gọi giờ hành chính',
        communeId: COMMUNE_A.id,
        createdBy: memberA.userId,
        deleted: false,
      });
      // createdAt/updatedAt are the server's clock, not the phone's.
      expect(Math.abs(Date.parse(String(record.createdAt)) - Date.parse(res.serverTime))).toBeLessThan(1_000);
      expect(new Set(Object.values(record.clocks))).toEqual(new Set([m.hlc]));
      expect(Object.keys(change.record[CLOCKS_KEY])).toEqual([m.hlc]);
    });

    it('[I1] concurrent edits of different fields of one record both survive (per-field merge)', async () => {
      const recordId = uuidv7();
      await pushOk(app, memberA, [mutation('contacts', recordId, contactFields(memberA), hlcAt(Date.now() - 60_000))]);
      const t = Date.now() - 30_000;
      await pushOk(app, memberA, [mutation('contacts', recordId, { note: 'số bàn', updatedAt: new Date().toISOString() }, hlcAt(t, '00000000000000aa'))]);
      // member2A edited the name offline earlier than memberA's note, and pushes later.
      await pushOk(app, member2A, [mutation('contacts', recordId, { name: 'Chị Hoa — Viettel' }, hlcAt(t - 1_000, '00000000000000bb'))]);
      // A stale edit of the note (older clock) loses.
      await pushOk(app, member2A, [mutation('contacts', recordId, { note: 'cũ' }, hlcAt(t - 2_000, '00000000000000bb'))]);
      const record = fromWireRecord(findIn((await pullAll(app, memberA)).changes, recordId)!.record);
      expect(record).toMatchObject({ name: 'Chị Hoa — Viettel', note: 'số bàn' });
    });

    it('[I4] re-pushing a batch (whole, partial, reordered) gives the same answer and changes nothing: no new row_seq', async () => {
      const batch = [0, 1, 2].map((i) => mutation('contacts', uuidv7(), contactFields(memberA, { name: `Liên hệ ${i}` })));
      const first = await pushOk(app, memberA, batch);
      expect(first.acked).toEqual(batch.map((m) => m.id));
      const before = await scopeRows(COMMUNE_A.id);
      const { cursor } = await pullAll(app, memberA);

      const again = await pushOk(app, memberA, batch);
      const partial = await pushOk(app, memberA, [batch[2]!, batch[0]!]);
      expect(again.acked).toEqual(first.acked);
      expect(partial.acked).toEqual([batch[2]!.id, batch[0]!.id]);
      // The same mutation twice in one request counts once.
      expect((await pushOk(app, memberA, [batch[1]!, batch[1]!])).acked).toEqual([batch[1]!.id]);

      const after = await scopeRows(COMMUNE_A.id);
      expect(after.map((row) => [row.record.id, row.rowSeq])).toEqual(before.map((row) => [row.record.id, row.rowSeq]));
      expect((await pull(app, memberA, { cursor })).json<PullResponse>().changes).toEqual([]);
    });

    it('[I15] the same batch pushed twice at once (two tabs, a retry racing the original) is applied once', async () => {
      const batch = [0, 1, 2].map((i) => mutation('contacts', uuidv7(), contactFields(memberA, { name: `Song song ${i}` })));
      const before = await store.records.pull({ scopes: [{ scope: COMMUNE_A.id, after: 0 }], limit: 1 });
      const [one, two] = await Promise.all([pushOk(app, memberA, batch), pushOk(app, memberA, batch)]);
      expect(one.acked).toEqual(batch.map((m) => m.id));
      expect(two.acked).toEqual(one.acked);
      const after = await store.records.pull({ scopes: [{ scope: COMMUNE_A.id, after: 0 }], limit: 1 });
      // Three records, three new sequence numbers: not six.
      expect(after.scopes[0]!.headSeq - before.scopes[0]!.headSeq).toBe(3);
    });

    it('[I10] a delete and a concurrent edit of another field: the record stays deleted everywhere, and pull delivers the tombstone', async () => {
      const recordId = uuidv7();
      const t = Date.now() - 60_000;
      await pushOk(app, memberA, [mutation('contacts', recordId, contactFields(memberA), hlcAt(t))]);
      const { cursor } = await pullAll(app, member2A);
      await pushOk(app, leaderA, [mutation('contacts', recordId, { deleted: true }, hlcAt(t + 2_000, '00000000000000cc'))]);
      // A member who had not seen the delete edits the note offline, before the delete, and syncs later.
      await pushOk(app, member2A, [mutation('contacts', recordId, { note: 'sửa khi chưa biết đã xoá' }, hlcAt(t + 1_000, '00000000000000dd'))]);
      const next = (await pull(app, member2A, { cursor })).json<PullResponse>();
      const tombstone = fromWireRecord(findIn(next.changes, recordId)!.record);
      expect(tombstone).toMatchObject({ deleted: true, note: 'sửa khi chưa biết đã xoá' });
      // Undo is an explicit later write of deleted:false (by someone allowed to delete).
      await pushOk(app, leaderA, [mutation('contacts', recordId, { deleted: false }, hlcAt(t + 3_000, '00000000000000cc'))]);
      expect((await scopeRows(COMMUNE_A.id)).find((row) => row.record.id === recordId)!.record.deleted).toBe(false);
    });

    it('[I4] a second create of the same record id merges into one record, never a duplicate', async () => {
      const recordId = uuidv7();
      await pushOk(app, memberA, [mutation('contacts', recordId, contactFields(memberA, { name: 'Lần 1' }), hlcAt(Date.now() - 1000))]);
      await pushOk(app, memberA, [mutation('contacts', recordId, contactFields(memberA, { name: 'Lần 2' }))]);
      expect((await scopeRows(COMMUNE_A.id)).filter((row) => row.record.id === recordId)).toHaveLength(1);
    });

    it('[I12] a poison mutation is rejected and remembered; the rest of the batch is applied', async () => {
      const good1 = mutation('contacts', uuidv7(), contactFields(memberA, { name: 'Trước' }));
      const poison = mutation('contacts', uuidv7(), contactFields(memberA, { name: 'x'.repeat(201) }));
      const good2 = mutation('contacts', uuidv7(), contactFields(memberA, { name: 'Sau' }));
      const res = await pushOk(app, memberA, [good1, poison, good2]);
      expect(res.acked).toEqual([good1.id, good2.id]);
      expect(res.rejected).toEqual([{ id: poison.id, code: 'invalid', message: 'validation.tooLong' }]);
      const ids = (await scopeRows(COMMUNE_A.id)).map((row) => row.record.id);
      expect(ids).toContain(good1.recordId);
      expect(ids).toContain(good2.recordId);
      expect(ids).not.toContain(poison.recordId);
      // Retried (outcome unknown on the phone): the same answer, from memory.
      expect((await pushOk(app, memberA, [poison])).rejected).toEqual(res.rejected);
    });

    it.each([
      ['a text over its length', { name: 'x'.repeat(201) }, 'validation.tooLong'],
      ['a value outside its list', { name: 'ok', favorite: 'yes' }, 'validation.invalidType'],
      ['a malformed phone', { name: 'ok', phones: ['12ab'] }, 'validation.phone'],
      ['a missing required field on create', { note: 'no name' }, 'validation.required'],
      ['an unknown field', { name: 'ok', ethnicity: 'not collected' }, 'validation.unknownField'],
      ['the reserved id key', { name: 'ok', id: 'x' }, 'validation.unknownField'],
      ['a malformed createdAt', { name: 'ok', createdAt: 'yesterday' }, 'validation.dateTime'],
    ])('[V1] %s → rejected "invalid" with the validation key, nothing stored', async (_label, fields, message) => {
      const base = contactFields(memberA);
      delete base.name;
      const m = mutation('contacts', uuidv7(), { ...base, ...fields });
      const res = await pushOk(app, memberA, [m]);
      expect(res.rejected).toEqual([{ id: m.id, code: 'invalid', message }]);
      expect((await scopeRows(COMMUNE_A.id)).some((row) => row.record.id === m.recordId)).toBe(false);
    });

    it('[V1] assistance logs: outcome, consent and the sensitive-barrier rule are enforced on the merged record', async () => {
      const bad = mutation('assistanceLogs', uuidv7(), logFields(memberA, { outcome: 'maybe' }));
      const noConsent = mutation('assistanceLogs', uuidv7(), logFields(memberA, { citizen: { name: 'Y Blông', consent: true } }));
      const logId = uuidv7();
      const named = mutation('assistanceLogs', logId, logFields(memberA, { citizen: { name: 'Y Blông', consent: true, consentEvidence: consent(memberA) } }));
      // Valid alone, but the merged record would hold a health barrier next to a named citizen.
      const sensitive = mutation('assistanceLogs', logId, { barriers: ['disability'] });
      const res = await pushOk(app, memberA, [bad, noConsent, named, sensitive]);
      expect(res.acked).toEqual([named.id]);
      expect(res.rejected).toEqual([
        { id: bad.id, code: 'invalid', message: 'validation.invalidOption' },
        { id: noConsent.id, code: 'invalid', message: 'validation.consentRequired' },
        { id: sensitive.id, code: 'invalid', message: 'validation.sensitiveBarrier' },
      ]);
      const stored = (await scopeRows(COMMUNE_A.id)).find((row) => row.record.id === logId)!;
      expect(stored.record.barriers).toBeUndefined();
    });

    it('[V1] absurd dates and a CCCD in a note are refused by the server too (a phone with a bad form cannot push them)', async () => {
      const future = mutation('assistanceLogs', uuidv7(), logFields(memberA, { occurredAt: '2099-05-01T02:00:00.000Z' }));
      const ancient = mutation('assistanceLogs', uuidv7(), logFields(memberA, { occurredAt: '1901-01-01T02:00:00.000Z' }));
      const followUpFirst = mutation('assistanceLogs', uuidv7(), logFields(memberA, { occurredAt: '2025-08-01T02:00:00.000Z', followUpAt: '2025-07-01' }));
      const cccd = mutation('assistanceLogs', uuidv7(), logFields(memberA, { note: 'CCCD 001203012345' }));
      const res = await pushOk(app, memberA, [future, ancient, followUpFirst, cccd]);
      expect(res.acked).toEqual([]);
      expect(res.rejected).toEqual([
        { id: future.id, code: 'invalid', message: 'validation.dateInFuture' },
        { id: ancient.id, code: 'invalid', message: 'validation.dateTooEarly' },
        { id: followUpFirst.id, code: 'invalid', message: 'validation.followUpBeforeHelp' },
        { id: cccd.id, code: 'invalid', message: 'validation.citizenIdInNote' },
      ]);
    });

    it('[V2] extra keys on the body or a mutation, or a mutation without a UUID id → 400, nothing stored', async () => {
      const m = mutation('contacts', uuidv7(), contactFields(memberA));
      const payloads = [
        { clientId: 'x', schemaVersion: 1, mutations: [m], extra: true },
        { clientId: 'x', schemaVersion: 1, mutations: [{ ...m, id: 'not-a-uuid' }] },
        { clientId: 'x', schemaVersion: 1 },
        { clientId: 'x', schemaVersion: 1, mutations: Array.from({ length: LIMITS.pushMutations + 1 }, () => mutation('contacts', uuidv7(), {})) },
      ];
      for (const payload of payloads) {
        const res = await app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(memberA), payload });
        expect(res.statusCode).toBe(400);
        expect(res.json<ErrorBody>().error.code).toBe('bad_request');
      }
      expect((await scopeRows(COMMUNE_A.id)).some((row) => row.record.id === m.recordId)).toBe(false);
    });

    it('[V2] a mutation with an unknown table, an extra key or a bad clock is rejected on its own; the batch goes on', async () => {
      const good = mutation('contacts', uuidv7(), contactFields(memberA));
      const unknownTable = mutation('users', uuidv7(), { role: 'admin' });
      const extraKey = { ...mutation('contacts', uuidv7(), contactFields(memberA)), communeId: COMMUNE_B.id };
      const badClock = mutation('contacts', uuidv7(), contactFields(memberA), '2026-13-45T99:00:00.000Z-0000-0123456789abcdef');
      const res = await pushOk(app, memberA, [unknownTable, extraKey, badClock, good]);
      expect(res.acked).toEqual([good.id]);
      expect(res.rejected).toEqual([
        { id: unknownTable.id, code: 'invalid', message: 'validation.invalidOption' },
        { id: extraKey.id, code: 'invalid', message: 'validation.unknownField' },
        { id: badClock.id, code: 'invalid', message: 'validation.invalidType' },
      ]);
    });

    it('[V5] text with SQL in it round-trips byte for byte, and every table is still there', async () => {
      const recordId = uuidv7();
      await pushOk(app, memberA, [mutation('contacts', recordId, contactFields(memberA, { name: SQL_INJECTION, note: "\\'; --\u0000 ☎ 𝐀" }))]);
      const record = fromWireRecord(findIn((await pullAll(app, member2A)).changes, recordId)!.record);
      expect(record.name).toBe(SQL_INJECTION);
      expect(record.note).toBe("\\'; --\u0000 ☎ 𝐀");
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect((await store.accounts.listUsers()).length).toBeGreaterThan(0);
    });

    describe('scope and roles', () => {
      it('[I8] a forged communeId on create → wrong_commune; a forged createdBy → immutable_field; nothing stored anywhere', async () => {
        const forgedCommune = mutation('contacts', uuidv7(), contactFields(memberA, { communeId: COMMUNE_B.id }));
        const forgedAuthor = mutation('contacts', uuidv7(), contactFields(memberA, { createdBy: member2A.userId }));
        const res = await pushOk(app, memberA, [forgedCommune, forgedAuthor]);
        expect(res.rejected).toEqual([
          { id: forgedCommune.id, code: 'wrong_commune', message: 'sync.wrongCommune' },
          { id: forgedAuthor.id, code: 'immutable_field', message: 'sync.immutableField' },
        ]);
        for (const scope of [COMMUNE_A.id, COMMUNE_B.id]) {
          const ids = (await scopeRows(scope)).map((row) => row.record.id);
          expect(ids).not.toContain(forgedCommune.recordId);
          expect(ids).not.toContain(forgedAuthor.recordId);
        }
      });

      it('[I8] commune B can neither change nor read commune A’s record, and learns nothing from the answer', async () => {
        const recordId = uuidv7();
        await pushOk(app, memberA, [mutation('contacts', recordId, contactFields(memberA, { name: 'Bí mật của xã A' }))]);
        const before = (await scopeRows(COMMUNE_A.id)).find((row) => row.record.id === recordId)!;

        const attacks = [
          mutation('contacts', recordId, { name: 'Đã bị sửa' }, hlcAt(Date.now() + 60_000)),
          mutation('contacts', recordId, { deleted: true }, hlcAt(Date.now() + 60_000)),
          mutation('contacts', recordId, contactFields(memberB, { name: 'Ghi đè' }), hlcAt(Date.now() + 60_000)),
        ];
        const res = await push(app, memberB, attacks);
        expect(res.statusCode).toBe(200);
        expect(res.json<PushResponse>().rejected.map((r) => r.code)).toEqual(['wrong_commune', 'wrong_commune', 'wrong_commune']);
        expect(res.body).not.toContain(COMMUNE_A.id);
        expect(res.body).not.toContain('Bí mật');

        const after = (await scopeRows(COMMUNE_A.id)).find((row) => row.record.id === recordId)!;
        expect(after).toEqual(before);
        expect((await scopeRows(COMMUNE_B.id)).some((row) => row.record.id === recordId)).toBe(false);
        const seenByB = await pullAll(app, memberB);
        expect(seenByB.changes.some((change) => change.id === recordId || change.record.communeId === COMMUNE_A.id)).toBe(false);
        expect(JSON.stringify(seenByB.changes)).not.toContain('Bí mật');
      });

      it('[I8] a forged or borrowed cursor gives commune B nothing of commune A', async () => {
        const { cursor: cursorOfA } = await pullAll(app, memberA);
        const decoded = JSON.parse(Buffer.from(cursorOfA, 'base64url').toString()) as Record<string, unknown>;
        const forged = Buffer.from(JSON.stringify({ ...decoded, c: 0, p: 0 })).toString('base64url');
        for (const cursor of [cursorOfA, forged]) {
          const { changes } = await pullAll(app, memberB, cursor);
          expect(changes.every((change) => change.record.communeId === COMMUNE_B.id || change.record.communeId === null)).toBe(true);
        }
      });

      it('[A12] members may not edit a teammate’s log; leaders may; reviewers and admins write no logs', async () => {
        const logId = uuidv7();
        await pushOk(app, memberA, [mutation('assistanceLogs', logId, logFields(memberA))]);
        const byTeammate = mutation('assistanceLogs', logId, { outcome: 'failed' });
        const byReviewer = mutation('assistanceLogs', uuidv7(), logFields(reviewerA));
        const byAdmin = mutation('assistanceLogs', uuidv7(), { ...logFields(adminQN), communeId: COMMUNE_A.id });
        expect((await pushOk(app, member2A, [byTeammate])).rejected).toEqual([{ id: byTeammate.id, code: 'forbidden', message: 'sync.notAllowed' }]);
        expect((await pushOk(app, reviewerA, [byReviewer])).rejected[0]?.code).toBe('forbidden');
        expect((await pushOk(app, adminQN, [byAdmin])).rejected[0]?.code).toBe('forbidden');
        const byLeader = mutation('assistanceLogs', logId, { outcome: 'referred' });
        expect((await pushOk(app, leaderA, [byLeader])).acked).toEqual([byLeader.id]);
        const stored = (await scopeRows(COMMUNE_A.id)).find((row) => row.record.id === logId)!;
        expect(stored.record).toMatchObject({ outcome: 'referred', createdBy: memberA.userId });
      });

      it('[A12] members add and edit contacts but only leaders delete them; only leaders create checklists', async () => {
        const contactId = uuidv7();
        await pushOk(app, memberA, [mutation('contacts', contactId, contactFields(memberA))]);
        const memberDelete = mutation('contacts', contactId, { deleted: true });
        expect((await pushOk(app, member2A, [memberDelete])).rejected[0]?.code).toBe('forbidden');
        expect((await pushOk(app, member2A, [mutation('contacts', contactId, { favorite: true })])).rejected).toEqual([]);
        expect((await pushOk(app, leaderA, [mutation('contacts', contactId, { deleted: true })])).rejected).toEqual([]);

        const checklist = { ...createMetaFor(memberA), templateId: 'readiness', templateVersion: 1, title: 'Sẵn sàng', scope: 'commune' };
        const byMember = mutation('checklists', uuidv7(), checklist);
        expect((await pushOk(app, memberA, [byMember])).rejected[0]?.code).toBe('forbidden');
        const byLeader = mutation('checklists', uuidv7(), { ...checklist, communeId: COMMUNE_A.id, createdBy: leaderA.userId });
        expect((await pushOk(app, leaderA, [byLeader])).acked).toEqual([byLeader.id]);
      });

      it('[A12] reviewers sign off in their own name only; a sign-off is never edited, only withdrawn by its author', async () => {
        const checklistId = uuidv7();
        const signOff = (signedBy: string) => ({
          ...createMetaFor(reviewerA),
          checklistId,
          signedBy,
          signedAt: '2026-03-02T10:00:00+07:00',
          comment: 'Đạt',
        });
        const forged = mutation('signOffs', uuidv7(), signOff(leaderA.userId));
        expect((await pushOk(app, reviewerA, [forged])).rejected).toEqual([{ id: forged.id, code: 'forbidden', message: 'sync.signOffNotYours' }]);
        const own = mutation('signOffs', uuidv7(), signOff(reviewerA.userId));
        expect((await pushOk(app, reviewerA, [own])).acked).toEqual([own.id]);
        const edit = mutation('signOffs', own.recordId, { comment: 'Sửa lại' });
        expect((await pushOk(app, reviewerA, [edit])).rejected[0]?.code).toBe('immutable_field');
        expect((await pushOk(app, memberA, [mutation('signOffs', own.recordId, { deleted: true })])).rejected[0]?.code).toBe('forbidden');
        expect((await pushOk(app, reviewerA, [mutation('signOffs', own.recordId, { deleted: true })])).rejected).toEqual([]);
      });

      it('[A12] new consent evidence must name the member who pushes it', async () => {
        const m = mutation('assistanceLogs', uuidv7(), logFields(memberA, { citizen: { name: 'A Lăng', consent: true, consentEvidence: consent(member2A) } }));
        expect((await pushOk(app, memberA, [m])).rejected).toEqual([{ id: m.id, code: 'forbidden', message: 'sync.consentNotYours' }]);
      });

      it('[A3] reviewers pull logs without the citizen sub-object; members get it', async () => {
        const logId = uuidv7();
        await pushOk(app, memberA, [
          mutation('assistanceLogs', logId, logFields(memberA, { citizen: { name: 'Hồ Thị Mai', phone: '0987654321', consent: true, consentEvidence: consent(memberA) } })),
        ]);
        const forReviewer = findIn((await pullAll(app, reviewerA)).changes, logId)!;
        expect(forReviewer.record).not.toHaveProperty('citizen');
        expect(JSON.stringify(forReviewer)).not.toMatch(/0987654321|Hồ Thị Mai|"citizen"/);
        expect(forReviewer.record).toMatchObject({ serviceId: 'vneid-install-register', outcome: 'done' });
        const forMember = findIn((await pullAll(app, member2A)).changes, logId)!;
        expect(forMember.record).toMatchObject({ citizen: { name: 'Hồ Thị Mai', phone: '0987654321' } });
      });

      it('[A12] reference data: only an admin of the province writes it, each province keeps its own copy', async () => {
        const service = seedServices()[0]!;
        const rename = (session: Session) => mutation('services', service.id, { name: { vi: `Đổi tên bởi ${session.name}`, en: '' } });
        expect((await pushOk(app, leaderA, [rename(leaderA)])).rejected[0]?.code).toBe('forbidden');
        const byAdmin = rename(adminQN);
        expect((await pushOk(app, adminQN, [byAdmin])).acked).toEqual([byAdmin.id]);
        const forgedProvince = mutation('services', uuidv7(), { ...service, id: undefined, provinceId: 'kon-tum' });
        expect((await pushOk(app, adminQN, [forgedProvince])).rejected[0]?.code).toBe('wrong_commune');

        const inQuangNgai = fromWireRecord(findIn((await pullAll(app, memberA)).changes, service.id)!.record);
        expect(inQuangNgai.name).toEqual({ vi: 'Đổi tên bởi adminQN', en: '' });
        const inKonTum = fromWireRecord(findIn((await pullAll(app, adminKT)).changes, service.id)!.record);
        expect(inKonTum.name).toEqual(service.name);
      });
    });

    it('[I9] a clock far in the future is capped at server time + 5 minutes, so later edits still win', async () => {
      const recordId = uuidv7();
      const future = Date.now() + 30 * 24 * 3600 * 1000;
      const res = await pushOk(app, memberA, [mutation('contacts', recordId, contactFields(memberA, { note: 'điện thoại lệch giờ' }), hlcAt(future, '00000000000000ff'))]);
      const stored = (await scopeRows(COMMUNE_A.id)).find((row) => row.record.id === recordId)!;
      const clock = parseHlc(stored.record.clocks.note!);
      expect(clock.millis).toBe(Date.parse(res.serverTime) + MAX_CLOCK_DRIFT_MS);
      expect(clock.node).toBe('00000000000000ff');
      // An honest edit made after the margin wins over the skewed phone's write.
      const later = mutation('contacts', recordId, { note: 'đã sửa' }, hlcAt(Date.now() + MAX_CLOCK_DRIFT_MS + 1_000));
      await pushOk(app, member2A, [later]);
      expect((await scopeRows(COMMUNE_A.id)).find((row) => row.record.id === recordId)!.record.note).toBe('đã sửa');
    });

    it('[I13] a data format below the minimum → 426, above the current one → 503 with Retry-After; nothing stored', async () => {
      const m = mutation('contacts', uuidv7(), contactFields(memberA));
      const old = await push(app, memberA, [m], { schemaVersion: MIN_SCHEMA_VERSION - 1 });
      expect(old.statusCode).toBe(426);
      expect(old.json<ErrorBody>().error.code).toBe('client_too_old');
      const newer = await push(app, memberA, [m], { schemaVersion: CURRENT_SCHEMA_VERSION + 1 });
      expect(newer.statusCode).toBe(503);
      expect(Number(newer.headers['retry-after'])).toBeGreaterThan(0);
      expect((await scopeRows(COMMUNE_A.id)).some((row) => row.record.id === m.recordId)).toBe(false);
      // …and the same mutation is accepted once the app speaks a known format.
      expect((await pushOk(app, memberA, [m])).acked).toEqual([m.id]);
    });

    describe('limits', () => {
      const raw = (payload: Buffer | string, headers: Record<string, string> = {}) =>
        app.inject({ method: 'POST', url: '/api/sync/push', headers: { ...bearer(memberA), 'content-type': 'application/json', ...headers }, payload });

      it('[V4] malformed JSON → 400', async () => {
        const res = await raw('{"clientId": "x", "schemaVersion": 1, "mutations": [');
        expect(res.statusCode).toBe(400);
        expect(res.json<ErrorBody>().error.code).toBe('bad_request');
      });

      it('[V4] one mutation over 64 KB → rejected too_large; the batch goes on', async () => {
        const big = mutation('contacts', uuidv7(), contactFields(memberA, { note: 'x'.repeat(LIMITS.mutationBytes) }));
        const small = mutation('contacts', uuidv7(), contactFields(memberA));
        const res = await pushOk(app, memberA, [big, small]);
        expect(res.acked).toEqual([small.id]);
        expect(res.rejected).toEqual([{ id: big.id, code: 'too_large', message: 'sync.mutationTooLarge' }]);
      });

      it('[V4] a body over 1 MB on the wire → 413 (declared or streamed)', async () => {
        const body = JSON.stringify({ clientId: 'x', schemaVersion: 1, mutations: [], pad: 'x'.repeat(PUSH_WIRE_LIMIT) });
        const res = await raw(body);
        expect(res.statusCode).toBe(413);
        expect(res.json<ErrorBody>().error.code).toBe('too_large');
        // A 20 MB body (docs/privacy.md checklist item 4).
        expect((await raw('x'.repeat(20 * 1024 * 1024))).statusCode).toBe(413);
      });

      it('[V4] gzip bodies are accepted; a gzip bomb (tiny on the wire, > 8 MB inflated) → 413 without buffering it', async () => {
        const m = mutation('contacts', uuidv7(), contactFields(memberA, { note: 'nén gzip' }));
        const ok = await raw(gzipSync(JSON.stringify({ clientId: 'x', schemaVersion: 1, mutations: [m] })), { 'content-encoding': 'gzip' });
        expect(ok.statusCode).toBe(200);
        expect(ok.json<PushResponse>().acked).toEqual([m.id]);

        const bomb = gzipSync(JSON.stringify({ clientId: 'x', schemaVersion: 1, mutations: [], pad: ' '.repeat(64 * 1024 * 1024) }));
        expect(bomb.length).toBeLessThan(PUSH_WIRE_LIMIT);
        const heapBefore = process.memoryUsage().heapUsed;
        const res = await raw(bomb, { 'content-encoding': 'gzip' });
        expect(res.statusCode).toBe(413);
        expect(res.json<ErrorBody>().error.code).toBe('too_large');
        // Inflation stopped at the 8 MB limit: far less than the 64 MB inside was ever held.
        expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(40 * 1024 * 1024);
      });

      it('[V4] a compressed body over 1 MB on the wire → 413 even though it would inflate under 8 MB', async () => {
        // Random base64 barely compresses: > 1 MB gzipped, < 8 MB inflated.
        const noise = randomBytes(1_500_000).toString('base64');
        const body = gzipSync(JSON.stringify({ clientId: 'x', schemaVersion: 1, mutations: [], pad: noise }));
        expect(body.length).toBeGreaterThan(PUSH_WIRE_LIMIT);
        const res = await raw(body, { 'content-encoding': 'gzip' });
        expect(res.statusCode).toBe(413);
      });

      it('[V4] a chunked upload (no declared length) over 1 MB on the wire → 413, counted as it streams', async () => {
        // 1.5 MB: under the 8 MB inflated limit, so only the wire limit can refuse it.
        const body = Buffer.from(JSON.stringify({ clientId: 'x', schemaVersion: 1, mutations: [], pad: 'x'.repeat(1_500_000) }));
        const address = await app.listen({ port: 0, host: '127.0.0.1' });
        const status = await new Promise<number>((resolve, reject) => {
          const request = httpRequest(`${address}/api/sync/push`, {
            method: 'POST',
            headers: { ...bearer(memberA), 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
          });
          request.on('response', (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          });
          // The server may answer and close before every chunk is written.
          request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
          for (let offset = 0; offset < body.length; offset += 64 * 1024) request.write(body.subarray(offset, offset + 64 * 1024));
          request.end();
        });
        expect(status).toBe(413);
      });
    });
  });

  describe('GET /api/sync/pull', () => {
    it('[A0] without a valid token → 401', async () => {
      for (const headers of [{}, { authorization: 'Bearer x.y.z' }]) {
        const res = await app.inject({ method: 'GET', url: '/api/sync/pull', headers });
        expect(res.statusCode).toBe(401);
        expect(res.json<ErrorBody>().error.code).toBe('unauthorized');
      }
    });

    it('[I6] the first pull brings the province reference data, reference first; an admin gets only the province', async () => {
      const { changes } = await pullAll(app, memberB);
      const reference = changes.filter((change) => change.record.communeId === null);
      expect(reference.map((change) => change.table).sort()).toEqual(
        [...seedServices().map(() => 'services'), ...seedChecklistTemplatesFor('quang-ngai').map(() => 'checklistTemplates')].sort(),
      );
      expect(reference).toHaveLength(SEEDED);
      expect(changes.slice(0, SEEDED).every((change) => change.record.communeId === null)).toBe(true);
      const forAdmin = await pullAll(app, adminKT);
      expect(forAdmin.changes).toHaveLength(seededIn('kon-tum'));
      expect(forAdmin.changes.every((change) => change.record.provinceId === 'kon-tum')).toBe(true);
    });

    it('[I6] paging: stopping after any page and resuming from its cursor gives exactly the uninterrupted result', async () => {
      const whole = await pullAll(app, memberA, undefined, 1000);
      expect(whole.pages).toBe(1);
      const paged = await pullAll(app, memberA, undefined, 7);
      expect(paged.pages).toBeGreaterThan(5);
      expect(paged.changes).toEqual(whole.changes);
      // Abort after page 3, resume later from its stored cursor.
      let cursor: string | undefined;
      const seen: PullResponse['changes'] = [];
      for (let page = 0; page < 3; page++) {
        const body = (await pull(app, memberA, { ...(cursor ? { cursor } : {}), limit: 7 })).json<PullResponse>();
        seen.push(...body.changes);
        cursor = body.cursor;
      }
      seen.push(...(await pullAll(app, memberA, cursor, 7)).changes);
      expect(seen).toEqual(whole.changes);
      expect((await pull(app, memberA, { cursor: whole.cursor })).json<PullResponse>()).toMatchObject({ changes: [], hasMore: false, cursor: whole.cursor });
    });

    it('[I6] a record changed after a pull comes again, with its new state, in the next pull', async () => {
      const recordId = uuidv7();
      await pushOk(app, memberA, [mutation('contacts', recordId, contactFields(memberA))]);
      const { cursor } = await pullAll(app, member2A);
      await pushOk(app, memberA, [mutation('contacts', recordId, { note: 'mới' })]);
      const next = (await pull(app, member2A, { cursor })).json<PullResponse>();
      expect(next.changes.map((change) => [change.id, change.record.note])).toEqual([[recordId, 'mới']]);
    });

    it.each([['limit=0'], ['limit=5000'], ['limit=abc'], ['cursor=%%%'], ['cursor=bm90LWpzb24']])('[V6] %s → 400', async (query) => {
      const res = await app.inject({ method: 'GET', url: `/api/sync/pull?${query}`, headers: bearer(memberA) });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().error.code).toBe('bad_request');
    });

    it('[I6] a new epoch (restored or re-seeded database) → the old cursor gets a full resync', async () => {
      const { changes, cursor } = await pullAll(app, memberA);
      expect((await pull(app, memberA, { cursor })).json<PullResponse>().changes).toEqual([]);
      const epoch = await store.getMeta(META_KEYS.epoch);
      await store.setMeta(META_KEYS.epoch, 'f'.repeat(32));
      try {
        const again = await pullAll(app, memberA, cursor);
        expect(again.changes.map((change) => change.id).sort()).toEqual(changes.map((change) => change.id).sort());
        expect(JSON.parse(Buffer.from(again.cursor, 'base64url').toString())).toMatchObject({ epoch: 'f'.repeat(32) });
      } finally {
        await store.setMeta(META_KEYS.epoch, epoch!);
      }
    });

    it('[I6] a cursor beyond what the database holds (a restore that kept the epoch) → full resync', async () => {
      const { changes, cursor } = await pullAll(app, memberA);
      const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, number>;
      const ahead = Buffer.from(JSON.stringify({ ...decoded, c: decoded.c! + 1_000 })).toString('base64url');
      expect((await pullAll(app, memberA, ahead)).changes).toHaveLength(changes.length);
    });

    it('[I14] an idle pull is small; big pages are compressed', async () => {
      const { cursor } = await pullAll(app, memberA);
      const idle = await pull(app, memberA, { cursor });
      expect(idle.rawPayload.length).toBeLessThan(2048);
      const big = await pull(app, memberA, {}, { headers: { ...bearer(memberA), 'accept-encoding': 'gzip' } });
      expect(big.headers['content-encoding']).toBe('gzip');
      expect(big.headers['cache-control']).toBe('no-store');
    });
  });

  describe('rate limit', () => {
    it('[A10] sync requests over the per-user limit → 429 with Retry-After; other users go on', async () => {
      const limited = await makeApp(store, { SYNC_RATE_LIMIT: '3' });
      try {
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await pull(limited, memberA)).statusCode);
        expect(statuses).toEqual([200, 200, 200, 429]);
        const res = await pull(limited, memberA);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect((await pull(limited, member2A)).statusCode).toBe(200);
      } finally {
        await limited.close();
      }
    });
  });
}

/** The creation metadata as a reviewer's phone sends it. */
function createMetaFor(session: Session): Record<string, unknown> {
  const now = new Date().toISOString();
  return { communeId: session.communeId, createdBy: session.userId, createdAt: now, updatedAt: now, deleted: false };
}

describe('sync API on SQLite (pushes on the push thread, as the server runs)', () => {
  const backgroundErrors: Error[] = [];
  syncSuite(sqliteFixture, {
    serverStore: (fixture) => openServerStore({ kind: 'sqlite', file: fixture.file }, (error) => backgroundErrors.push(error)),
  });
  afterAll(() => expect(backgroundErrors).toEqual([]));
});

describePostgres('sync API on PostgreSQL', () => {
  syncSuite(postgresFixture);
});
