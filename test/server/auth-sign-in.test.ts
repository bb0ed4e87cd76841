// Signing in over HTTP (docs/sync.md §4, docs/privacy.md checklist items 6–11, 15, 24): the tokens
// and the refresh cookie, one answer for every failure, a new session per login, a disabled account;
// and the password rules. On a real SQLite file and a real PostgreSQL database (auth-world.ts).
// Test ids: A… (auth and scope), V… (validation).
import { describe, expect, it } from 'vitest';
import { AccountError, createUser } from '../../src/server/accounts';
import { setDisabled } from '../helpers/disable-account';
import { PASSWORD_MAX_LENGTH, hashPassword, passwordProblem, verifyPassword } from '../../src/server/auth/password';
import { ACCESS_TOKEN_TTL_SECONDS, TOKEN_AUDIENCE, TOKEN_ISSUER, verifyAccessToken } from '../../src/server/auth/tokens';
import type { ErrorBody } from '../../src/server/errors';
import { REFRESH_COOKIE_PLAIN, REFRESH_COOKIE_SECURE } from '../../src/server/routes/auth';
import { userSchema } from '../../src/shared/schemas/user';
import { SECRET, authWorld, onBothDatabases } from './auth-world';
import { sqliteFixture } from './store-fixtures';
import { COMMUNE_A, PASSWORD, TEST_COST, freshAddress, login, makeApp } from './sync-fixtures';

onBothDatabases('sign-in', (factory) => {
  const world = authWorld(factory);
  const { post, pullStatus } = world;

  describe('POST /api/auth/login', () => {
    it('[A2] a wrong password or an unknown user → 401 with one generic message, no token, no cookie', async () => {
      const wrong = await post('/api/auth/login', { username: 'memberA', password: 'not the password' });
      const unknown = await post('/api/auth/login', { username: 'nobody-here', password: PASSWORD });
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        // The same answer for both (tries are counted per typed name, known or not): no username leaks.
        expect(res.json<ErrorBody>()).toEqual({ error: { code: 'unauthorized', message: 'Wrong username or password.', remainingAttempts: 9 } });
        expect(res.headers['set-cookie']).toBeUndefined();
      }
    });

    it('[A1] signs in: tokens, the user, and an HttpOnly SameSite=Strict refresh cookie scoped to /api/auth', async () => {
      const res = await post('/api/auth/login', { username: 'MemberA', password: PASSWORD });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ accessToken: string; refreshToken: string; expiresIn: number; user: Record<string, unknown> }>();
      expect(Object.keys(body).sort()).toEqual(['accessToken', 'devicePolicy', 'expiresIn', 'refreshToken', 'relayKey', 'user']);
      expect(body.expiresIn).toBe(ACCESS_TOKEN_TTL_SECONDS);
      expect(body.user).toEqual({ id: expect.any(String) as string, username: 'memberA', displayName: 'memberA', role: 'member', communeId: COMMUNE_A.id, provinceId: 'quang-ngai' });
      expect(body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
      expect(verifyAccessToken(body.accessToken, Buffer.from(SECRET))).toMatchObject({ sub: body.user.id, aud: TOKEN_AUDIENCE, iss: TOKEN_ISSUER });
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toBe(`${REFRESH_COOKIE_PLAIN}=${body.refreshToken}; Path=/api/auth; Max-Age=5184000; HttpOnly; SameSite=Strict`);
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('[A1] the user object parses with the shared userSchema the app reads it with (member and admin)', async () => {
      for (const username of ['memberA', 'adminQN']) {
        const res = await post('/api/auth/login', { username, password: PASSWORD });
        const parsed = userSchema.safeParse(res.json<{ user: unknown }>().user);
        expect(parsed.success, username).toBe(true);
      }
    });

    it('[A1] over HTTPS (trusted proxy) the cookie is __Host- prefixed, Secure and host-wide as the prefix requires', async () => {
      const proxied = await makeApp(world.store, { AUTH_SECRET: SECRET, TRUST_PROXY: '1' });
      try {
        const res = await proxied.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'memberA', password: PASSWORD },
          headers: { 'x-forwarded-proto': 'https' },
          remoteAddress: freshAddress(),
        });
        expect(res.statusCode).toBe(200);
        const cookie = String(res.headers['set-cookie']);
        expect(cookie).toMatch(new RegExp(`^${REFRESH_COOKIE_SECURE}=[A-Za-z0-9_-]{43}; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Strict; Secure$`));
      } finally {
        await proxied.close();
      }
    });

    it('[A1] over HTTPS only the __Host- cookie is read: a plain-named one (plantable by a sibling host) is ignored', async () => {
      const proxied = await makeApp(world.store, { AUTH_SECRET: SECRET, TRUST_PROXY: '1' });
      try {
        const https = { 'x-forwarded-proto': 'https' };
        const refresh = (cookie: string, headers: Record<string, string> = https) =>
          proxied.inject({ method: 'POST', url: '/api/auth/refresh', payload: {}, headers: { ...headers, cookie }, remoteAddress: freshAddress() });
        const planted = await login(world.app, 'member2A');
        expect((await refresh(`${REFRESH_COOKIE_PLAIN}=${planted.refreshToken}`)).statusCode).toBe(401);
        const own = await login(world.app, 'member2A');
        expect((await refresh(`${REFRESH_COOKIE_PLAIN}=${planted.refreshToken}; ${REFRESH_COOKIE_SECURE}=${own.refreshToken}`)).statusCode).toBe(200);
        // Over plain HTTP the plain cookie is the one (a Secure cookie never travels there).
        expect((await refresh(`${REFRESH_COOKIE_PLAIN}=${planted.refreshToken}`, { 'x-forwarded-proto': 'http' })).statusCode).toBe(200);
      } finally {
        await proxied.close();
      }
    });

    it('[A9] every login is a new session with new tokens', async () => {
      const one = await login(world.app, 'member2A');
      const two = await login(world.app, 'member2A');
      expect(one.accessToken).not.toBe(two.accessToken);
      expect(one.refreshToken).not.toBe(two.refreshToken);
    });

    it.each([
      [{ username: 'memberA' }],
      [{ username: 'memberA', password: PASSWORD, remember: true }],
      [{ username: 42, password: PASSWORD }],
      ['not json at all'],
    ])('[V1] a malformed body %j → 400 and no session', async (payload) => {
      const res = await world.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        remoteAddress: freshAddress(),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().error.code).toBe('bad_request');
    });

    it('[A8] a disabled account cannot sign in, and its open sessions end at once', async () => {
      await createUser(world.store, { username: 'soon-disabled', password: PASSWORD, role: 'member', communeId: COMMUNE_A.id }, { cost: TEST_COST });
      const res = await post('/api/auth/login', { username: 'soon-disabled', password: PASSWORD });
      const session = res.json<{ accessToken: string; refreshToken: string }>();
      expect(await pullStatus(session)).toBe(200);
      await setDisabled(world.store, 'soon-disabled', true);
      expect(await pullStatus(session)).toBe(401);
      // The refresh still answers once, for the phone's final push only (revocation.test.ts [A16]).
      const refreshed = (await post('/api/auth/refresh', { refreshToken: session.refreshToken })).json<{ accessToken: string }>();
      expect(await pullStatus(refreshed)).toBe(401);
      expect((await post('/api/auth/login', { username: 'soon-disabled', password: PASSWORD })).statusCode).toBe(401);
    });
  });
});

