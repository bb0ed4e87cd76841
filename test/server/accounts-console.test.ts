// The accounts console over HTTP (docs/accounts.md "Accounts"), on a SQLite file and on PostgreSQL:
// who lists whose accounts, filters and search, creation with a one-time code, role changes that
// take effect at the next request, disable/enable, and the refusals across communes and
// provinces — each refusal and each change written to the audit log. No answer carries a hash.
import { describe, expect, it } from 'vitest';
import type { AccountListResponse, AccountSummary, CreateAccountResponse } from '../../src/shared/admin/accounts';
import { describePostgres } from '../helpers/pg';
import { adminWorld, tableRecords } from './admin-world';
import { postgresFixture, sqliteFixture, type StoreFixtureFactory } from './store-fixtures';
import { COMMUNE_A, COMMUNE_B, COMMUNE_K, login, pull, pullAll, type Session } from './sync-fixtures';

function consoleSuite(factory: StoreFixtureFactory): void {
  const world = adminWorld(factory, ['memberA', 'member2A', 'leaderA', 'reviewerA', 'leaderB', 'adminQN', 'adminKT']);

  const list = (session: Session, query = '') => world.send(session, 'GET', `/api/admin/accounts${query}`);
  const listed = (session: Session, query = '') => world.read<AccountListResponse>(session, `/api/admin/accounts${query}`);
  const create = (session: Session, body: Record<string, unknown>) => world.send(session, 'POST', '/api/admin/accounts', body);
  const patch = (session: Session, id: string, body: Record<string, unknown>) => world.send(session, 'PATCH', `/api/admin/accounts/${id}`, body);
  const reset = (session: Session, id: string) => world.send(session, 'POST', `/api/admin/accounts/${id}/code`);
  const roster = async (session: Session) => new Map(tableRecords((await pullAll(world.app, session)).changes, 'teamMembers').map((r) => [r.id, r]));

  it('members and reviewers run no accounts; the refusal is audited', async () => {
    expect((await list(world.memberA)).statusCode).toBe(403);
    expect((await list(world.reviewerA)).statusCode).toBe(403);
    expect((await create(world.memberA, { username: 'sneaky', displayName: 'X', role: 'member' })).statusCode).toBe(403);
    expect((await world.app.inject({ method: 'GET', url: '/api/admin/accounts' })).statusCode).toBe(401);
    const refused = (await world.audit(world.leaderA)).filter((e) => e.kind === 'access.refused' && String(e.details.action).startsWith('account.'));
    expect(refused.map((e) => e.actorName).sort()).toEqual(['memberA', 'memberA', 'reviewerA']);
  });

  it("an admin lists their province's accounts only, sorted by name, filtered and searched without diacritics", async () => {
    const page = await listed(world.adminQN);
    const names = page.accounts.map((a) => a.username);
    expect(names).toEqual(expect.arrayContaining(['memberA', 'leaderA', 'memberB', 'leaderB', 'adminQN']));
    expect(names).not.toContain('adminKT');
    expect(page.accounts.find((a) => a.username === 'memberB')).toMatchObject({ communeName: COMMUNE_B.name, role: 'member', manageable: true, disabled: false });
    expect(page.accounts.find((a) => a.username === 'adminQN')?.manageable).toBe(false);
    expect((await listed(world.adminQN, `?communeId=${COMMUNE_B.id}`)).accounts.map((a) => a.username).sort()).toEqual(['leaderB', 'memberB']);
    expect((await listed(world.adminQN, '?role=leader')).accounts.map((a) => a.username).sort()).toEqual(['leaderA', 'leaderB']);
    expect((await listed(world.adminKT)).accounts.map((a) => a.username)).toEqual(['adminKT']);
    expect((await listed(world.adminKT, `?communeId=${COMMUNE_A.id}`)).total).toBe(0);
    await patch(world.adminQN, world.ids.member2A, { displayName: 'Nguyễn Thị Đào' });
    expect((await listed(world.adminQN, '?q=nguyen%20dao')).accounts.map((a) => a.id)).toEqual([world.ids.member2A]);
    expect((await list(world.adminQN, '?role=boss')).statusCode).toBe(400);
    expect((await list(world.adminQN, '?password=1')).statusCode).toBe(400);
  });

  it("a leader sees their commune's accounts and may change members and reviewers only", async () => {
    const page = await listed(world.leaderA);
    expect(page.accounts.map((a) => a.username).sort()).toEqual(['leaderA', 'memberA', 'member2A', 'reviewerA'].sort());
    const manageable = Object.fromEntries(page.accounts.map((a) => [a.username, a.manageable]));
    expect(manageable).toEqual({ leaderA: false, memberA: true, member2A: true, reviewerA: true });
    expect((await listed(world.leaderA, `?communeId=${COMMUNE_B.id}`)).total).toBe(0);
    const communes = async (session: Session) => (await world.send(session, 'GET', '/api/admin/communes')).json<{ communes: { id: string }[] }>().communes.map((c) => c.id);
    expect(await communes(world.leaderA)).toEqual([COMMUNE_A.id]);
    expect(await communes(world.adminQN)).toEqual([COMMUNE_A.id, COMMUNE_B.id]);
    expect((await world.send(world.memberA, 'GET', '/api/admin/communes')).statusCode).toBe(403);
  });

  it('the last sync is noted at a pull and filters the accounts not synced for 7 days', async () => {
    const before = await listed(world.leaderA, '?staleDays=7');
    expect(before.accounts.map((a) => a.username)).toContain('reviewerA');
    expect((await pull(world.app, world.reviewerA)).statusCode).toBe(200);
    const after = await listed(world.leaderA, '?staleDays=7');
    expect(after.accounts.map((a) => a.username)).not.toContain('reviewerA');
    const reviewer = (await listed(world.leaderA)).accounts.find((a) => a.username === 'reviewerA')!;
    expect(reviewer.lastSyncAt).toBeGreaterThan(Date.now() - 60_000);
  });

  it('creates an account with a one-time code shown once; the audit and the roster say so', async () => {
    const res = await create(world.leaderA, { username: 'thanh.vien.moi', displayName: 'Y Liên', role: 'member', phone: '0912 345 678' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<CreateAccountResponse>();
    expect(body.signInCode.code).toMatch(/^[2-9A-HJKMNP-TW-Z]{12}$/);
    expect(body.account).toMatchObject({ username: 'thanh.vien.moi', displayName: 'Y Liên', role: 'member', communeId: COMMUNE_A.id, phone: '0912345678', manageable: true });
    const again = (await listed(world.leaderA, '?q=lien')).accounts[0]!;
    expect(again.codeExpiresAt).toBe(body.signInCode.expiresAt);
    expect(JSON.stringify(again)).not.toContain(body.signInCode.code);
    // Duplicate usernames (any case) are refused; a leader gives no leader role nor another commune.
    expect((await create(world.leaderA, { username: 'THANH.VIEN.MOI', displayName: 'Z', role: 'member' })).statusCode).toBe(409);
    expect((await create(world.leaderA, { username: 'x.leader', displayName: 'Z', role: 'leader' })).statusCode).toBe(403);
    expect((await create(world.leaderA, { username: 'x.b', displayName: 'Z', role: 'member', communeId: COMMUNE_B.id })).statusCode).toBe(404);
    expect((await create(world.adminQN, { username: 'x.k', displayName: 'Z', role: 'member', communeId: COMMUNE_K.id })).statusCode).toBe(404);
    expect((await create(world.adminQN, { username: 'x.none', displayName: 'Z', role: 'member' })).statusCode).toBe(400);
    expect((await create(world.adminQN, { username: 'x.admin', displayName: 'Z', role: 'admin', communeId: COMMUNE_A.id })).statusCode).toBe(400);
    expect((await create(world.adminQN, { username: 'x.extra', displayName: 'Z', role: 'member', communeId: COMMUNE_A.id, passwordHash: 'x' })).statusCode).toBe(400);
    const created = await create(world.adminQN, { username: 'to.truong.b', displayName: 'Tổ trưởng B', role: 'leader', communeId: COMMUNE_B.id });
    expect(created.statusCode).toBe(201);
    expect((await roster(world.memberA)).get(body.account.id)).toMatchObject({ displayName: 'Y Liên', role: 'member', phone: '0912345678', active: true });
    const events = await world.audit(world.leaderA);
    expect(events.find((e) => e.kind === 'account.created')).toMatchObject({ actorName: 'leaderA', details: { role: 'member' }, subjectId: body.account.id });
    // The admin's action on commune B is in commune B's log.
    expect((await world.audit(world.leaderB)).find((e) => e.kind === 'account.created')).toMatchObject({ actorName: 'adminQN', communeName: COMMUNE_B.name });
  });

  it('a role change takes effect at the next request, with the same token', async () => {
    expect((await list(world.member2A)).statusCode).toBe(403);
    const res = await patch(world.adminQN, world.ids.member2A, { role: 'leader' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ account: AccountSummary }>().account.role).toBe('leader');
    expect((await list(world.member2A)).statusCode).toBe(200);
    // Now a leader, the account is no longer the other leader's to change.
    expect((await patch(world.leaderA, world.ids.member2A, { role: 'member' })).statusCode).toBe(403);
    expect((await patch(world.adminQN, world.ids.member2A, { role: 'member' })).statusCode).toBe(200);
    expect((await list(world.member2A)).statusCode).toBe(403);
    const changes = (await world.audit(world.leaderA)).filter((e) => e.kind === 'account.roleChanged');
    expect(changes.map((e) => e.details)).toEqual([
      { from: 'leader', to: 'member' },
      { from: 'member', to: 'leader' },
    ]);
  });

  it('refuses across communes and provinces, and on oneself, without telling whether an account exists', async () => {
    expect((await patch(world.leaderA, world.ids.memberB, { disabled: true })).statusCode).toBe(404);
    expect((await reset(world.leaderA, world.ids.memberB)).statusCode).toBe(404);
    expect((await patch(world.adminKT, world.ids.memberA, { disabled: true })).statusCode).toBe(404);
    expect((await patch(world.leaderA, '00000000-0000-4000-8000-000000000000', { disabled: true })).statusCode).toBe(404);
    expect((await patch(world.leaderA, 'not-an-id', { disabled: true })).statusCode).toBe(404);
    expect((await patch(world.leaderA, world.ids.leaderA, { disabled: true })).statusCode).toBe(403);
    expect((await patch(world.adminQN, world.ids.adminQN, { disabled: true })).statusCode).toBe(403);
    expect((await patch(world.leaderB, world.ids.memberB, {})).statusCode).toBe(400);
    expect((await patch(world.memberA, world.ids.member2A, { disabled: true })).statusCode).toBe(403);
    expect((await login(world.app, 'memberB')).userId).toBe(world.ids.memberB);
  });

  it('disabling ends the sessions at once and keeps the person on the roster; enabling lets them sign in again', async () => {
    const memberB = await login(world.app, 'memberB');
    expect((await patch(world.leaderB, world.ids.memberB, { disabled: true })).json<{ account: AccountSummary }>().account.disabled).toBe(true);
    expect((await pull(world.app, memberB)).statusCode).toBe(401);
    await expect(login(world.app, 'memberB')).rejects.toThrow(/401/);
    expect((await listed(world.leaderB, '?disabled=true')).accounts.map((a) => a.username)).toEqual(['memberB']);
    expect((await roster(world.leaderB)).get(world.ids.memberB)).toMatchObject({ displayName: 'memberB', active: false });
    expect((await patch(world.leaderB, world.ids.memberB, { disabled: false })).statusCode).toBe(200);
    expect((await login(world.app, 'memberB')).userId).toBe(world.ids.memberB);
    const kinds = (await world.audit(world.leaderB)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['account.disabled', 'account.enabled']));
  });

  it('pages the list 50 at a time with a stable order', async () => {
    for (let i = 0; i < 55; i += 1) {
      expect((await create(world.adminQN, { username: `thanh.vien.${i}`, displayName: `Thành viên ${i}`, role: 'member', communeId: COMMUNE_B.id })).statusCode).toBe(201);
    }
    const first = await listed(world.adminQN, `?communeId=${COMMUNE_B.id}`);
    expect(first.accounts).toHaveLength(50);
    expect(first.next).toBe(50);
    const second = await listed(world.adminQN, `?communeId=${COMMUNE_B.id}&offset=50`);
    expect(second.next).toBeNull();
    const all = [...first.accounts, ...second.accounts].map((a) => a.displayName);
    expect(all.indexOf('Thành viên 2')).toBeLessThan(all.indexOf('Thành viên 10'));
    expect(new Set(all).size).toBe(first.total);
  });
}

describe('accounts console on SQLite', () => consoleSuite(sqliteFixture));
describePostgres('accounts console on PostgreSQL', () => consoleSuite(postgresFixture));
