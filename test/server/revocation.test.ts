// A withdrawn phone (docs/security.md "Revoke and wipe", PROTOCOL.md §8): a revoked device or a
// disabled account is answered with its own code, may push its last unsent changes for a while
// (never pull), and may ask for Clear-Site-Data with its own refresh cookie — on a real SQLite
// file and a real PostgreSQL database.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/sync/ids';
import { createUser } from '../../src/server/accounts';
import { setDisabled } from '../helpers/disable-account';
import { FINAL_PUSH_WINDOW_MS, REVOKE_REASONS } from '../../src/server/auth/revocation';
import { verifyAccessToken } from '../../src/server/auth/tokens';
import type { ErrorBody } from '../../src/server/errors';
import { REFRESH_COOKIE_PLAIN } from '../../src/server/routes/auth';
import type { SyncStore } from '../../src/server/storage/types';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture, type StoreFixtureFactory } from './store-fixtures';
import { COMMUNE_A, PASSWORD, TEST_COST, bearer, login, logFields, makeApp, mutation, populate, pull, push, type Session } from './sync-fixtures';

const SECRET = 'test-secret-of-at-least-thirty-two-characters';
const sessionId = (session: Session) => verifyAccessToken(session.accessToken, Buffer.from(SECRET))!.sid;

function revocationSuite(factory: StoreFixtureFactory): void {
  let fixture: StoreFixture;
  let store: SyncStore;
  let app: FastifyInstance;
  const logLines: string[] = [];
  let accounts = 0;

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

  /** A member of its own, so disabling one never touches another test's account. */
  async function freshMember(): Promise<Session> {
    accounts += 1;
    const username = `withdrawn-${accounts}`;
    await createUser(store, { username, password: PASSWORD, role: 'member', communeId: COMMUNE_A.id }, { cost: TEST_COST });
    return login(app, username);
  }
  const code = (res: { json: <T>() => T }) => res.json<ErrorBody>().error.code;
  const refresh = (refreshToken: string) => app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
  const wipe = (refreshToken?: string) =>
    app.inject({ method: 'POST', url: '/api/auth/wipe', payload: {}, headers: refreshToken ? { cookie: `${REFRESH_COOKIE_PLAIN}=${refreshToken}` } : {} });
  const oneLog = (session: Session) => [{ ...mutation('assistanceLogs', uuidv7(), logFields(session)) }];

  it('[A16] a revoked device: its pull answers device_revoked, its own unsent log still goes through, the member’s other phones go on', async () => {
    const phone = await freshMember();
    const otherPhone = await login(app, phone.name);
    await store.sessions.revokeSession(sessionId(phone), REVOKE_REASONS.device, Date.now());
    const pulled = await pull(app, phone);
    expect(pulled.statusCode).toBe(401);
    expect(code(pulled)).toBe('device_revoked');
    const pushed = await push(app, phone, oneLog(phone));
    expect(pushed.statusCode).toBe(200);
    expect(pushed.json<{ acked: string[] }>().acked).toHaveLength(1);
    expect((await pull(app, otherPhone)).statusCode).toBe(200);
    expect(logLines.join('')).toContain('withdrawn_session');
  });

  it('[A16] a withdrawn phone refreshes only to push: the new token pushes, and still cannot pull or use any other API', async () => {
    const phone = await freshMember();
    await store.sessions.revokeSession(sessionId(phone), REVOKE_REASONS.device, Date.now());
    const refreshed = await refresh(phone.refreshToken);
    expect(refreshed.statusCode).toBe(200);
    const next = { ...phone, ...refreshed.json<{ accessToken: string; refreshToken: string }>() };
    expect((await push(app, next, oneLog(next))).statusCode).toBe(200);
    expect(code(await pull(app, next))).toBe('device_revoked');
    const audit = await app.inject({ method: 'GET', url: '/api/audit/events', headers: bearer(next) });
    expect(audit.statusCode).toBe(401);
    expect(code(audit)).toBe('device_revoked');
    // The replaced token is not a "reuse" that would rewrite why the session ended.
    expect(code(await refresh(phone.refreshToken))).toBe('device_revoked');
    expect(code(await pull(app, next))).toBe('device_revoked');
  });

  it('[A16] a stolen phone (no final push) and a revocation older than the window: every request, refresh included, answers the code', async () => {
    const stolen = await freshMember();
    await store.sessions.revokeSession(sessionId(stolen), REVOKE_REASONS.deviceNoPush, Date.now());
    const stale = await freshMember();
    await store.sessions.revokeSession(sessionId(stale), REVOKE_REASONS.device, Date.now() - FINAL_PUSH_WINDOW_MS - 1_000);
    for (const phone of [stolen, stale]) {
      const pushed = await push(app, phone, oneLog(phone));
      expect(pushed.statusCode).toBe(401);
      expect(code(pushed)).toBe('device_revoked');
      const refreshed = await refresh(phone.refreshToken);
      expect(refreshed.statusCode).toBe(401);
      expect(code(refreshed)).toBe('device_revoked');
    }
  });

  it('[A16] a disabled account: account_disabled on every phone, which may push its last changes; sign-in stays refused', async () => {
    const phone = await freshMember();
    await setDisabled(store, phone.name, true);
    expect(code(await pull(app, phone))).toBe('account_disabled');
    expect((await push(app, phone, oneLog(phone))).statusCode).toBe(200);
    expect((await refresh(phone.refreshToken)).statusCode).toBe(200);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: phone.name, password: PASSWORD } });
    expect(code(login)).toBe('unauthorized');
    // Disabled long ago: nothing more goes through.
    const old = await freshMember();
    await setDisabled(store, old.name, true, Date.now() - FINAL_PUSH_WINDOW_MS - 1_000);
    expect(code(await push(app, old, oneLog(old)))).toBe('account_disabled');
    expect(code(await refresh(old.refreshToken))).toBe('account_disabled');
  });

  it('[A16] an ordinary end (sign-out) is still plain unauthorized: the phone keeps its data and asks to sign in', async () => {
    const phone = await freshMember();
    await app.inject({ method: 'POST', url: '/api/auth/logout', payload: {}, headers: bearer(phone) });
    expect(code(await pull(app, phone))).toBe('unauthorized');
    expect(code(await push(app, phone, oneLog(phone)))).toBe('unauthorized');
    expect(code(await refresh(phone.refreshToken))).toBe('unauthorized');
  });

  it('[A16] the wipe answers Clear-Site-Data only to a withdrawn session’s own refresh cookie', async () => {
    const working = await freshMember();
    for (const res of [await wipe(), await wipe(working.refreshToken)]) {
      expect(res.statusCode).toBe(403);
      expect(res.headers['clear-site-data']).toBeUndefined();
    }
    expect((await pull(app, working)).statusCode).toBe(200);
    const withdrawn = await freshMember();
    await store.sessions.revokeSession(sessionId(withdrawn), REVOKE_REASONS.device, Date.now());
    const res = await wipe(withdrawn.refreshToken);
    expect(res.statusCode).toBe(204);
    expect(res.headers['clear-site-data']).toBe('"cache", "storage"');
    expect(String(res.headers['set-cookie'])).toContain('Max-Age=0');
  });
}

describe('withdrawn devices on SQLite', () => {
  revocationSuite(sqliteFixture);
});

describePostgres('withdrawn devices on PostgreSQL', () => {
  revocationSuite(postgresFixture);
});
