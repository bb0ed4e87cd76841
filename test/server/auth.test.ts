// Sign-in, tokens and sessions over HTTP (docs/sync.md §4, docs/privacy.md checklist items 6–11, 15, 24),
// on a real SQLite file and a real PostgreSQL database. Test ids: A… (auth and scope).
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountError, createUser, resetPassword, setDisabled } from '../../src/server/accounts';
import { AuthService } from '../../src/server/auth/auth-service';
import { PASSWORD_MAX_LENGTH, hashPassword, passwordProblem, verifyPassword } from '../../src/server/auth/password';
import { ACCESS_TOKEN_TTL_SECONDS, TOKEN_AUDIENCE, TOKEN_ISSUER, hashRefreshToken, signAccessToken, verifyAccessToken } from '../../src/server/auth/tokens';
import { pruneOldRows } from '../../src/server/main';
import type { ErrorBody } from '../../src/server/errors';
import { userSchema } from '../../src/shared/schemas/user';
import { REFRESH_COOKIE_PLAIN, REFRESH_COOKIE_SECURE } from '../../src/server/routes/auth';
import { META_KEYS, type SyncStore } from '../../src/server/storage/types';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture, type StoreFixtureFactory } from './store-fixtures';
import { COMMUNE_A, PASSWORD, TEST_COST, bearer, freshAddress, login, makeApp, populate, pull, type Session } from './sync-fixtures';

