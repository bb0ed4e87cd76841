// Refresh grace (docs/sign-in-and-sessions.md "Refresh grace"), on a real SQLite file and a real
// PostgreSQL database, with the server's clock in the test's hand: a refresh whose answer was lost
// (the phone's cookie still holds the old token) is answered again with the same successor within
// the window, so the member is not signed out on 2G; the same replay after the window, or once the
// successor has been used, is a reuse and ends the session.
import { describe, expect, it } from 'vitest';
import { REFRESH_GRACE_MS } from '../../src/server/auth/tokens';
import { authWorld, onBothDatabases } from './auth-world';
import { login } from './sync-fixtures';

type Tokens = { accessToken: string; refreshToken: string };

onBothDatabases('refresh grace', (factory) => {
  let clock = Date.now();
  const world = authWorld(factory, { now: () => clock });
  const { post, pullStatus } = world;
  const refresh = (refreshToken: string) => post('/api/auth/refresh', { refreshToken });

  describe('POST /api/auth/refresh', () => {
    it('[A7] a lost answer: the same token again within the window gets the same successor, and the session goes on', async () => {
      const session = await login(world.app, 'memberA');
      const lost = (await refresh(session.refreshToken)).json<Tokens>();
      clock += REFRESH_GRACE_MS - 1_000;
      const retry = await refresh(session.refreshToken);
      expect(retry.statusCode).toBe(200);
      const again = retry.json<Tokens>();
      expect(again.refreshToken).toBe(lost.refreshToken);
      expect(await pullStatus(again)).toBe(200);
      const next = await refresh(again.refreshToken);
      expect(next.statusCode).toBe(200);
      expect(await pullStatus(next.json<Tokens>())).toBe(200);
    });

    it('[A7] the same replay after the window is a reuse: the whole session ends', async () => {
      const session = await login(world.app, 'member2A');
      const successor = (await refresh(session.refreshToken)).json<Tokens>();
      clock += REFRESH_GRACE_MS + 1_000;
      expect((await refresh(session.refreshToken)).statusCode).toBe(401);
      expect(await pullStatus(successor)).toBe(401);
      expect((await refresh(successor.refreshToken)).statusCode).toBe(401);
    });

    it('[A7] within the window, once the successor has been used, the old token is a reuse too', async () => {
      const session = await login(world.app, 'leaderA');
      const successor = (await refresh(session.refreshToken)).json<Tokens>();
      const third = (await refresh(successor.refreshToken)).json<Tokens>();
      expect((await refresh(session.refreshToken)).statusCode).toBe(401);
      expect(await pullStatus(third)).toBe(401);
    });
  });
});
