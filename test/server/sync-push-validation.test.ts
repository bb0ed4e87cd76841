// What a push may carry (docs/sync.md §5, src/shared/sync/PROTOCOL.md), on a real SQLite file and a real
// PostgreSQL database: every mutation validated by the shared schemas on its own, the request's shape,
// SQL-looking text kept byte for byte, and the size limits on the wire. Test ids: V… validation and limits.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/server/errors';
import { PUSH_WIRE_LIMIT } from '../../src/server/routes/sync';
import { uuidv7 } from '../../src/shared/sync/ids';
import { LIMITS, fromWireRecord, type PushResponse } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { consentBy, findIn, onPushThread, scopeRows, serverWorld, type WorldOptions } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { COMMUNE_A, COMMUNE_B, bearer, contactFields, createMeta, logFields, mutation, pullAll, pushOk } from './sync-fixtures';

const SQL_INJECTION = "Robert'); DROP TABLE records; -- và \"; DELETE FROM users; --";


function validationSuite<F extends StoreFixture>(factory: () => Promise<F>, options: WorldOptions<F> = {}): void {
  const world = serverWorld(factory, ['memberA', 'member2A', 'reviewerA'], options);

  describe('POST /api/sync/push', () => {
    it.each([
      ['a text over its length', { name: 'x'.repeat(201) }, 'validation.tooLong'],
      ['a value outside its list', { name: 'ok', favorite: 'yes' }, 'validation.invalidType'],
      ['a malformed phone', { name: 'ok', phones: ['12ab'] }, 'validation.phone'],
      ['a missing required field on create', { note: 'no name' }, 'validation.required'],
      ['an unknown field', { name: 'ok', ethnicity: 'not collected' }, 'validation.unknownField'],
      ['the reserved id key', { name: 'ok', id: 'x' }, 'validation.unknownField'],
      ['a malformed createdAt', { name: 'ok', createdAt: 'yesterday' }, 'validation.dateTime'],
    ])('[V1] %s → rejected "invalid" with the validation key, nothing stored', async (_label, fields, message) => {
      const base = contactFields(world.memberA);
      delete base.name;
      const m = mutation('contacts', uuidv7(), { ...base, ...fields });
      const res = await pushOk(world.app, world.memberA, [m]);
      expect(res.rejected).toEqual([{ id: m.id, code: 'invalid', message }]);
      expect((await scopeRows(world.store, COMMUNE_A.id)).some((row) => row.record.id === m.recordId)).toBe(false);
    });

    it('[V1] assistance logs: outcome, consent and the sensitive-barrier rule are enforced on the merged record', async () => {
      const bad = mutation('assistanceLogs', uuidv7(), logFields(world.memberA, { outcome: 'maybe' }));
      const noConsent = mutation('assistanceLogs', uuidv7(), logFields(world.memberA, { citizen: { name: 'Y Blông', consent: true } }));
      const logId = uuidv7();
      const named = mutation('assistanceLogs', logId, logFields(world.memberA, { citizen: { name: 'Y Blông', consent: true, consentEvidence: consentBy(world.memberA) } }));
      // Valid alone, but the merged record would hold a health barrier next to a named citizen.
      const sensitive = mutation('assistanceLogs', logId, { barriers: ['disability'] });
      const res = await pushOk(world.app, world.memberA, [bad, noConsent, named, sensitive]);
      expect(res.acked).toEqual([named.id]);
      expect(res.rejected).toEqual([
        { id: bad.id, code: 'invalid', message: 'validation.invalidOption' },
        { id: noConsent.id, code: 'invalid', message: 'validation.consentRequired' },
        { id: sensitive.id, code: 'invalid', message: 'validation.sensitiveBarrier' },
      ]);
      const stored = (await scopeRows(world.store, COMMUNE_A.id)).find((row) => row.record.id === logId)!;
      expect(stored.record.barriers).toBeUndefined();
    });

    it('[V1] absurd dates and a CCCD in a note are refused by the server too (a phone with a bad form cannot push them)', async () => {
      const future = mutation('assistanceLogs', uuidv7(), logFields(world.memberA, { occurredAt: '2099-05-01T02:00:00.000Z' }));
      const ancient = mutation('assistanceLogs', uuidv7(), logFields(world.memberA, { occurredAt: '1901-01-01T02:00:00.000Z' }));
      const followUpFirst = mutation('assistanceLogs', uuidv7(), logFields(world.memberA, { occurredAt: '2025-08-01T02:00:00.000Z', followUpAt: '2025-07-01' }));
      const cccd = mutation('assistanceLogs', uuidv7(), logFields(world.memberA, { note: 'CCCD 001203012345' }));
      const res = await pushOk(world.app, world.memberA, [future, ancient, followUpFirst, cccd]);
      expect(res.acked).toEqual([]);
      expect(res.rejected).toEqual([
        { id: future.id, code: 'invalid', message: 'validation.dateInFuture' },
        { id: ancient.id, code: 'invalid', message: 'validation.dateTooEarly' },
        { id: followUpFirst.id, code: 'invalid', message: 'validation.followUpBeforeHelp' },
        { id: cccd.id, code: 'invalid', message: 'validation.citizenIdInNote' },
      ]);
    });

    it("[V1] a consent's recordedAt and a sign-off's signedAt are bounded by the server's clock: days ahead or before the teams existed is refused, nothing stored", async () => {
      const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
      const consentAt = (recordedAt: string) => mutation('assistanceLogs', uuidv7(), logFields(world.memberA, { citizen: { name: 'Y Blông', consent: true, consentEvidence: { ...consentBy(world.memberA), recordedAt } } }));
      const signOffAt = (signedAt: string) => mutation('signOffs', uuidv7(), { ...createMeta(world.reviewerA), checklistId: uuidv7(), signedBy: world.reviewerA.userId, signedAt, comment: null });
      const consentAhead = consentAt(hoursFromNow(48));
      const consentAncient = consentAt('1999-12-31T17:00:00.000Z');
      const consentNow = consentAt(hoursFromNow(0));
      const logs = await pushOk(world.app, world.memberA, [consentAhead, consentAncient, consentNow]);
      expect(logs.acked).toEqual([consentNow.id]);
      expect(logs.rejected).toEqual([
        { id: consentAhead.id, code: 'invalid', message: 'validation.dateInFuture' },
        { id: consentAncient.id, code: 'invalid', message: 'validation.dateTooEarly' },
      ]);
      const signAhead = signOffAt(hoursFromNow(48));
      const signAncient = signOffAt('2000-01-01T00:00:00.000Z');
      // A phone a few hours fast is within the margin.
      const signFast = signOffAt(hoursFromNow(3));
      const signs = await pushOk(world.app, world.reviewerA, [signAhead, signAncient, signFast]);
      expect(signs.acked).toEqual([signFast.id]);
      expect(signs.rejected).toEqual([
        { id: signAhead.id, code: 'invalid', message: 'validation.dateInFuture' },
        { id: signAncient.id, code: 'invalid', message: 'validation.dateTooEarly' },
      ]);
      const stored = new Set((await scopeRows(world.store, COMMUNE_A.id)).map((row) => row.record.id));
      expect([consentAhead, consentAncient, consentNow, signAhead, signAncient, signFast].map((m) => stored.has(m.recordId))).toEqual([false, false, true, false, false, true]);
    });

    it('[V2] extra keys on the body or a mutation, or a mutation without a UUID id → 400, nothing stored', async () => {
      const m = mutation('contacts', uuidv7(), contactFields(world.memberA));
      const payloads = [
        { clientId: 'x', schemaVersion: 1, mutations: [m], extra: true },
        { clientId: 'x', schemaVersion: 1, mutations: [{ ...m, id: 'not-a-uuid' }] },
        { clientId: 'x', schemaVersion: 1 },
        { clientId: 'x', schemaVersion: 1, mutations: Array.from({ length: LIMITS.pushMutations + 1 }, () => mutation('contacts', uuidv7(), {})) },
      ];
      for (const payload of payloads) {
        const res = await world.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(world.memberA), payload });
        expect(res.statusCode).toBe(400);
        expect(res.json<ErrorBody>().error.code).toBe('bad_request');
      }
      expect((await scopeRows(world.store, COMMUNE_A.id)).some((row) => row.record.id === m.recordId)).toBe(false);
    });

    it('[V2] a mutation with an unknown table, an extra key or a bad clock is rejected on its own; the batch goes on', async () => {
      const good = mutation('contacts', uuidv7(), contactFields(world.memberA));
      const unknownTable = mutation('users', uuidv7(), { role: 'admin' });
      const extraKey = { ...mutation('contacts', uuidv7(), contactFields(world.memberA)), communeId: COMMUNE_B.id };
      const badClock = mutation('contacts', uuidv7(), contactFields(world.memberA), '2026-13-45T99:00:00.000Z-0000-0123456789abcdef');
      const res = await pushOk(world.app, world.memberA, [unknownTable, extraKey, badClock, good]);
      expect(res.acked).toEqual([good.id]);
      expect(res.rejected).toEqual([
        { id: unknownTable.id, code: 'invalid', message: 'validation.invalidOption' },
        { id: extraKey.id, code: 'invalid', message: 'validation.unknownField' },
        { id: badClock.id, code: 'invalid', message: 'validation.invalidType' },
      ]);
    });

    it('[V5] text with SQL in it round-trips byte for byte, and every table is still there', async () => {
      const recordId = uuidv7();
      await pushOk(world.app, world.memberA, [mutation('contacts', recordId, contactFields(world.memberA, { name: SQL_INJECTION, note: "\\'; --\u0000 ☎ 𝐀" }))]);
      const record = fromWireRecord(findIn((await pullAll(world.app, world.member2A)).changes, recordId)!.record);
      expect(record.name).toBe(SQL_INJECTION);
      expect(record.note).toBe("\\'; --\u0000 ☎ 𝐀");
      expect((await world.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect((await world.store.accounts.listUsers()).length).toBeGreaterThan(0);
    });
    describe('limits', () => {
      const raw = (payload: Buffer | string, headers: Record<string, string> = {}) =>
        world.app.inject({ method: 'POST', url: '/api/sync/push', headers: { ...bearer(world.memberA), 'content-type': 'application/json', ...headers }, payload });

      it('[V4] malformed JSON → 400', async () => {
        const res = await raw('{"clientId": "x", "schemaVersion": 1, "mutations": [');
        expect(res.statusCode).toBe(400);
        expect(res.json<ErrorBody>().error.code).toBe('bad_request');
      });

      it('[V4] one mutation over 64 KB → rejected too_large; the batch goes on', async () => {
        const big = mutation('contacts', uuidv7(), contactFields(world.memberA, { note: 'x'.repeat(LIMITS.mutationBytes) }));
        const small = mutation('contacts', uuidv7(), contactFields(world.memberA));
        const res = await pushOk(world.app, world.memberA, [big, small]);
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
        const m = mutation('contacts', uuidv7(), contactFields(world.memberA, { note: 'nén gzip' }));
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
        const address = await world.app.listen({ port: 0, host: '127.0.0.1' });
        const status = await new Promise<number>((resolve, reject) => {
          const request = httpRequest(`${address}/api/sync/push`, {
            method: 'POST',
            headers: { ...bearer(world.memberA), 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
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
}

describe('sync API on SQLite (pushes on the push thread, as the server runs)', () => {
  const backgroundErrors: Error[] = [];
  validationSuite(sqliteFixture, { serverStore: onPushThread((error) => backgroundErrors.push(error)) });
  afterAll(() => expect(backgroundErrors).toEqual([]));
});

describePostgres('sync API on PostgreSQL', () => {
  validationSuite(postgresFixture);
});
