// The accounts console over HTTP (docs/accounts.md "Accounts"), on a SQLite file and on PostgreSQL:
// who lists whose accounts, filters and search, creation with a one-time code, role changes that
// take effect at the next request, disable/enable, and the refusals across communes and
// provinces — each refusal and each change written to the audit log. No answer carries a hash.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStore } from '../../src/server/storage/types';
import type { AccountListResponse, AccountSummary, CreateAccountResponse } from '../../src/shared/admin/accounts';
import type { AuditPage } from '../../src/shared/privacy/audit';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture, type StoreFixtureFactory } from './store-fixtures';
import { fromWireRecord } from '../../src/shared/sync/protocol';
import { COMMUNE_A, COMMUNE_B, COMMUNE_K, bearer, login, makeApp, populate, pull, pullAll, type Session } from './sync-fixtures';

function consoleSuite(factory: StoreFixtureFactory): void {
  let fixture: StoreFixture;
  let store: SyncStore;
  let app: FastifyInstance;
  let ids: Awaited<ReturnType<typeof populate>>;
  const sessions = {} as Record<'memberA' | 'member2A' | 'leaderA' | 'reviewerA' | 'leaderB' | 'adminQN' | 'adminKT', Session>;

  beforeAll(async () => {
    fixture = await factory();
    store = fixture.open();
    await store.migrate();
    ids = await populate(store);
    app = await makeApp(store);
    for (const name of Object.keys({ memberA: 1, member2A: 1, leaderA: 1, reviewerA: 1, leaderB: 1, adminQN: 1, adminKT: 1 }) as (keyof typeof sessions)[]) {
      sessions[name] = await login(app, name);
    }
  });

  afterAll(async () => {
    await app.close();
    await fixture.dispose();
  });

  const list = (session: Session, query = '') => app.inject({ method: 'GET', url: `/api/admin/accounts${query}`, headers: bearer(session) });
  const listed = async (session: Session, query = ''): Promise<AccountListResponse> => {
    const res = await list(session, query);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toMatch(/scrypt\$|password|token|code_hash|"code"/i);
    return res.json<AccountListResponse>();
  };
  const create = (session: Session, body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/admin/accounts', headers: bearer(session), payload: body });
  const patch = (session: Session, id: string, body: Record<string, unknown>) => app.inject({ method: 'PATCH', url: `/api/admin/accounts/${id}`, headers: bearer(session), payload: body });
  const reset = (session: Session, id: string) => app.inject({ method: 'POST', url: `/api/admin/accounts/${id}/code`, headers: bearer(session) });
  const roster = async (session: Session) =>
    new Map((await pullAll(app, session)).changes.filter((c) => c.table === 'teamMembers').map((c) => [c.id, fromWireRecord(c.record)]));
  const audit = async (session: Session) => (await app.inject({ method: 'GET', url: '/api/audit/events', headers: bearer(session) })).json<AuditPage>().events;

  it('members and reviewers run no accounts; the refusal is audited', async () => {
    expect((await list(sessions.memberA)).statusCode).toBe(403);
    expect((await list(sessions.reviewerA)).statusCode).toBe(403);
    expect((await create(sessions.memberA, { username: 'sneaky', displayName: 'X', role: 'member' })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/admin/accounts' })).statusCode).toBe(401);
    const refused = (await audit(sessions.leaderA)).filter((e) => e.kind === 'access.refused' && String(e.details.action).startsWith('account.'));
    expect(refused.map((e) => e.actorName).sort()).toEqual(['memberA', 'memberA', 'reviewerA']);
  });

  it("an admin lists their province's accounts only, sorted by name, filtered and searched without diacritics", async () => {
    const page = await listed(sessions.adminQN);
    const names = page.accounts.map((a) => a.username);
    expect(names).toEqual(expect.arrayContaining(['memberA', 'leaderA', 'memberB', 'leaderB', 'adminQN']));
    expect(names).not.toContain('adminKT');
    expect(page.accounts.find((a) => a.username === 'memberB')).toMatchObject({ communeName: COMMUNE_B.name, role: 'member', manageable: true, disabled: false });
    expect(page.accounts.find((a) => a.username === 'adminQN')?.manageable).toBe(false);
    expect((await listed(sessions.adminQN, `?communeId=${COMMUNE_B.id}`)).accounts.map((a) => a.username).sort()).toEqual(['leaderB', 'memberB']);
    expect((await listed(sessions.adminQN, '?role=leader')).accounts.map((a) => a.username).sort()).toEqual(['leaderA', 'leaderB']);
    expect((await listed(sessions.adminKT)).accounts.map((a) => a.username)).toEqual(['adminKT']);
    expect((await listed(sessions.adminKT, `?communeId=${COMMUNE_A.id}`)).total).toBe(0);
    await patch(sessions.adminQN, ids.member2A, { displayName: 'Nguyễn Thị Đào' });
    expect((await listed(sessions.adminQN, '?q=nguyen%20dao')).accounts.map((a) => a.id)).toEqual([ids.member2A]);
    expect((await list(sessions.adminQN, '?role=boss')).statusCode).toBe(400);
    expect((await list(sessions.adminQN, '?password=1')).statusCode).toBe(400);
  });

  it("a leader sees their commune's accounts and may change members and reviewers only", async () => {
    const page = await listed(sessions.leaderA);
    expect(page.accounts.map((a) => a.username).sort()).toEqual(['leaderA', 'memberA', 'member2A', 'reviewerA'].sort());
    const manageable = Object.fromEntries(page.accounts.map((a) => [a.username, a.manageable]));
    expect(manageable).toEqual({ leaderA: false, memberA: true, member2A: true, reviewerA: true });
    expect((await listed(sessions.leaderA, `?communeId=${COMMUNE_B.id}`)).total).toBe(0);
    const communes = async (session: Session) => (await app.inject({ method: 'GET', url: '/api/admin/communes', headers: bearer(session) })).json<{ communes: { id: string }[] }>().communes.map((c) => c.id);
    expect(await communes(sessions.leaderA)).toEqual([COMMUNE_A.id]);
    expect(await communes(sessions.adminQN)).toEqual([COMMUNE_A.id, COMMUNE_B.id]);
    expect((await app.inject({ method: 'GET', url: '/api/admin/communes', headers: bearer(sessions.memberA) })).statusCode).toBe(403);
  });

  it('the last sync is noted at a pull and filters the accounts not synced for 7 days', async () => {
    const before = await listed(sessions.leaderA, '?staleDays=7');
    expect(before.accounts.map((a) => a.username)).toContain('reviewerA');
    expect((await pull(app, sessions.reviewerA)).statusCode).toBe(200);
    const after = await listed(sessions.leaderA, '?staleDays=7');
    expect(after.accounts.map((a) => a.username)).not.toContain('reviewerA');
    const reviewer = (await listed(sessions.leaderA)).accounts.find((a) => a.username === 'reviewerA')!;
    expect(reviewer.lastSyncAt).toBeGreaterThan(Date.now() - 60_000);
  });

  it('creates an account with a one-time code shown once; the audit and the roster say so', async () => {
    const res = await create(sessions.leaderA, { username: 'thanh.vien.moi', displayName: 'Y Liên', role: 'member', phone: '0912 345 678' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<CreateAccountResponse>();
    expect(body.signInCode.code).toMatch(/^[2-9A-HJKMNP-TW-Z]{12}$/);
    expect(body.account).toMatchObject({ username: 'thanh.vien.moi', displayName: 'Y Liên', role: 'member', communeId: COMMUNE_A.id, phone: '0912345678', manageable: true });
    const again = (await listed(sessions.leaderA, '?q=lien')).accounts[0]!;
    expect(again.codeExpiresAt).toBe(body.signInCode.expiresAt);
    expect(JSON.stringify(again)).not.toContain(body.signInCode.code);
    // Duplicate usernames (any case) are refused; a leader gives no leader role nor another commune.
    expect((await create(sessions.leaderA, { username: 'THANH.VIEN.MOI', displayName: 'Z', role: 'member' })).statusCode).toBe(409);
    expect((await create(sessions.leaderA, { username: 'x.leader', displayName: 'Z', role: 'leader' })).statusCode).toBe(403);
    expect((await create(sessions.leaderA, { username: 'x.b', displayName: 'Z', role: 'member', communeId: COMMUNE_B.id })).statusCode).toBe(404);
    expect((await create(sessions.adminQN, { username: 'x.k', displayName: 'Z', role: 'member', communeId: COMMUNE_K.id })).statusCode).toBe(404);
    expect((await create(sessions.adminQN, { username: 'x.none', displayName: 'Z', role: 'member' })).statusCode).toBe(400);
    expect((await create(sessions.adminQN, { username: 'x.admin', displayName: 'Z', role: 'admin', communeId: COMMUNE_A.id })).statusCode).toBe(400);
    expect((await create(sessions.adminQN, { username: 'x.extra', displayName: 'Z', role: 'member', communeId: COMMUNE_A.id, passwordHash: 'x' })).statusCode).toBe(400);
    const created = await create(sessions.adminQN, { username: 'to.truong.b', displayName: 'Tổ trưởng B', role: 'leader', communeId: COMMUNE_B.id });
    expect(created.statusCode).toBe(201);
    expect((await roster(sessions.memberA)).get(body.account.id)).toMatchObject({ displayName: 'Y Liên', role: 'member', phone: '0912345678', active: true });
    const events = await audit(sessions.leaderA);
    expect(events.find((e) => e.kind === 'account.created')).toMatchObject({ actorName: 'leaderA', details: { role: 'member' }, subjectId: body.account.id });
    // The admin's action on commune B is in commune B's log.
    expect((await audit(sessions.leaderB)).find((e) => e.kind === 'account.created')).toMatchObject({ actorName: 'adminQN', communeName: COMMUNE_B.name });
  });

  it('a role change takes effect at the next request, with the same token', async () => {
    expect((await list(sessions.member2A)).statusCode).toBe(403);
    const res = await patch(sessions.adminQN, ids.member2A, { role: 'leader' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ account: AccountSummary }>().account.role).toBe('leader');
    expect((await list(sessions.member2A)).statusCode).toBe(200);
    // Now a leader, the account is no longer the other leader's to change.
    expect((await patch(sessions.leaderA, ids.member2A, { role: 'member' })).statusCode).toBe(403);
    expect((await patch(sessions.adminQN, ids.member2A, { role: 'member' })).statusCode).toBe(200);
    expect((await list(sessions.member2A)).statusCode).toBe(403);
    const changes = (await audit(sessions.leaderA)).filter((e) => e.kind === 'account.roleChanged');
    expect(changes.map((e) => e.details)).toEqual([
      { from: 'leader', to: 'member' },
      { from: 'member', to: 'leader' },
    ]);
  });

  it('refuses across communes and provinces, and on oneself, without telling whether an account exists', async () => {
    expect((await patch(sessions.leaderA, ids.memberB, { disabled: true })).statusCode).toBe(404);
    expect((await reset(sessions.leaderA, ids.memberB)).statusCode).toBe(404);
    expect((await patch(sessions.adminKT, ids.memberA, { disabled: true })).statusCode).toBe(404);
    expect((await patch(sessions.leaderA, '00000000-0000-4000-8000-000000000000', { disabled: true })).statusCode).toBe(404);
    expect((await patch(sessions.leaderA, 'not-an-id', { disabled: true })).statusCode).toBe(404);
    expect((await patch(sessions.leaderA, ids.leaderA, { disabled: true })).statusCode).toBe(403);
    expect((await patch(sessions.adminQN, ids.adminQN, { disabled: true })).statusCode).toBe(403);
    expect((await patch(sessions.leaderB, ids.memberB, {})).statusCode).toBe(400);
    expect((await patch(sessions.memberA, ids.member2A, { disabled: true })).statusCode).toBe(403);
    expect((await login(app, 'memberB')).userId).toBe(ids.memberB);
  });

  it('disabling ends the sessions at once and keeps the person on the roster; enabling lets them sign in again', async () => {
    const memberB = await login(app, 'memberB');
    expect((await patch(sessions.leaderB, ids.memberB, { disabled: true })).json<{ account: AccountSummary }>().account.disabled).toBe(true);
    expect((await pull(app, memberB)).statusCode).toBe(401);
    await expect(login(app, 'memberB')).rejects.toThrow(/401/);
    expect((await listed(sessions.leaderB, '?disabled=true')).accounts.map((a) => a.username)).toEqual(['memberB']);
    expect((await roster(sessions.leaderB)).get(ids.memberB)).toMatchObject({ displayName: 'memberB', active: false });
    expect((await patch(sessions.leaderB, ids.memberB, { disabled: false })).statusCode).toBe(200);
    expect((await login(app, 'memberB')).userId).toBe(ids.memberB);
    const kinds = (await audit(sessions.leaderB)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['account.disabled', 'account.enabled']));
  });

  it('pages the list 50 at a time with a stable order', async () => {
    for (let i = 0; i < 55; i += 1) {
      expect((await create(sessions.adminQN, { username: `thanh.vien.${i}`, displayName: `Thành viên ${i}`, role: 'member', communeId: COMMUNE_B.id })).statusCode).toBe(201);
    }
    const first = await listed(sessions.adminQN, `?communeId=${COMMUNE_B.id}`);
    expect(first.accounts).toHaveLength(50);
    expect(first.next).toBe(50);
    const second = await listed(sessions.adminQN, `?communeId=${COMMUNE_B.id}&offset=50`);
    expect(second.next).toBeNull();
    const all = [...first.accounts, ...second.accounts].map((a) => a.displayName);
    expect(all.indexOf('Thành viên 2')).toBeLessThan(all.indexOf('Thành viên 10'));
    expect(new Set(all).size).toBe(first.total);
  });
}

describe('accounts console on SQLite', () => consoleSuite(sqliteFixture));
describePostgres('accounts console on PostgreSQL', () => consoleSuite(postgresFixture));
