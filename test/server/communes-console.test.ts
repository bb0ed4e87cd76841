// The province's communes over HTTP (docs/accounts.md "Communes"), on a SQLite file and on
// PostgreSQL: only the province admin creates, renames, deactivates and reactivates the communes of
// their province; a commune's id never changes; of two renames or deactivations at once one wins and
// the other is a 409; deactivating disables the commune's accounts in the same step (their phones
// may still push what they hold) and deletes nothing; every change is audited and reaches the
// commune's phones as its profile.
import { describe, expect, it } from 'vitest';
import type { CommuneListResponse } from '../../src/shared/admin/accounts';
import type { CommuneResponse } from '../../src/shared/admin/communes';
import type { AuditPage } from '../../src/shared/privacy/audit';
import { communeProfileId } from '../../src/shared/schemas/commune-profile';
import { uuidv7 } from '../../src/shared/sync/ids';
import { describePostgres } from '../helpers/pg';
import { scopeRows, serverWorld } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { COMMUNE_A, COMMUNE_B, bearer, contactFields, mutation, pullAll, type Session } from './sync-fixtures';

function communesSuite<F extends StoreFixture>(factory: () => Promise<F>): void {
  const world = serverWorld(factory, ['memberA', 'leaderA', 'memberB', 'leaderB', 'adminQN', 'adminKT']);

  const create = (session: Session, payload: unknown) => world.app.inject({ method: 'POST', url: '/api/admin/communes', headers: bearer(session), payload: payload as object });
  const patch = (session: Session, id: string, payload: unknown) => world.app.inject({ method: 'PATCH', url: `/api/admin/communes/${id}`, headers: bearer(session), payload: payload as object });
  const communes = async (session: Session) => {
    const res = await world.app.inject({ method: 'GET', url: '/api/admin/communes', headers: bearer(session) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CommuneListResponse>().communes;
  };
  const codeOf = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const events = async (session: Session) => (await world.app.inject({ method: 'GET', url: '/api/audit/events', headers: bearer(session) })).json<AuditPage>().events;

  it('the province admin creates a commune of their province; a taken or malformed id is refused and changes nothing', async () => {
    const res = await create(world.adminQN, { id: 'tra-phong', name: '  Xã Trà Phong ' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json<CommuneResponse>()).toEqual({ commune: { id: 'tra-phong', name: 'Xã Trà Phong', active: true, accounts: 0 }, disabledAccounts: 0 });
    expect(await world.store.accounts.getCommune('tra-phong')).toMatchObject({ provinceId: 'quang-ngai', active: true });
    expect((await communes(world.adminQN)).map((c) => c.id)).toContain('tra-phong');
    expect((await communes(world.adminKT)).map((c) => c.id)).not.toContain('tra-phong');
    // Its phones will know its name: the profile is published at once.
    expect((await scopeRows(world.store, 'tra-phong')).map((row) => row.record.id)).toContain(communeProfileId('tra-phong'));

    const taken = await create(world.adminKT, { id: 'tra-phong', name: 'Xã khác' });
    expect([taken.statusCode, codeOf(taken)]).toEqual([409, 'conflict']);
    expect((await world.store.accounts.getCommune('tra-phong'))?.name).toBe('Xã Trà Phong');
    for (const payload of [{ id: 'Trà Phong', name: 'x' }, { id: 'ok-id', name: '' }, { id: 'ok-id', name: 'x', provinceId: 'kon-tum' }]) {
      const bad = await create(world.adminQN, payload);
      expect([bad.statusCode, codeOf(bad)], JSON.stringify(payload)).toEqual([400, 'bad_request']);
    }
    expect(await world.store.accounts.getCommune('ok-id')).toBeUndefined();
    expect((await events(world.adminQN)).filter((e) => e.kind === 'commune.created' && e.subjectId === 'tra-phong')).toHaveLength(1);
  });

  it('leaders and members run no communes, and an admin cannot touch another province’s', async () => {
    for (const session of [world.leaderA, world.memberA]) {
      expect((await create(session, { id: 'xa-moi', name: 'Xã mới' })).statusCode).toBe(403);
      expect((await patch(session, COMMUNE_A.id, { name: 'Xã đổi', basedOn: COMMUNE_A.name })).statusCode).toBe(403);
    }
    const other = await patch(world.adminKT, COMMUNE_A.id, { active: false, basedOn: COMMUNE_A.name });
    expect([other.statusCode, codeOf(other)]).toEqual([404, 'not_found']);
    expect((await patch(world.adminQN, 'no-such-commune', { name: 'X', basedOn: 'Y' })).statusCode).toBe(404);
    expect(await world.store.accounts.getCommune('xa-moi')).toBeUndefined();
    expect(await world.store.accounts.getCommune(COMMUNE_A.id)).toMatchObject({ name: COMMUNE_A.name, active: true });
    expect((await events(world.adminKT)).some((e) => e.kind === 'access.refused' && e.details['action'] === 'commune.update')).toBe(true);
  });

  it('of two renames at once one wins and the other is told the commune was renamed; phones receive the new name', async () => {
    const [first, second] = await Promise.all([
      patch(world.adminQN, COMMUNE_A.id, { name: 'Xã An Phú', basedOn: COMMUNE_A.name }),
      patch(world.adminQN, COMMUNE_A.id, { name: 'Xã An Hòa', basedOn: COMMUNE_A.name }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const winner = first.statusCode === 200 ? 'Xã An Phú' : 'Xã An Hòa';
    expect(codeOf(first.statusCode === 409 ? first : second)).toBe('conflict');
    expect(await world.store.accounts.getCommune(COMMUNE_A.id)).toMatchObject({ id: COMMUNE_A.id, name: winner });
    expect((await events(world.adminQN)).filter((e) => e.kind === 'commune.renamed' && e.subjectId === COMMUNE_A.id).map((e) => e.subjectName)).toEqual([winner]);
    // A rename based on a name that is no longer the commune's is stale, whatever it asks.
    expect((await patch(world.adminQN, COMMUNE_A.id, { name: 'Xã Mới', basedOn: COMMUNE_A.name })).statusCode).toBe(409);
    expect((await patch(world.adminQN, COMMUNE_A.id, { name: winner, basedOn: winner })).statusCode).toBe(400);
    const { changes } = await pullAll(world.app, world.memberA);
    expect(changes.find((c) => c.id === communeProfileId(COMMUNE_A.id))?.record).toMatchObject({ name: winner, active: true });
    // The leader sees it in the audit log, filed under their commune.
    expect((await events(world.leaderA)).some((e) => e.kind === 'commune.renamed')).toBe(true);
  });

  it('deactivating disables the commune’s accounts at once, keeps its records and lets its phones push what they hold', async () => {
    const contactId = uuidv7();
    const before = (await scopeRows(world.store, COMMUNE_B.id)).length;
    const [first, second] = await Promise.all([
      patch(world.adminQN, COMMUNE_B.id, { active: false, basedOn: COMMUNE_B.name }),
      patch(world.adminQN, COMMUNE_B.id, { active: false, basedOn: COMMUNE_B.name }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const won = (first.statusCode === 200 ? first : second).json<CommuneResponse>();
    expect(won).toEqual({ commune: { id: COMMUNE_B.id, name: COMMUNE_B.name, active: false, accounts: 0 }, disabledAccounts: 2 });
    const log = await events(world.adminQN);
    expect(log.filter((e) => e.kind === 'commune.deactivated' && e.subjectId === COMMUNE_B.id)).toHaveLength(1);
    const disabled = log.filter((e) => e.kind === 'account.disabled' && e.communeName === COMMUNE_B.name);
    // The audit view names whom and which commune, never their ids.
    expect(disabled.map((e) => e.subjectName).sort()).toEqual(['leaderB', 'memberB']);
    expect(log.find((e) => e.kind === 'commune.deactivated')?.subjectName).toBe(COMMUNE_B.name);

    // The member's phone is withdrawn (it wipes itself) but its final push still lands.
    const pulled = await world.app.inject({ method: 'GET', url: '/api/sync/pull', headers: bearer(world.memberB) });
    expect([pulled.statusCode, codeOf(pulled)]).toEqual([401, 'account_disabled']);
    const pushed = await world.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(world.memberB),
      payload: { clientId: 'phone-b', schemaVersion: 1, mutations: [mutation('contacts', contactId, contactFields(world.memberB))] },
    });
    expect(pushed.statusCode, pushed.body).toBe(200);
    const rows = await scopeRows(world.store, COMMUNE_B.id);
    expect(rows.map((row) => row.record.id)).toContain(contactId);
    expect(rows.length).toBeGreaterThan(before);
    expect(rows.find((row) => row.record.id === communeProfileId(COMMUNE_B.id))?.record).toMatchObject({ active: false });

    // No one is added to or re-enabled in a deactivated commune.
    const account = await world.app.inject({ method: 'POST', url: '/api/admin/accounts', headers: bearer(world.adminQN), payload: { username: 'newB', displayName: 'Người mới', role: 'member', communeId: COMMUNE_B.id } });
    expect(account.statusCode).toBe(409);
    const enable = await world.app.inject({ method: 'PATCH', url: `/api/admin/accounts/${world.memberB.userId}`, headers: bearer(world.adminQN), payload: { disabled: false } });
    expect(enable.statusCode).toBe(409);
    expect((await world.store.accounts.getUser(world.memberB.userId))?.disabled).toBe(true);
  });

  it('reactivating leaves the accounts disabled until the admin enables each one', async () => {
    const res = await patch(world.adminQN, COMMUNE_B.id, { active: true, basedOn: COMMUNE_B.name });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CommuneResponse>()).toEqual({ commune: { id: COMMUNE_B.id, name: COMMUNE_B.name, active: true, accounts: 0 }, disabledAccounts: 0 });
    expect((await patch(world.adminQN, COMMUNE_B.id, { active: true, basedOn: COMMUNE_B.name })).statusCode).toBe(409);
    const enable = await world.app.inject({ method: 'PATCH', url: `/api/admin/accounts/${world.memberB.userId}`, headers: bearer(world.adminQN), payload: { disabled: false } });
    expect(enable.statusCode, enable.body).toBe(200);
    expect((await communes(world.adminQN)).find((c) => c.id === COMMUNE_B.id)).toMatchObject({ active: true, accounts: 1 });
    expect((await events(world.adminQN)).filter((e) => e.kind === 'commune.reactivated')).toHaveLength(1);
  });

  it('a change names exactly one of name or active, with the name it is based on', async () => {
    for (const payload of [{ basedOn: COMMUNE_B.name }, { name: 'X', active: false, basedOn: COMMUNE_B.name }, { name: 'X' }, { active: 'no', basedOn: COMMUNE_B.name }, { name: 'x'.repeat(101), basedOn: COMMUNE_B.name }]) {
      const res = await patch(world.adminQN, COMMUNE_B.id, payload);
      expect([res.statusCode, codeOf(res)], JSON.stringify(payload)).toEqual([400, 'bad_request']);
    }
    expect(await world.store.accounts.getCommune(COMMUNE_B.id)).toMatchObject({ name: COMMUNE_B.name, active: true });
  });
}

describe('communes console on SQLite', () => communesSuite(sqliteFixture));
describePostgres('communes console on PostgreSQL', () => communesSuite(postgresFixture));
