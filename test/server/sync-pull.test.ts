// Pulling changes (docs/sync.md §4, src/shared/sync/PROTOCOL.md), on a real SQLite file and a real
// PostgreSQL database: reference data first, paging and resuming, resyncs after a restore, small idle
// pulls, and the per-user rate limit. Test ids: I6, I14, A0, A10.
import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/server/errors';
import { META_KEYS } from '../../src/server/storage/types';
import { seedChecklistTemplatesFor, seedServiceGuides, seedServices } from '../../src/shared/seed';
import { uuidv7 } from '../../src/shared/sync/ids';
import { type PullResponse } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { onPushThread, serverWorld, type WorldOptions } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { bearer, contactFields, makeApp, mutation, pull, pullAll, pushOk } from './sync-fixtures';

/** The reference records seeded into a province: the catalogue and its own and the national templates. */
const seededIn = (province: string) => seedServices().length + seedChecklistTemplatesFor(province).length + seedServiceGuides().length;
const SEEDED = seededIn('quang-ngai');


function pullSuite<F extends StoreFixture>(factory: () => Promise<F>, options: WorldOptions<F> = {}): void {
  const world = serverWorld(factory, ['memberA', 'member2A', 'memberB', 'adminKT'], options);

  describe('GET /api/sync/pull', () => {
    it('[A0] without a valid token → 401', async () => {
      for (const headers of [{}, { authorization: 'Bearer x.y.z' }]) {
        const res = await world.app.inject({ method: 'GET', url: '/api/sync/pull', headers });
        expect(res.statusCode).toBe(401);
        expect(res.json<ErrorBody>().error.code).toBe('unauthorized');
      }
    });

    it('[I6] the first pull brings the province reference data, reference first; an admin gets only the province', async () => {
      const { changes } = await pullAll(world.app, world.memberB);
      const reference = changes.filter((change) => change.record.communeId === null);
      expect(reference.map((change) => change.table).sort()).toEqual(
        [...seedServices().map(() => 'services'), ...seedChecklistTemplatesFor('quang-ngai').map(() => 'checklistTemplates'), ...seedServiceGuides().map(() => 'serviceGuides')].sort(),
      );
      expect(reference).toHaveLength(SEEDED);
      expect(changes.slice(0, SEEDED).every((change) => change.record.communeId === null)).toBe(true);
      const forAdmin = await pullAll(world.app, world.adminKT);
      expect(forAdmin.changes).toHaveLength(seededIn('kon-tum'));
      expect(forAdmin.changes.every((change) => change.record.provinceId === 'kon-tum')).toBe(true);
    });

    it('[I6] paging: stopping after any page and resuming from its cursor gives exactly the uninterrupted result', async () => {
      const whole = await pullAll(world.app, world.memberA, undefined, 1000);
      expect(whole.pages).toBe(1);
      const paged = await pullAll(world.app, world.memberA, undefined, 7);
      expect(paged.pages).toBeGreaterThan(5);
      expect(paged.changes).toEqual(whole.changes);
      // Abort after page 3, resume later from its stored cursor.
      let cursor: string | undefined;
      const seen: PullResponse['changes'] = [];
      for (let page = 0; page < 3; page++) {
        const body = (await pull(world.app, world.memberA, { ...(cursor ? { cursor } : {}), limit: 7 })).json<PullResponse>();
        seen.push(...body.changes);
        cursor = body.cursor;
      }
      seen.push(...(await pullAll(world.app, world.memberA, cursor, 7)).changes);
      expect(seen).toEqual(whole.changes);
      expect((await pull(world.app, world.memberA, { cursor: whole.cursor })).json<PullResponse>()).toMatchObject({ changes: [], hasMore: false, cursor: whole.cursor });
    });

    it('[I6] a record changed after a pull comes again, with its new state, in the next pull', async () => {
      const recordId = uuidv7();
      await pushOk(world.app, world.memberA, [mutation('contacts', recordId, contactFields(world.memberA))]);
      const { cursor } = await pullAll(world.app, world.member2A);
      await pushOk(world.app, world.memberA, [mutation('contacts', recordId, { note: 'mới' })]);
      const next = (await pull(world.app, world.member2A, { cursor })).json<PullResponse>();
      expect(next.changes.map((change) => [change.id, change.record.note])).toEqual([[recordId, 'mới']]);
    });

    it.each([['limit=0'], ['limit=5000'], ['limit=abc'], ['cursor=%%%'], ['cursor=bm90LWpzb24']])('[V6] %s → 400', async (query) => {
      const res = await world.app.inject({ method: 'GET', url: `/api/sync/pull?${query}`, headers: bearer(world.memberA) });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().error.code).toBe('bad_request');
    });

    it('[I6] a new epoch (restored or re-seeded database) → the old cursor gets a full resync', async () => {
      const { changes, cursor } = await pullAll(world.app, world.memberA);
      expect((await pull(world.app, world.memberA, { cursor })).json<PullResponse>().changes).toEqual([]);
      const epoch = await world.store.getMeta(META_KEYS.epoch);
      await world.store.setMeta(META_KEYS.epoch, 'f'.repeat(32));
      try {
        const again = await pullAll(world.app, world.memberA, cursor);
        expect(again.changes.map((change) => change.id).sort()).toEqual(changes.map((change) => change.id).sort());
        expect(JSON.parse(Buffer.from(again.cursor, 'base64url').toString())).toMatchObject({ epoch: 'f'.repeat(32) });
      } finally {
        await world.store.setMeta(META_KEYS.epoch, epoch!);
      }
    });

    it('[I6] a cursor beyond what the database holds (a restore that kept the epoch) → full resync', async () => {
      const { changes, cursor } = await pullAll(world.app, world.memberA);
      const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, number>;
      const ahead = Buffer.from(JSON.stringify({ ...decoded, c: decoded.c! + 1_000 })).toString('base64url');
      expect((await pullAll(world.app, world.memberA, ahead)).changes).toHaveLength(changes.length);
    });

    it('[I14] an idle pull is small; big pages are compressed', async () => {
      const { cursor } = await pullAll(world.app, world.memberA);
      const idle = await pull(world.app, world.memberA, { cursor });
      expect(idle.rawPayload.length).toBeLessThan(2048);
      const big = await pull(world.app, world.memberA, {}, { headers: { ...bearer(world.memberA), 'accept-encoding': 'gzip' } });
      expect(big.headers['content-encoding']).toBe('gzip');
      expect(big.headers['cache-control']).toBe('no-store');
    });
  });

  describe('rate limit', () => {
    it('[A10] sync requests over the per-user limit → 429 with Retry-After; other users go on', async () => {
      const limited = await makeApp(world.store, { SYNC_RATE_LIMIT: '3' });
      try {
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await pull(limited, world.memberA)).statusCode);
        expect(statuses).toEqual([200, 200, 200, 429]);
        const res = await pull(limited, world.memberA);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect((await pull(limited, world.member2A)).statusCode).toBe(200);
      } finally {
        await limited.close();
      }
    });
  });
}

describe('sync API on SQLite (pushes on the push thread, as the server runs)', () => {
  const backgroundErrors: Error[] = [];
  pullSuite(sqliteFixture, { serverStore: onPushThread((error) => backgroundErrors.push(error)) });
  afterAll(() => expect(backgroundErrors).toEqual([]));
});

describePostgres('sync API on PostgreSQL', () => {
  pullSuite(postgresFixture);
});