const SECRET = 'test-secret-of-at-least-thirty-two-characters';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token with any header and claims, signed with `secret` by HMAC-SHA256. */
function forge(header: Record<string, unknown>, claims: Record<string, unknown>, secret = SECRET): string {
  const body = `${b64(header)}.${b64(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

function authSuite(factory: StoreFixtureFactory): void {
  let fixture: StoreFixture;
  let store: SyncStore;
  let app: FastifyInstance;
  const logLines: string[] = [];

  beforeAll(async () => {
    fixture = await factory();
    store = fixture.open();
    await store.migrate();
    await populate(store);
    app = await makeApp(store, { AUTH_SECRET: SECRET }, logLines);
  });

  afterAll(async () => {
    await app.close();
    await fixture.dispose();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}, remoteAddress = freshAddress()) =>
    app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers, remoteAddress });
  const pullStatus = async (session: Pick<Session, 'accessToken'>) => (await pull(app, session as Session)).statusCode;

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
      expect(Object.keys(body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken', 'user']);
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
      const proxied = await makeApp(store, { AUTH_SECRET: SECRET, TRUST_PROXY: '1' });
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
      const proxied = await makeApp(store, { AUTH_SECRET: SECRET, TRUST_PROXY: '1' });
      try {
        const https = { 'x-forwarded-proto': 'https' };
        const refresh = (cookie: string, headers: Record<string, string> = https) =>
          proxied.inject({ method: 'POST', url: '/api/auth/refresh', payload: {}, headers: { ...headers, cookie }, remoteAddress: freshAddress() });
        const planted = await login(app, 'member2A');
        expect((await refresh(`${REFRESH_COOKIE_PLAIN}=${planted.refreshToken}`)).statusCode).toBe(401);
        const own = await login(app, 'member2A');
        expect((await refresh(`${REFRESH_COOKIE_PLAIN}=${planted.refreshToken}; ${REFRESH_COOKIE_SECURE}=${own.refreshToken}`)).statusCode).toBe(200);
        // Over plain HTTP the plain cookie is the one (a Secure cookie never travels there).
        expect((await refresh(`${REFRESH_COOKIE_PLAIN}=${planted.refreshToken}`, { 'x-forwarded-proto': 'http' })).statusCode).toBe(200);
      } finally {
        await proxied.close();
      }
    });

    it('[A9] every login is a new session with new tokens', async () => {
      const one = await login(app, 'member2A');
      const two = await login(app, 'member2A');
      expect(one.accessToken).not.toBe(two.accessToken);
      expect(one.refreshToken).not.toBe(two.refreshToken);
    });

    it.each([
      [{ username: 'memberA' }],
      [{ username: 'memberA', password: PASSWORD, remember: true }],
      [{ username: 42, password: PASSWORD }],
      ['not json at all'],
    ])('[V1] a malformed body %j → 400 and no session', async (payload) => {
      const res = await app.inject({
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
      await createUser(store, { username: 'soon-disabled', password: PASSWORD, role: 'member', communeId: COMMUNE_A.id }, { cost: TEST_COST });
      const res = await post('/api/auth/login', { username: 'soon-disabled', password: PASSWORD });
      const session = res.json<{ accessToken: string; refreshToken: string }>();
      expect(await pullStatus(session)).toBe(200);
      await setDisabled(store, 'soon-disabled', true);
      expect(await pullStatus(session)).toBe(401);
      // The refresh still answers once, for the phone's final push only (revocation.test.ts [A16]).
      const refreshed = (await post('/api/auth/refresh', { refreshToken: session.refreshToken })).json<{ accessToken: string }>();
      expect(await pullStatus(refreshed)).toBe(401);
      expect((await post('/api/auth/login', { username: 'soon-disabled', password: PASSWORD })).statusCode).toBe(401);
    });
  });

  describe('access tokens', () => {
    it('[A3] an expired access token → 401', async () => {
      const session = await login(app, 'memberA');
      const claims = verifyAccessToken(session.accessToken, Buffer.from(SECRET))!;
      const expired = signAccessToken({ sub: claims.sub, sid: claims.sid }, Buffer.from(SECRET), Date.now() - (ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
      expect(await pullStatus(session)).toBe(200);
      expect(await pullStatus({ accessToken: expired })).toBe(401);
    });

    it('[A3] a token already accepted is refused once it expires (a remembered signature extends nothing)', async () => {
      let now = Date.now();
      const auth = new AuthService({ store, secret: SECRET, now: () => now });
      const signedIn = await auth.login('memberA', PASSWORD, freshAddress());
      if (signedIn.kind !== 'ok') throw new Error(`login failed: ${signedIn.kind}`);
      const username = async () => {
        const result = await auth.authorize(signedIn.accessToken);
        return result.kind === 'ok' ? result.user.username : result.code;
      };
      expect(await username()).toBe('memberA');
      expect(await username()).toBe('memberA');
      now += ACCESS_TOKEN_TTL_SECONDS * 1000;
      expect(await username()).toBe('unauthorized');
    });

    it('[A4] alg "none", another algorithm, a bad signature or another key → 401', async () => {
      const session = await login(app, 'memberA');
      const claims = verifyAccessToken(session.accessToken, Buffer.from(SECRET))!;
      const [header, payload] = session.accessToken.split('.');
      const unsignedNone = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
      const noneWithSig = forge({ alg: 'none', typ: 'JWT' }, { ...claims });
      const hs512Label = forge({ alg: 'HS512', typ: 'JWT' }, { ...claims });
      const tampered = `${header}.${b64({ ...claims, sub: 'someone-else' })}.${session.accessToken.split('.')[2]}`;
      const otherKey = forge({ alg: 'HS256', typ: 'JWT' }, { ...claims }, 'another-secret-that-is-long-enough-123');
      for (const token of [unsignedNone, noneWithSig, hs512Label, tampered, otherKey, 'garbage', `${session.accessToken}x`]) {
        expect(await pullStatus({ accessToken: token }), token).toBe(401);
      }
    });

    it('[A5] a token for another audience or issuer, or not yet valid → 401', async () => {
      const session = await login(app, 'memberA');
      const claims = verifyAccessToken(session.accessToken, Buffer.from(SECRET))!;
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: 'HS256', typ: 'JWT' };
      expect(await pullStatus({ accessToken: forge(header, { ...claims }) })).toBe(200); // the forge helper itself is right
      expect(await pullStatus({ accessToken: forge(header, { ...claims, aud: 'some-other-api' }) })).toBe(401);
      expect(await pullStatus({ accessToken: forge(header, { ...claims, iss: 'elsewhere' }) })).toBe(401);
      expect(await pullStatus({ accessToken: forge(header, { ...claims, nbf: now + 3600, exp: now + 7200 }) })).toBe(401);
    });

    it('[A6] only "Authorization: Bearer <token>" is accepted', async () => {
      const session = await login(app, 'memberA');
      for (const authorization of [`Basic ${session.accessToken}`, session.accessToken, 'Bearer', '']) {
        const res = await app.inject({ method: 'GET', url: '/api/sync/pull', headers: { authorization } });
        expect(res.statusCode).toBe(401);
      }
      expect((await app.inject({ method: 'GET', url: '/api/sync/pull', headers: { authorization: `bearer ${session.accessToken}` } })).statusCode).toBe(200);
    });

    it('[A6] without AUTH_SECRET a key is generated once, stored, and shared by every server on the database', async () => {
      const first = await makeApp(store);
      const second = await makeApp(store);
      try {
        const res = await first.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'memberA', password: PASSWORD }, remoteAddress: freshAddress() });
        const { accessToken } = res.json<{ accessToken: string }>();
        expect((await second.inject({ method: 'GET', url: '/api/sync/pull', headers: { authorization: `Bearer ${accessToken}` } })).statusCode).toBe(200);
        expect(await store.getMeta(META_KEYS.authSecret)).toMatch(/^[0-9a-f]{64}$/);
        // …and it is not the configured one: such tokens fail where AUTH_SECRET is set.
        expect(await pullStatus({ accessToken })).toBe(401);
      } finally {
        await first.close();
        await second.close();
      }
    });
  });

  describe('POST /api/auth/refresh', () => {
    it('[A7] without a refresh token (body or cookie) → 401', async () => {
      expect((await post('/api/auth/refresh', {})).statusCode).toBe(401);
      expect((await post('/api/auth/refresh', { refreshToken: 'never-issued-token-xxxxxxxxxxxxxxxxx' })).statusCode).toBe(401);
    });

    it('[A7] rotates: a new pair every time, and the new tokens work', async () => {
      const session = await login(app, 'leaderA');
      const res = await post('/api/auth/refresh', { refreshToken: session.refreshToken });
      expect(res.statusCode).toBe(200);
      const next = res.json<{ accessToken: string; refreshToken: string; expiresIn: number; user: { id: string } }>();
      expect(Object.keys(next).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken', 'user']);
      expect(next.refreshToken).not.toBe(session.refreshToken);
      expect(next.user.id).toBe(session.userId);
      expect(await pullStatus(next)).toBe(200);
      expect(String(res.headers['set-cookie'])).toContain(`${REFRESH_COOKIE_PLAIN}=${next.refreshToken};`);
    });

    it('[A7] takes the token from the HttpOnly cookie when the body has none', async () => {
      const session = await login(app, 'leaderA');
      const res = await post('/api/auth/refresh', {}, { cookie: `other=1; ${REFRESH_COOKIE_PLAIN}=${session.refreshToken}` });
      expect(res.statusCode).toBe(200);
      expect(res.json<{ refreshToken: string }>().refreshToken).not.toBe(session.refreshToken);
    });

    it('[A7] reuse of an old refresh token revokes the whole session (both the thief and the owner are signed out)', async () => {
      const session = await login(app, 'memberA');
      const rotated = (await post('/api/auth/refresh', { refreshToken: session.refreshToken })).json<{ accessToken: string; refreshToken: string }>();
      expect(await pullStatus(rotated)).toBe(200);

      const replay = await post('/api/auth/refresh', { refreshToken: session.refreshToken });
      expect(replay.statusCode).toBe(401);
      expect(String(replay.headers['set-cookie'])).toContain('Max-Age=0');
      expect(await pullStatus(rotated)).toBe(401);
      expect((await post('/api/auth/refresh', { refreshToken: rotated.refreshToken })).statusCode).toBe(401);
      // Other sessions of the same user go on.
      expect(await pullStatus(await login(app, 'memberA'))).toBe(200);
      expect(logLines.join('')).toContain('refresh_reuse');
    });

    it('[A7] two refreshes with one token at the same time: exactly one wins, and the reuse ends the session', async () => {
      const session = await login(app, 'member2A');
      const results = await Promise.all([1, 2].map(() => post('/api/auth/refresh', { refreshToken: session.refreshToken })));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
      const winner = results.find((r) => r.statusCode === 200)!.json<{ accessToken: string }>();
      expect(await pullStatus(winner)).toBe(401);
    });

    it('[A8] a password reset ends every session of the account', async () => {
      await createUser(store, { username: 'resets-password', password: PASSWORD, role: 'member', communeId: COMMUNE_A.id }, { cost: TEST_COST });
      const res = await post('/api/auth/login', { username: 'resets-password', password: PASSWORD });
      const session = res.json<{ accessToken: string; refreshToken: string }>();
      await resetPassword(store, 'resets-password', 'a brand new passphrase', { cost: TEST_COST });
      expect(await pullStatus(session)).toBe(401);
      expect((await post('/api/auth/refresh', { refreshToken: session.refreshToken })).statusCode).toBe(401);
      expect((await post('/api/auth/login', { username: 'resets-password', password: PASSWORD })).statusCode).toBe(401);
      expect((await post('/api/auth/login', { username: 'resets-password', password: 'a brand new passphrase' })).statusCode).toBe(200);
    });
  });

  describe('POST /api/auth/logout', () => {
    it('[A8] without any token → 401', async () => {
      expect((await post('/api/auth/logout', {})).statusCode).toBe(401);
    });

    it('[A8] revokes the session: the access token and the refresh token stop working at once; the cookie is cleared', async () => {
      const session = await login(app, 'reviewerA');
      const other = await login(app, 'reviewerA');
      const res = await post('/api/auth/logout', {}, { ...bearer(session) });
      expect(res.statusCode).toBe(204);
      expect(String(res.headers['set-cookie'])).toBe(`${REFRESH_COOKIE_PLAIN}=; Path=/api/auth; Max-Age=0; HttpOnly; SameSite=Strict`);
      expect(await pullStatus(session)).toBe(401);
      expect((await post('/api/auth/refresh', { refreshToken: session.refreshToken })).statusCode).toBe(401);
      // The same user's other phone stays signed in.
      expect(await pullStatus(other)).toBe(200);
    });

    it('[A8] works with the refresh cookie alone (access token already expired)', async () => {
      const session = await login(app, 'reviewerA');
      const res = await post('/api/auth/logout', {}, { cookie: `${REFRESH_COOKIE_PLAIN}=${session.refreshToken}` });
      expect(res.statusCode).toBe(204);
      expect(await pullStatus(session)).toBe(401);
    });
  });

  describe('pruning', () => {
    it('[A8] the periodic job deletes expired sessions and refresh tokens (and long-revoked sessions); live ones stay', async () => {
      const live = await login(app, 'leaderB');
      const ended = await login(app, 'leaderB');
      await post('/api/auth/logout', {}, { ...bearer(ended) });
      const count = () => {
        const lines: string[] = [];
        const log = { info: (fields: unknown) => void lines.push(JSON.stringify(fields)), error: (fields: unknown) => void lines.push(`error ${JSON.stringify(fields)}`) };
        return { log, lines };
      };
      // Today: nothing live or recently revoked goes.
      const today = count();
      await pruneOldRows(store, today.log as never);
      expect(today.lines.filter((line) => line.startsWith('error'))).toEqual([]);
      expect(await pullStatus(live)).toBe(200);
      expect(await store.sessions.findSessionByRefreshHash(hashRefreshToken(ended.refreshToken))).toBeDefined();
      // 181 days later every session of today has expired (a login lasts 180 days at most).
      const later = count();
      await pruneOldRows(store, later.log as never, Date.now() + 181 * 24 * 60 * 60 * 1000);
      expect(later.lines.join('')).toMatch(/"sessions":[1-9]/);
      for (const session of [live, ended]) expect(await store.sessions.findSessionByRefreshHash(hashRefreshToken(session.refreshToken))).toBeUndefined();
      expect(await pullStatus(live)).toBe(401);
      expect((await post('/api/auth/refresh', { refreshToken: live.refreshToken })).statusCode).toBe(401);
    });
  });

  describe('security log', () => {
    it('[A15] logs sign-ins, failures and token reuse with who and where, never a password or a token', async () => {
      const session = await login(app, 'leaderB');
      await post('/api/auth/login', { username: 'leaderB', password: 'wrong-password-123' });
      await post('/api/auth/refresh', { refreshToken: session.refreshToken });
      await post('/api/auth/refresh', { refreshToken: session.refreshToken });
      const log = logLines.join('');
      expect(log).toContain('"event":"login_ok"');
      expect(log).toContain('"event":"login_failed"');
      expect(log).toContain('"event":"refresh_reuse"');
      expect(log).not.toContain(PASSWORD);
      expect(log).not.toContain('wrong-password-123');
      expect(log).not.toContain(session.refreshToken);
      expect(log).not.toContain(session.accessToken);
    });
  });
}

describe('auth on SQLite', () => {
  authSuite(sqliteFixture);
});

describePostgres('auth on PostgreSQL', () => {
  authSuite(postgresFixture);
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