describe('passwords', () => {
  it('[A11] hashes with scrypt, salted, and verifies only the right password', async () => {
    const one = await hashPassword('đúng mật khẩu rồi', TEST_COST);
    const two = await hashPassword('đúng mật khẩu rồi', TEST_COST);
    expect(one).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(one).not.toBe(two);
    expect(await verifyPassword('đúng mật khẩu rồi', one)).toBe(true);
    // NFC and NFD spellings of the same Vietnamese text are one password.
    expect(await verifyPassword('đúng mật khẩu rồi'.normalize('NFD'), one)).toBe(true);
    expect(await verifyPassword('sai mật khẩu rồi', one)).toBe(false);
    expect(await verifyPassword('anything', undefined)).toBe(false);
    expect(await verifyPassword('anything', 'md5$abc')).toBe(false);
  });

  it.each([
    ['short', /at least 8/],
    ['x'.repeat(PASSWORD_MAX_LENGTH + 1), /at most 128/],
    ['12345678', /most common/],
    ['MatKhau123', /most common/],
    ['memberA-long', /not be the username/],
  ])('[A11] refuses %s', (password, message) => {
    expect(passwordProblem(password, 'memberA-long')).toMatch(message);
  });

  it('[A11] accepts 8 characters, 128 characters, spaces and Vietnamese, with no composition rules', () => {
    for (const password of ['qzmrtwxk', 'y'.repeat(PASSWORD_MAX_LENGTH), 'con mèo nhỏ', 'ngựa pin kẹp giấy đúng']) {
      expect(passwordProblem(password, 'someone')).toBeUndefined();
    }
  });

  it('[A11] account creation enforces the rules with a clear error', async () => {
    const fixture = await sqliteFixture();
    try {
      const store = fixture.open();
      await store.migrate();
      await expect(createUser(store, { username: 'weak', password: 'password', role: 'member', communeId: 'x' })).rejects.toThrow(AccountError);
    } finally {
      await fixture.dispose();
    }
  });
});
