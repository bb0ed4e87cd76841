// Sessions over HTTP (docs/sync.md §4, docs/privacy.md checklist items 6–11, 15, 24): refresh-token
// rotation and reuse, sign-out, a password reset, the periodic pruning, and the security log.
// On a real SQLite file and a real PostgreSQL database (auth-world.ts). Test ids: A… (auth and scope).
import { describe, expect, it } from 'vitest';
import { createUser, resetPassword } from '../../src/server/accounts';
import { hashRefreshToken } from '../../src/server/auth/tokens';
import { pruneOldRows } from '../../src/server/main';
import { REFRESH_COOKIE_PLAIN } from '../../src/server/routes/auth';
import { authWorld, onBothDatabases } from './auth-world';
import { COMMUNE_A, PASSWORD, TEST_COST, bearer, login } from './sync-fixtures';

onBothDatabases('sessions', (factory) => {
  const world = authWorld(factory);
  const { post, pullStatus } = world;

  describe('POST /api/auth/refresh', () => {
    it('[A7] without a refresh token (body or cookie) → 401', async () => {
      expect((await post('/api/auth/refresh', {})).statusCode).toBe(401);
      expect((await post('/api/auth/refresh', { refreshToken: 'never-issued-token-xxxxxxxxxxxxxxxxx' })).statusCode).toBe(401);
    });

    it('[A7] rotates: a new pair every time, and the new tokens work', async () => {
      const session = await login(world.app, 'leaderA');
      const res = await post('/api/auth/refresh', { refreshToken: session.refreshToken });
      expect(res.statusCode).toBe(200);
      const next = res.json<{ accessToken: string; refreshToken: string; expiresIn: number; user: { id: string } }>();
      expect(Object.keys(next).sort()).toEqual(['accessToken', 'devicePolicy', 'expiresIn', 'refreshToken', 'relayKey', 'user']);
      expect(next.refreshToken).not.toBe(session.refreshToken);
      expect(next.user.id).toBe(session.userId);
      expect(await pullStatus(next)).toBe(200);
      expect(String(res.headers['set-cookie'])).toContain(`${REFRESH_COOKIE_PLAIN}=${next.refreshToken};`);
    });

    it('[A7] takes the token from the HttpOnly cookie when the body has none', async () => {
      const session = await login(world.app, 'leaderA');
      const res = await post('/api/auth/refresh', {}, { cookie: `other=1; ${REFRESH_COOKIE_PLAIN}=${session.refreshToken}` });
      expect(res.statusCode).toBe(200);
      expect(res.json<{ refreshToken: string }>().refreshToken).not.toBe(session.refreshToken);
    });

    it('[A7] reuse of an old refresh token revokes the whole session (both the thief and the owner are signed out)', async () => {
      const logged = world.logFrom();
      const session = await login(world.app, 'memberA');
      const first = (await post('/api/auth/refresh', { refreshToken: session.refreshToken })).json<{ accessToken: string; refreshToken: string }>();
      // The owner has moved on (its successor was used): the old token cannot be a lost answer's retry.
      const rotated = (await post('/api/auth/refresh', { refreshToken: first.refreshToken })).json<{ accessToken: string; refreshToken: string }>();
      expect(await pullStatus(rotated)).toBe(200);

      const replay = await post('/api/auth/refresh', { refreshToken: session.refreshToken });
      expect(replay.statusCode).toBe(401);
      expect(String(replay.headers['set-cookie'])).toContain('Max-Age=0');
      expect(await pullStatus(rotated)).toBe(401);
      expect((await post('/api/auth/refresh', { refreshToken: rotated.refreshToken })).statusCode).toBe(401);
      // Other sessions of the same user go on.
      expect(await pullStatus(await login(world.app, 'memberA'))).toBe(200);
      expect(logged()).toContain('refresh_reuse');
    });

    it('[A7] two refreshes with one token at the same time (two tabs, a retry): both get the same successor, the session lives', async () => {
      const session = await login(world.app, 'member2A');
      const results = await Promise.all([1, 2].map(() => post('/api/auth/refresh', { refreshToken: session.refreshToken })));
      expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
      const [a, b] = results.map((r) => r.json<{ accessToken: string; refreshToken: string }>());
      expect(a!.refreshToken).toBe(b!.refreshToken);
      expect(await pullStatus(a!)).toBe(200);
      expect((await post('/api/auth/refresh', { refreshToken: a!.refreshToken })).statusCode).toBe(200);
    });

    it('[A8] a password reset ends every session of the account', async () => {
      await createUser(world.store, { username: 'resets-password', password: PASSWORD, role: 'member', communeId: COMMUNE_A.id }, { cost: TEST_COST });
      const res = await post('/api/auth/login', { username: 'resets-password', password: PASSWORD });
      const session = res.json<{ accessToken: string; refreshToken: string }>();
      await resetPassword(world.store, 'resets-password', 'a brand new passphrase', { cost: TEST_COST });
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
      const session = await login(world.app, 'reviewerA');
      const other = await login(world.app, 'reviewerA');
      const res = await post('/api/auth/logout', {}, { ...bearer(session) });
      expect(res.statusCode).toBe(204);
      expect(String(res.headers['set-cookie'])).toBe(`${REFRESH_COOKIE_PLAIN}=; Path=/api/auth; Max-Age=0; HttpOnly; SameSite=Strict`);
      expect(await pullStatus(session)).toBe(401);
      expect((await post('/api/auth/refresh', { refreshToken: session.refreshToken })).statusCode).toBe(401);
      // The same user's other phone stays signed in.
      expect(await pullStatus(other)).toBe(200);
    });

    it('[A8] works with the refresh cookie alone (access token already expired)', async () => {
      const session = await login(world.app, 'reviewerA');
      const res = await post('/api/auth/logout', {}, { cookie: `${REFRESH_COOKIE_PLAIN}=${session.refreshToken}` });
      expect(res.statusCode).toBe(204);
      expect(await pullStatus(session)).toBe(401);
    });
  });

  describe('pruning', () => {
    it('[A8] the periodic job deletes expired sessions and refresh tokens (and long-revoked sessions); live ones stay', async () => {
      const live = await login(world.app, 'leaderB');
      const ended = await login(world.app, 'leaderB');
      await post('/api/auth/logout', {}, { ...bearer(ended) });
      const count = () => {
        const lines: string[] = [];
        const log = { info: (fields: unknown) => void lines.push(JSON.stringify(fields)), error: (fields: unknown) => void lines.push(`error ${JSON.stringify(fields)}`) };
        return { log, lines };
      };
      // Today: nothing live or recently revoked goes.
      const today = count();
      await pruneOldRows(world.store, today.log as never);
      expect(today.lines.filter((line) => line.startsWith('error'))).toEqual([]);
      expect(await pullStatus(live)).toBe(200);
      expect(await world.store.sessions.findSessionByRefreshHash(hashRefreshToken(ended.refreshToken))).toBeDefined();
      // 181 days later every session of today has expired (a login lasts 180 days at most).
      const later = count();
      await pruneOldRows(world.store, later.log as never, Date.now() + 181 * 24 * 60 * 60 * 1000);
      expect(later.lines.join('')).toMatch(/"sessions":[1-9]/);
      for (const session of [live, ended]) expect(await world.store.sessions.findSessionByRefreshHash(hashRefreshToken(session.refreshToken))).toBeUndefined();
      expect(await pullStatus(live)).toBe(401);
      expect((await post('/api/auth/refresh', { refreshToken: live.refreshToken })).statusCode).toBe(401);
    });
  });

  describe('security log', () => {
    it('[A15] logs sign-ins, failures and token reuse with who and where, never a password or a token', async () => {
      // Only this test's lines: another test's events must not make this one pass.
      const logged = world.logFrom();
      const session = await login(world.app, 'leaderB');
      await post('/api/auth/login', { username: 'leaderB', password: 'wrong-password-123' });
      const first = (await post('/api/auth/refresh', { refreshToken: session.refreshToken })).json<{ refreshToken: string }>();
      await post('/api/auth/refresh', { refreshToken: first.refreshToken });
      await post('/api/auth/refresh', { refreshToken: session.refreshToken });
      const log = logged();
      expect(log).toContain('"event":"login_ok"');
      expect(log).toContain('"event":"login_failed"');
      expect(log).toContain('"event":"refresh_reuse"');
      expect(log).not.toContain(PASSWORD);
      expect(log).not.toContain('wrong-password-123');
      expect(log).not.toContain(session.refreshToken);
      expect(log).not.toContain(session.accessToken);
    });
  });
});
