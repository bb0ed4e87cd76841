// The SyncStore contract for accounts, sessions and sync storage: every implementation must pass
// all of it on a real database (storage.test.ts runs it on SQLite and PostgreSQL).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountStore } from '../../src/server/storage/account-types';
import type { PushPlan, PushState } from '../../src/server/storage/record-types';
import { DuplicateError, type SyncStore } from '../../src/server/storage/types';
import { formatHlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import type { StoreFixture, StoreFixtureFactory } from './store-fixtures';

const HLC = formatHlc({ millis: Date.parse('2026-03-02T01:00:00.000Z'), counter: 1, node: '0123456789abcdef' });
const record = (id: string, fields: Record<string, unknown>): SyncedRecord => ({
  id,
  ...fields,
  clocks: Object.fromEntries(Object.keys(fields).map((key) => [key, HLC])),
});

export function registerSyncStoreContract(name: string, factory: StoreFixtureFactory): void {
  describe(`SyncStore accounts and sync contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: SyncStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.open();
      await store.migrate();
    });

    afterEach(async () => {
      await fixture.dispose();
    });

    const newUser = (username: string, extra: Partial<Parameters<AccountStore['createUser']>[0]> = {}) => ({
      id: uuidv7(),
      username,
      displayName: username,
      role: 'member' as const,
      communeId: 'xa-mot',
      provinceId: null,
      passwordHash: 'scrypt$x',
      now: 1_000,
      ...extra,
    });

    it('ensureMeta keeps the first value, also when two servers race', async () => {
      const other = fixture.open();
      const [a, b] = await Promise.all([store.ensureMeta('k', 'first'), other.ensureMeta('k', 'second')]);
      expect(a).toBe(b);
      expect(await store.ensureMeta('k', 'third')).toBe(a);
    });

    it('communes and users: unique ids and usernames (case-insensitive), province from the commune, role rules enforced', async () => {
      await store.accounts.createCommune({ id: 'xa-mot', name: 'Xã Một', provinceId: 'quang-ngai', createdAt: 1 });
      await expect(store.accounts.createCommune({ id: 'xa-mot', name: 'Again', provinceId: 'quang-ngai', createdAt: 2 })).rejects.toThrow(DuplicateError);
      await store.accounts.createUser(newUser('Lan.Nguyen'));
      await expect(store.accounts.createUser(newUser('lan.nguyen'))).rejects.toThrow(DuplicateError);
      const found = await store.accounts.findUserByUsername('LAN.NGUYEN');
      expect(found).toMatchObject({ username: 'Lan.Nguyen', role: 'member', communeId: 'xa-mot', provinceId: 'quang-ngai', disabled: false });
      // An admin must have a province and no commune; others a commune.
      await expect(store.accounts.createUser(newUser('bad-admin', { role: 'admin' }))).rejects.toThrow();
      await expect(store.accounts.createUser(newUser('bad-member', { communeId: null }))).rejects.toThrow();
      await store.accounts.createUser(newUser('admin-qn', { role: 'admin', communeId: null, provinceId: 'quang-ngai' }));
      expect((await store.accounts.listUsers()).map((u) => u.username)).toEqual(['admin-qn', 'Lan.Nguyen']);
      expect(await store.accounts.listCommunes()).toEqual([{ id: 'xa-mot', name: 'Xã Một', provinceId: 'quang-ngai', createdAt: 1, active: true }]);
      expect((await store.accounts.listCommuneUsers('xa-mot')).map((u) => [u.username, u.phone, u.villageIds])).toEqual([['Lan.Nguyen', null, []]]);
    });

    it('refresh tokens rotate once; a reused token revokes the session; unknown and expired tokens are told apart', async () => {
      await store.accounts.createCommune({ id: 'xa-mot', name: 'Xã Một', provinceId: 'quang-ngai', createdAt: 1 });
      const user = newUser('tokens');
      await store.accounts.createUser(user);
      await store.sessions.createSession({ sessionId: 's1', userId: user.id, tokenHash: 'h1', now: 100, tokenExpiresAt: 1_000, sessionExpiresAt: 5_000 });
      expect(await store.sessions.rotateRefreshToken({ oldHash: 'h1', newHash: 'h2', now: 200, tokenExpiresAt: 9_999 })).toEqual({ kind: 'rotated', sessionId: 's1', userId: user.id });
      expect(await store.sessions.findSessionByRefreshHash('h1')).toBe('s1');
      expect(await store.sessions.rotateRefreshToken({ oldHash: 'h1', newHash: 'h3', now: 300, tokenExpiresAt: 9_999 })).toEqual({ kind: 'reused', sessionId: 's1', userId: user.id });
      expect((await store.sessions.getSession('s1'))?.revokedAt).toBe(300);
      expect((await store.sessions.rotateRefreshToken({ oldHash: 'h2', newHash: 'h4', now: 400, tokenExpiresAt: 9_999 })).kind).toBe('revoked');
      expect(await store.sessions.rotateRefreshToken({ oldHash: 'nope', newHash: 'h5', now: 400, tokenExpiresAt: 9_999 })).toEqual({ kind: 'unknown' });

      await store.sessions.createSession({ sessionId: 's2', userId: user.id, tokenHash: 'e1', now: 100, tokenExpiresAt: 1_000, sessionExpiresAt: 5_000 });
      expect((await store.sessions.rotateRefreshToken({ oldHash: 'e1', newHash: 'e2', now: 1_000, tokenExpiresAt: 9_999 })).kind).toBe('expired');
      // The new token never outlives its session.
      await store.sessions.createSession({ sessionId: 's3', userId: user.id, tokenHash: 'f1', now: 100, tokenExpiresAt: 1_000, sessionExpiresAt: 5_000 });
      await store.sessions.rotateRefreshToken({ oldHash: 'f1', newHash: 'f2', now: 900, tokenExpiresAt: 99_999 });
      expect((await store.sessions.rotateRefreshToken({ oldHash: 'f2', newHash: 'f3', now: 5_000, tokenExpiresAt: 99_999 })).kind).toBe('expired');

      await store.accounts.setPassword(user.id, 'scrypt$new', 6_000);
      expect((await store.sessions.getSession('s3'))?.revokedAt).toBe(6_000);
      expect((await store.accounts.findUserByUsername('tokens'))?.passwordHash).toBe('scrypt$new');
    });

    it('login failures are counted per key within the window, forgotten after it, and cleared', async () => {
      await store.sessions.recordLoginFailure(['account:a', 'address:1'], 1_000, 0);
      await store.sessions.recordLoginFailure(['account:a', 'address:2'], 2_000, 0);
      const counts = await store.sessions.recentLoginFailures(['account:a', 'address:1', 'address:3'], 500);
      expect(Object.fromEntries(counts)).toEqual({ 'account:a': { count: 2, oldest: 1_000 }, 'address:1': { count: 1, oldest: 1_000 }, 'address:3': { count: 0, oldest: 500 } });
      expect((await store.sessions.recentLoginFailures(['account:a'], 1_500)).get('account:a')).toEqual({ count: 1, oldest: 2_000 });
      await store.sessions.recordLoginFailure(['account:b'], 3_000, 1_500); // forgets everything at or before 1_500
      expect((await store.sessions.recentLoginFailures(['address:1'], 0)).get('address:1')?.count).toBe(0);
      await store.sessions.clearLoginFailures('account:a');
      expect((await store.sessions.recentLoginFailures(['account:a'], 0)).get('account:a')?.count).toBe(0);
    });

    it('push: the plan sees applied ids and stored rows; changed records get consecutive row_seq; ids are remembered', async () => {
      const id1 = uuidv7();
      const id2 = uuidv7();
      const m1 = uuidv7();
      const seen: PushState[] = [];
      const first = await store.records.push({
        scope: 'xa-mot',
        userId: 'u1',
        clientId: 'c1',
        mutationIds: [m1],
        recordKeys: [{ table: 'contacts', id: id1 }],
        now: 10,
        plan: (state): PushPlan => {
          seen.push(state);
          return {
            remember: [{ mutationId: m1, outcome: { status: 'acked' } }],
            writes: [
              { table: 'contacts', record: record(id1, { name: 'Một' }) },
              { table: 'contacts', record: record(id2, { name: 'Hai' }) },
            ],
          };
        },
      });
      expect(first.scopeSeq).toBe(2);
      expect(seen[0]).toEqual({ applied: new Map(), records: [] });

      const second = await store.records.push({
        scope: 'xa-mot',
        userId: 'u1',
        clientId: 'c1',
        mutationIds: [m1],
        recordKeys: [{ table: 'contacts', id: id1 }, { table: 'contacts', id: id1 }],
        now: 20,
        plan: (state) => {
          seen.push(state);
          return { remember: [], writes: [{ table: 'contacts', record: record(id1, { name: 'Một (sửa)' }) }] };
        },
      });
      expect(second.scopeSeq).toBe(3);
      expect(seen[1]!.applied.get(m1)).toEqual({ mutationId: m1, userId: 'u1', outcome: { status: 'acked' } });
      // The StoredRecord fields (a store may read the record's JSON lazily, behind a getter).
      const stored = seen[1]!.records.map(({ table, scope, rowSeq, record: value }) => ({ table, scope, rowSeq, record: value }));
      expect(stored).toEqual([{ table: 'contacts', scope: 'xa-mot', rowSeq: 1, record: record(id1, { name: 'Một' }) }]);

      const page = await store.records.pull({ scopes: [{ scope: 'xa-mot', after: 0 }], limit: 10 });
      expect(page.scopes[0]!.rows.map((row) => [row.record.id, row.rowSeq, row.record.name])).toEqual([
        [id2, 2, 'Hai'],
        [id1, 3, 'Một (sửa)'],
      ]);
      expect(page.scopes[0]!.headSeq).toBe(3);
    });

    it('push: a plan that throws leaves nothing behind (no rows, no remembered ids, no sequence used)', async () => {
      const id = uuidv7();
      const m = uuidv7();
      await expect(
        store.records.push({
          scope: 'xa-mot',
          userId: 'u1',
          clientId: 'c1',
          mutationIds: [m],
          recordKeys: [],
          now: 1,
          plan: () => {
            throw new Error('planner failed');
          },
        }),
      ).rejects.toThrow('planner failed');
      const after = await store.records.push({
        scope: 'xa-mot',
        userId: 'u1',
        clientId: 'c1',
        mutationIds: [m],
        recordKeys: [],
        now: 2,
        plan: (state) => {
          expect(state.applied.size).toBe(0);
          return { remember: [], writes: [{ table: 'contacts', record: record(id, { name: 'x' }) }] };
        },
      });
      expect(after.scopeSeq).toBe(1);
    });

    it('push: a write that fails after writing its rows leaves none of them (alone in its transaction)', async () => {
      const id = uuidv7();
      const push = (remember: { mutationId: string; outcome: { status: 'acked' } }[]) =>
        store.records.push({
          scope: 'xa-mot',
          userId: 'u',
          clientId: 'c',
          mutationIds: [],
          recordKeys: [],
          now: 1,
          plan: () => ({ remember, writes: [{ table: 'contacts', record: record(id, { name: 'x' }) }] }),
        });
      // The same mutation id twice: the second is refused by the database after the row was written.
      await expect(push([{ mutationId: 'dup', outcome: { status: 'acked' } }, { mutationId: 'dup', outcome: { status: 'acked' } }])).rejects.toThrow();
      const page = await store.records.pull({ scopes: [{ scope: 'xa-mot', after: 0 }], limit: 10 });
      expect(page.scopes[0]!.rows).toEqual([]);
      expect(page.scopes[0]!.headSeq).toBe(0);
    });

    it('push: concurrent pushes (one SQLite group commit) stay independent: a failing one rolls back alone', async () => {
      const ids = [1, 2, 3].map(() => uuidv7());
      const pushOf = (id: string, fail: boolean) =>
        store.records.push({
          scope: 'xa-mot',
          userId: 'u',
          clientId: 'c',
          mutationIds: [`m-${id}`],
          recordKeys: [],
          now: 1,
          plan: () => {
            if (fail) throw new Error('this push fails');
            return { remember: [{ mutationId: `m-${id}`, outcome: { status: 'acked' } }], writes: [{ table: 'contacts', record: record(id, { name: id }) }] };
          },
        });
      const results = await Promise.allSettled([pushOf(ids[0]!, false), pushOf(ids[1]!, true), pushOf(ids[2]!, false)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const rows = (await store.records.pull({ scopes: [{ scope: 'xa-mot', after: 0 }], limit: 10 })).scopes[0]!.rows;
      // Which of the two commits first is up to the database; together they use sequence 1 and 2.
      expect(rows.map((row) => row.record.id).sort()).toEqual([ids[0], ids[2]].sort());
      expect(rows.map((row) => row.rowSeq)).toEqual([1, 2]);
    });

    it('pull: one limit across scopes in the order given, hasMore per scope, records round-trip exactly', async () => {
      const tricky = { name: "O'Brien\"; DROP TABLE records; --", nested: { list: [1, null, 'ba'], emoji: '𝐀☎' }, empty: '', nul: 'a\u0000b' };
      await store.records.seedRecords('province:quang-ngai', [1, 2, 3].map(() => ({ table: 'services' as const, record: record(uuidv7(), { code: 'x' }) })));
      const ids = [1, 2].map(() => uuidv7());
      await store.records.push({
        scope: 'xa-mot',
        userId: 'u',
        clientId: 'c',
        mutationIds: [],
        recordKeys: [],
        now: 1,
        plan: () => ({ remember: [], writes: ids.map((id) => ({ table: 'contacts' as const, record: record(id, tricky) })) }),
      });
      const scopes = [
        { scope: 'province:quang-ngai', after: 0 },
        { scope: 'xa-mot', after: 0 },
      ];
      const page1 = await store.records.pull({ scopes, limit: 4 });
      expect(page1.scopes.map((s) => [s.rows.length, s.hasMore, s.headSeq])).toEqual([
        [3, false, 3],
        [1, true, 2],
      ]);
      expect(page1.scopes[1]!.rows[0]!.record).toEqual(record(ids[0]!, tricky));
      const page2 = await store.records.pull({ scopes: [scopes[0]!, { scope: 'xa-mot', after: 1 }], limit: 4 });
      expect(page2.scopes[1]!.rows.map((row) => row.record.id)).toEqual([ids[1]]);
      expect(page2.epoch).toMatch(/^[0-9a-f]{32}$/);
      const empty = await store.records.pull({ scopes: [{ scope: 'xa-nobody', after: 0 }], limit: 4 });
      expect(empty.scopes[0]).toEqual({ scope: 'xa-nobody', rows: [], hasMore: false, headSeq: 0 });
    });

    it('seedRecords inserts only what the scope lacks; the same id may exist in two provinces', async () => {
      const seeded = [1, 2].map(() => ({ table: 'services' as const, record: record(uuidv7(), { code: 'a' }) }));
      expect(await store.records.seedRecords('province:quang-ngai', seeded)).toBe(2);
      expect(await store.records.seedRecords('province:quang-ngai', seeded)).toBe(0);
      expect(await store.records.seedRecords('province:kon-tum', seeded)).toBe(2);
      const page = await store.records.pull({ scopes: [{ scope: 'province:quang-ngai', after: 0 }], limit: 10 });
      expect(page.scopes[0]!.rows.map((row) => row.rowSeq)).toEqual([1, 2]);
    });

    it('a commune record id is unique across communes (the database refuses a second one)', async () => {
      const id = uuidv7();
      const write = (scope: string) =>
        store.records.push({ scope, userId: 'u', clientId: 'c', mutationIds: [], recordKeys: [], now: 1, plan: () => ({ remember: [], writes: [{ table: 'contacts', record: record(id, { name: scope }) }] }) });
      await write('xa-mot');
      await expect(write('xa-hai')).rejects.toThrow();
      expect((await store.records.pull({ scopes: [{ scope: 'xa-hai', after: 0 }], limit: 10 })).scopes[0]!.rows).toEqual([]);
    });

    it('pruneAppliedMutations forgets only ids applied before the limit', async () => {
      for (const [now, id] of [
        [100, 'old'],
        [200, 'new'],
      ] as const) {
        await store.records.push({ scope: 'xa-mot', userId: 'u', clientId: 'c', mutationIds: [], recordKeys: [], now, plan: () => ({ remember: [{ mutationId: id, outcome: { status: 'acked' } }], writes: [] }) });
      }
      expect(await store.records.pruneAppliedMutations(150)).toBe(1);
      await store.records.push({
        scope: 'xa-mot',
        userId: 'u',
        clientId: 'c',
        mutationIds: ['old', 'new'],
        recordKeys: [],
        now: 300,
        plan: (state) => {
          expect([...state.applied.keys()]).toEqual(['new']);
          return { remember: [], writes: [] };
        },
      });
    });
  });
}
