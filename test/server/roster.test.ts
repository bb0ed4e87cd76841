// The team roster and the commune profile (docs/accounts.md "Team roster") over the real pull, on a
// SQLite file and on PostgreSQL: published by the server from the accounts table, read by the
// commune's accounts only, never carrying usernames, password hashes or tokens, kept up to date
// when an account changes, and never writable from a phone.
import { describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/accounts';
import { setDisabled } from '../helpers/disable-account';
import { publishRoster } from '../../src/server/admin/roster';
import { communeProfileId } from '../../src/shared/schemas/commune-profile';
import { teamMemberRecordSchema } from '../../src/shared/schemas/team-member';
import { describePostgres } from '../helpers/pg';
import { tableRecords } from './admin-world';
import { serverWorld } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixtureFactory } from './store-fixtures';
import { COMMUNE_A, PASSWORD, TEST_COST, login, mutation, pullAll, pushOk, type Session } from './sync-fixtures';

function rosterSuite(factory: StoreFixtureFactory): void {
  const world = serverWorld(factory, []);
  const rosterOf = async (session: Session) => new Map(tableRecords((await pullAll(world.app, session)).changes, 'teamMembers').map((r) => [r.id, r]));

  it("a member receives the commune's roster and name, and nothing of another commune", async () => {
    const member = await login(world.app, 'memberA');
    const roster = await rosterOf(member);
    expect([...roster.keys()].sort()).toEqual([world.ids.memberA, world.ids.member2A, world.ids.leaderA, world.ids.reviewerA].sort());
    for (const record of roster.values()) {
      const { clocks: _clocks, ...fields } = record;
      expect(teamMemberRecordSchema.safeParse(fields).error?.issues).toBeUndefined();
      expect(Object.keys(fields).some((key) => /username|password|hash|token/i.test(key))).toBe(false);
    }
    expect(roster.get(world.ids.leaderA)).toMatchObject({ displayName: 'leaderA', role: 'leader', active: true, villageIds: [], phone: null, communeId: COMMUNE_A.id });
    const { changes } = await pullAll(world.app, member);
    const profiles = changes.filter((c) => c.table === 'communeProfiles');
    expect(profiles).toHaveLength(1);
    expect(profiles[0]!.id).toBe(communeProfileId(COMMUNE_A.id));
    expect(profiles[0]!.record).toMatchObject({ name: COMMUNE_A.name, active: true });
    expect(JSON.stringify(changes)).not.toContain('scrypt$');
  });

  it("a leader of another commune and a province admin do not receive commune A's roster", async () => {
    for (const name of ['leaderB', 'adminQN'] as const) {
      const roster = await rosterOf(await login(world.app, name));
      expect(roster.has(world.ids.memberA)).toBe(false);
      expect(roster.has(world.ids.leaderA)).toBe(false);
    }
  });

  it('a new account and a disabled one reach the phones at their next pull; publishing again changes nothing', async () => {
    const member = await login(world.app, 'memberA');
    const before = await pullAll(world.app, member);
    const created = await createUser(world.store, { username: 'y.blong', password: PASSWORD, role: 'member', communeId: COMMUNE_A.id, displayName: 'Y Blông Niê' }, { cost: TEST_COST });
    await setDisabled(world.store, 'member2A', true);
    const after = await pullAll(world.app, member, before.cursor);
    const changed = new Map(tableRecords(after.changes, 'teamMembers').map((r) => [r.id, r]));
    expect(changed.get(created.id)).toMatchObject({ displayName: 'Y Blông Niê', role: 'member', active: true });
    expect(changed.get(world.ids.member2A)).toMatchObject({ active: false, displayName: 'member2A' });
    expect(await publishRoster(world.store, COMMUNE_A.id)).toBe(0);
    expect((await pullAll(world.app, member, after.cursor)).changes).toEqual([]);
  });

  it('no phone may push a roster entry or the commune profile: each is refused and nothing changes', async () => {
    for (const name of ['leaderA', 'reviewerA'] as const) {
      const session = await login(world.app, name);
      const res = await pushOk(world.app, session, [
        mutation('teamMembers', world.ids.memberA, { displayName: 'Đổi tên', role: 'leader' }),
        mutation('communeProfiles', communeProfileId(COMMUNE_A.id), { name: 'Xã khác' }),
      ]);
      expect(res.acked).toEqual([]);
      expect(res.rejected.map((r) => r.code)).toEqual(['forbidden', 'forbidden']);
    }
    const roster = await rosterOf(await login(world.app, 'memberA'));
    expect(roster.get(world.ids.memberA)).toMatchObject({ displayName: 'memberA', role: 'member' });
  });
}

describe('team roster on SQLite', () => rosterSuite(sqliteFixture));
describePostgres('team roster on PostgreSQL', () => rosterSuite(postgresFixture));
