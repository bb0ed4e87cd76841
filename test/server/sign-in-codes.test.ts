// One-time sign-in codes and a member's own password (docs/accounts.md "Accounts"), on a SQLite
// file and on PostgreSQL: a code is redeemed once (of two parallel redemptions exactly one wins),
// expires, and its guesses are limited like sign-ins; a reset leaves the old password working
// until the new code is used; changing one's password ends the other sessions. The admin CLI's
// issue-code makes the same kind of code.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAdminCli } from '../../src/server/admin-cli';
import { hashSignInCode } from '../../src/server/auth/sign-in-code';
import type { CreateAccountResponse, SignInCodeResponse } from '../../src/shared/admin/accounts';
import { describePostgres } from '../helpers/pg';
import { adminWorld } from './admin-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { COMMUNE_A, PASSWORD, freshAddress, login, pull } from './sync-fixtures';

const CHOSEN = 'mật khẩu của tôi 2026';

function codeSuite<F extends StoreFixture>(factory: () => Promise<F>, cliEnv?: (fixture: F) => Record<string, string>): void {
  const world = adminWorld(factory, ['leaderA']);

  const redeem = (body: Record<string, unknown>) => world.app.inject({ method: 'POST', url: '/api/auth/redeem-code', payload: body, remoteAddress: freshAddress() });
  const newMember = async (username: string): Promise<CreateAccountResponse> => {
    const res = await world.send(world.leaderA, 'POST', '/api/admin/accounts', { username, displayName: username, role: 'member' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CreateAccountResponse>();
  };

  it('a new member redeems the code once, typed loosely, and is signed in with the password they chose', async () => {
    const { signInCode } = await newMember('y.lien');
    // No password works before the code is used.
    await expect(login(world.app, 'y.lien', CHOSEN)).rejects.toThrow(/401/);
    const typed = `${signInCode.code.slice(0, 4).toLowerCase()} ${signInCode.code.slice(4, 8)}-${signInCode.code.slice(8)}`;
    const res = await redeem({ username: 'Y.Lien', code: typed, password: CHOSEN });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ accessToken: string; user: { username: string; communeId: string } }>();
    expect(body.user).toMatchObject({ username: 'y.lien', communeId: COMMUNE_A.id });
    expect((await pull(world.app, { name: 'y.lien', userId: '', accessToken: body.accessToken, refreshToken: '', communeId: COMMUNE_A.id })).statusCode).toBe(200);
    expect((await redeem({ username: 'y.lien', code: signInCode.code, password: 'một mật khẩu khác' })).statusCode).toBe(401);
    expect((await login(world.app, 'y.lien', CHOSEN)).communeId).toBe(COMMUNE_A.id);
    expect((await world.audit(world.leaderA)).find((e) => e.kind === 'account.codeRedeemed')).toMatchObject({ actorName: 'y.lien' });
  });

  it('of two redemptions of one code at once, exactly one wins', async () => {
    const { signInCode } = await newMember('cung.luc');
    const answers = await Promise.all([
      redeem({ username: 'cung.luc', code: signInCode.code, password: 'mật khẩu thứ nhất' }),
      redeem({ username: 'cung.luc', code: signInCode.code, password: 'mật khẩu thứ hai' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401]);
    const winner = answers.findIndex((a) => a.statusCode === 200);
    const password = winner === 0 ? 'mật khẩu thứ nhất' : 'mật khẩu thứ hai';
    expect((await login(world.app, 'cung.luc', password)).name).toBe('cung.luc');
    await expect(login(world.app, 'cung.luc', winner === 0 ? 'mật khẩu thứ hai' : 'mật khẩu thứ nhất')).rejects.toThrow(/401/);
  });

  it('refuses an expired code, a weak password and a malformed body, saying why', async () => {
    const { account, signInCode } = await newMember('het.han.ma');
    expect((await redeem({ username: 'het.han.ma', code: signInCode.code, password: 'password' })).json()).toMatchObject({ error: { problem: 'password_common' } });
    expect((await redeem({ username: 'het.han.ma', code: signInCode.code, password: 'het.han.ma' })).json()).toMatchObject({ error: { problem: 'password_username' } });
    expect((await redeem({ username: 'het.han.ma', code: 'ABC', password: CHOSEN })).statusCode).toBe(400);
    expect((await redeem({ username: 'het.han.ma', code: signInCode.code, password: CHOSEN, role: 'admin' })).statusCode).toBe(400);
    const now = Date.now();
    await world.store.accounts.setSignInCode(account.id, hashSignInCode(signInCode.code), now - 1000, now - 1);
    const expired = await redeem({ username: 'het.han.ma', code: signInCode.code, password: CHOSEN });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: { problem: 'code_expired' } });
  });

  it('limits guesses like sign-ins: the eleventh try is refused even with the right code', async () => {
    const { signInCode } = await newMember('doan.ma');
    const wrong = signInCode.code.startsWith('A') ? `B${signInCode.code.slice(1)}` : `A${signInCode.code.slice(1)}`;
    const tries = [];
    for (let i = 0; i < 10; i += 1) tries.push(await redeem({ username: 'doan.ma', code: wrong, password: CHOSEN }));
    expect(tries.map((t) => t.statusCode)).toEqual(Array(10).fill(401));
    expect(tries[0]!.json()).toMatchObject({ error: { remainingAttempts: 9 } });
    const locked = await redeem({ username: 'doan.ma', code: signInCode.code, password: CHOSEN });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a reset keeps the old password working until the new code is used, then ends every session', async () => {
    const memberA = await login(world.app, 'memberA');
    const res = await world.send(world.leaderA, 'POST', `/api/admin/accounts/${world.ids.memberA}/code`);
    expect(res.statusCode).toBe(200);
    const { code } = res.json<SignInCodeResponse>();
    expect((await pull(world.app, memberA)).statusCode).toBe(200);
    expect((await login(world.app, 'memberA')).name).toBe('memberA');
    expect((await redeem({ username: 'memberA', code, password: CHOSEN })).statusCode).toBe(200);
    expect((await pull(world.app, memberA)).statusCode).toBe(401);
    await expect(login(world.app, 'memberA', PASSWORD)).rejects.toThrow(/401/);
    expect((await world.audit(world.leaderA)).find((e) => e.kind === 'account.passwordReset')).toMatchObject({ actorName: 'leaderA', subjectId: world.ids.memberA });
  });

  it('a member changes their own password: the current one is checked, other sessions end, this one is renewed', async () => {
    const phone = await login(world.app, 'member2A');
    const laptop = await login(world.app, 'member2A');
    const change = (body: Record<string, unknown>) => world.send(phone, 'POST', '/api/auth/password', body);
    const wrong = await change({ currentPassword: 'not it at all', newPassword: CHOSEN });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ error: { problem: 'wrong_password', remainingAttempts: 9 } });
    expect((await change({ currentPassword: PASSWORD, newPassword: '12345678' })).json()).toMatchObject({ error: { problem: 'password_common' } });
    expect((await world.app.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: PASSWORD, newPassword: CHOSEN } })).statusCode).toBe(401);
    const ok = await change({ currentPassword: PASSWORD, newPassword: CHOSEN });
    expect(ok.statusCode, ok.body).toBe(200);
    const renewed = ok.json<{ accessToken: string }>();
    expect((await pull(world.app, laptop)).statusCode).toBe(401);
    expect((await pull(world.app, { ...phone, accessToken: renewed.accessToken })).statusCode).toBe(200);
    await expect(login(world.app, 'member2A', PASSWORD)).rejects.toThrow(/401/);
    expect((await login(world.app, 'member2A', CHOSEN)).name).toBe('member2A');
    expect((await world.audit(world.leaderA)).find((e) => e.kind === 'account.passwordChanged')).toMatchObject({ actorName: 'member2A' });
  });

  if (cliEnv) {
    it("the admin CLI's issue-code gives a code the member redeems", async () => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runAdminCli(['issue-code', '--username', 'reviewerA'], cliEnv(world.fixture), { out: (t) => out.push(t), err: (t) => err.push(t) });
      expect(err.join('')).toBe('');
      expect(code).toBe(0);
      const printed = /code for reviewerA: ([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})/.exec(out.join(''))?.[1];
      expect(printed).toBeDefined();
      expect((await redeem({ username: 'reviewerA', code: printed, password: CHOSEN })).statusCode).toBe(200);
    });
  }
}

describe('sign-in codes on SQLite', () => codeSuite(sqliteFixture, (fixture) => ({ NODE_ENV: 'test', DATA_DIR: path.dirname(fixture.file) })));
describePostgres('sign-in codes on PostgreSQL', () => codeSuite(postgresFixture, (fixture) => ({ NODE_ENV: 'test', DATABASE_URL: fixture.url })));
