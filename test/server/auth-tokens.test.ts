// Access tokens over HTTP (docs/sync.md §4, docs/privacy.md checklist items 6–11): expiry, the one
// algorithm and key, audience and issuer, the Bearer header, the generated key every server shares.
// On a real SQLite file and a real PostgreSQL database (auth-world.ts). Test ids: A… (auth and scope).
import { describe, expect, it } from 'vitest';
import { AuthService } from '../../src/server/auth/auth-service';
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken, verifyAccessToken } from '../../src/server/auth/tokens';
import { META_KEYS } from '../../src/server/storage/types';
import { SECRET, authWorld, encodePart, forge, onBothDatabases } from './auth-world';
import { PASSWORD, freshAddress, login, makeApp } from './sync-fixtures';

onBothDatabases('access tokens', (factory) => {
  const world = authWorld(factory);
  const { pullStatus } = world;

  describe('access tokens', () => {
    it('[A3] an expired access token → 401', async () => {
      const session = await login(world.app, 'memberA');
      const claims = verifyAccessToken(session.accessToken, Buffer.from(SECRET))!;
      const expired = signAccessToken({ sub: claims.sub, sid: claims.sid }, Buffer.from(SECRET), Date.now() - (ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
      expect(await pullStatus(session)).toBe(200);
      expect(await pullStatus({ accessToken: expired })).toBe(401);
    });

    it('[A3] a token already accepted is refused once it expires (a remembered signature extends nothing)', async () => {
      let now = Date.now();
      const auth = new AuthService({ store: world.store, secret: SECRET, now: () => now });
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
      const session = await login(world.app, 'memberA');
      const claims = verifyAccessToken(session.accessToken, Buffer.from(SECRET))!;
      const [header, payload] = session.accessToken.split('.');
      const unsignedNone = `${encodePart({ alg: 'none', typ: 'JWT' })}.${payload}.`;
      const noneWithSig = forge({ alg: 'none', typ: 'JWT' }, { ...claims });
      const hs512Label = forge({ alg: 'HS512', typ: 'JWT' }, { ...claims });
      const tampered = `${header}.${encodePart({ ...claims, sub: 'someone-else' })}.${session.accessToken.split('.')[2]}`;
      const otherKey = forge({ alg: 'HS256', typ: 'JWT' }, { ...claims }, 'another-secret-that-is-long-enough-123');
      for (const token of [unsignedNone, noneWithSig, hs512Label, tampered, otherKey, 'garbage', `${session.accessToken}x`]) {
        expect(await pullStatus({ accessToken: token }), token).toBe(401);
      }
    });

    it('[A5] a token for another audience or issuer, or not yet valid → 401', async () => {
      const session = await login(world.app, 'memberA');
      const claims = verifyAccessToken(session.accessToken, Buffer.from(SECRET))!;
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: 'HS256', typ: 'JWT' };
      expect(await pullStatus({ accessToken: forge(header, { ...claims }) })).toBe(200); // the forge helper itself is right
      expect(await pullStatus({ accessToken: forge(header, { ...claims, aud: 'some-other-api' }) })).toBe(401);
      expect(await pullStatus({ accessToken: forge(header, { ...claims, iss: 'elsewhere' }) })).toBe(401);
      expect(await pullStatus({ accessToken: forge(header, { ...claims, nbf: now + 3600, exp: now + 7200 }) })).toBe(401);
    });

    it('[A6] only "Authorization: Bearer <token>" is accepted', async () => {
      const session = await login(world.app, 'memberA');
      for (const authorization of [`Basic ${session.accessToken}`, session.accessToken, 'Bearer', '']) {
        const res = await world.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { authorization } });
        expect(res.statusCode).toBe(401);
      }
      expect((await world.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { authorization: `bearer ${session.accessToken}` } })).statusCode).toBe(200);
    });

    it('[A6] without AUTH_SECRET a key is generated once, stored, and shared by every server on the database', async () => {
      const first = await makeApp(world.store);
      const second = await makeApp(world.store);
      try {
        const res = await first.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'memberA', password: PASSWORD }, remoteAddress: freshAddress() });
        const { accessToken } = res.json<{ accessToken: string }>();
        expect((await second.inject({ method: 'GET', url: '/api/sync/pull', headers: { authorization: `Bearer ${accessToken}` } })).statusCode).toBe(200);
        expect(await world.store.getMeta(META_KEYS.authSecret)).toMatch(/^[0-9a-f]{64}$/);
        // …and it is not the configured one: such tokens fail where AUTH_SECRET is set.
        expect(await pullStatus({ accessToken })).toBe(401);
      } finally {
        await first.close();
        await second.close();
      }
    });
  });
});
