// The team roster and the commune profile (docs/accounts.md "Team roster") over the real pull, on a
// SQLite file and on PostgreSQL: published by the server from the accounts table, read by the
// commune's accounts only, never carrying usernames, password hashes or tokens, kept up to date
// when an account changes, and never writable from a phone.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, setDisabled } from '../../src/server/accounts';
import { publishRoster } from '../../src/server/admin/roster';
import type { SyncStore } from '../../src/server/storage/types';
import { communeProfileId } from '../../src/shared/schemas/commune-profile';
import { teamMemberRecordSchema } from '../../src/shared/schemas/team-member';
import { fromWireRecord } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture, type StoreFixtureFactory } from './store-fixtures';
import { COMMUNE_A, PASSWORD, TEST_COST, login, makeApp, mutation, populate, pullAll, pushOk, type Session } from './sync-fixtures';

function rosterSuite(factory: StoreFixtureFactory): void {
  let fixture: StoreFixture;
  let store: SyncStore;
  let app: FastifyInstance;
  let ids: Awaited<ReturnType<typeof populate>>;

  const rosterOf = async (session: Session) => {
    const { changes } = await pullAll(app, session);
    const records = changes.filter((c) => c.table === 'teamMembers').map((c) => fromWireRecord(c.record));
    return new Map(records.map((r) => [r.id, r]));
  };

  beforeAll(async () => {
    fixture = await factory();
    store = fixture.open();
    await store.migrate();
    ids = await populate(store);
    app = await makeApp(store);
  });

  afterAll(async () => {
    await app.close();
    await fixture.dispose();
  });

  it("a member receives the commune's roster and name, and nothing of another commune", async () => {
    const member = await login(app, 'memberA');
    const roster = await rosterOf(member);
    expect([...roster.keys()].sort()).toEqual([ids.memberA, ids.member2A, ids.leaderA, ids.reviewerA].sort());
    for (const record of roster.values()) {
      const { clocks: _clocks, ...fields } = record;
      expect(teamMemberRecordSchema.safeParse(fields).error?.issues).toBeUndefined();
      expect(Object.keys(fields).some((key) => /username|password|hash|token/i.test(key))).toBe(false);
    }
    expect(roster.get(ids.leaderA)).toMatchObject({ displayName: 'leaderA', role: 'leader', active: true, villageIds: [], phone: null, communeId: COMMUNE_A.id });
    const { changes } = await pullAll(app, member);
    const profiles = changes.filter((c) => c.table === 'communeProfiles');
    expect(profiles).toHaveLength(1);
    expect(profiles[0]!.id).toBe(communeProfileId(COMMUNE_A.id));
    expect(profiles[0]!.record).toMatchObject({ name: COMMUNE_A.name, active: true });
    expect(JSON.stringify(changes)).not.toContain('scrypt$');
  });

  it("a leader of another commune and a province admin do not receive commune A's roster", async () => {
    for (const name of ['leaderB', 'adminQN'] as const) {
      const roster = await rosterOf(await login(app, name));
      expect(roster.has(ids.memberA)).toBe(false);
      expect(roster.has(ids.leaderA)).toBe(false);
    }
  });

  it('a new account and a disabled one reach the phones at their next pull; publishing again changes nothing', async () => {
    const member = await login(app, 'memberA');
    const before = await pullAll(app, member);
    const created = await createUser(store, { username: 'y.blong', password: PASSWORD, role: 'member', communeId: COMMUNE_A.id, displayName: 'Y Blông Niê' }, { cost: TEST_COST });
    await setDisabled(store, 'member2A', true);
    const after = await pullAll(app, member, before.cursor);
    const changed = new Map(after.changes.filter((c) => c.table === 'teamMembers').map((c) => [c.id, fromWireRecord(c.record)]));
    expect(changed.get(created.id)).toMatchObject({ displayName: 'Y Blông Niê', role: 'member', active: true });
    expect(changed.get(ids.member2A)).toMatchObject({ active: false, displayName: 'member2A' });
    expect(await publishRoster(store, COMMUNE_A.id)).toBe(0);
    expect((await pullAll(app, member, after.cursor)).changes).toEqual([]);
  });

  it('no phone may push a roster entry or the commune profile: each is refused and nothing changes', async () => {
    for (const name of ['leaderA', 'reviewerA'] as const) {
      const session = await login(app, name);
      const res = await pushOk(app, session, [
        mutation('teamMembers', ids.memberA, { displayName: 'Đổi tên', role: 'leader' }),
        mutation('communeProfiles', communeProfileId(COMMUNE_A.id), { name: 'Xã khác' }),
      ]);
      expect(res.acked).toEqual([]);
      expect(res.rejected.map((r) => r.code)).toEqual(['forbidden', 'forbidden']);
    }
    const roster = await rosterOf(await login(app, 'memberA'));
    expect(roster.get(ids.memberA)).toMatchObject({ displayName: 'memberA', role: 'member' });
  });
}

describe('team roster on SQLite', () => rosterSuite(sqliteFixture));
describePostgres('team roster on PostgreSQL', () => rosterSuite(postgresFixture));
