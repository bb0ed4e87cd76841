// Two real server processes on one PostgreSQL database (docs/performance.md "Several server
// processes on one PostgreSQL"): what must hold across them is decided in the database, so a phone
// sent to either process by a balancer is judged the same — the access-token key, a revoked
// device, a signed-out session and the sign-in limit. No AUTH_SECRET is given: each process reads
// the key the first one created.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOGIN_MAX_FAILURES } from '../../src/server/auth/auth-service';
import type { ErrorBody } from '../../src/server/errors';
import { PostgresStore } from '../../src/server/storage/postgres-store';
import { uuidv7 } from '../../src/shared/sync/ids';
import { CURRENT_SCHEMA_VERSION, type PullResponse } from '../../src/shared/sync/protocol';
import { startServerProcess, type RunningServer } from '../e2e/support/server';
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/pg';
import { PASSWORD, hlcAt, populate } from './sync-fixtures';

interface Phone {
  accessToken: string;
  refreshToken: string;
  userId: string;
  sessionId: string;
}

describePostgres('two server processes on one PostgreSQL', () => {
  let database: TestDatabase;
  const servers: RunningServer[] = [];
  const url = (index: number) => servers[index]!.url;

  beforeAll(async () => {
    database = await createTestDatabase();
    const store = new PostgresStore({ url: database.url });
    await store.migrate();
    await populate(store);
    await store.close();
    // One after the other, as a deployment rolls them out; both on the same database, no shared memory.
    for (let i = 0; i < 2; i++) servers.push(await startServerProcess({ NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: database.url, SYNC_RATE_LIMIT: '0' }, { cleanEnv: true }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  async function call(server: number, route: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${url(server)}${route}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
  const code = (answer: { body: unknown }) => (answer.body as ErrorBody).error.code;

  async function signIn(server: number, username: string): Promise<Phone> {
    const answer = await call(server, '/api/auth/login', { method: 'POST', body: { username, password: PASSWORD } });
    expect(answer.status).toBe(200);
    const body = answer.body as { accessToken: string; refreshToken: string; user: { id: string } };
    const payload = JSON.parse(Buffer.from(body.accessToken.split('.')[1]!, 'base64url').toString('utf8')) as { sid: string };
    return { accessToken: body.accessToken, refreshToken: body.refreshToken, userId: body.user.id, sessionId: payload.sid };
  }
  const pull = (server: number, phone: Phone) => call(server, '/api/sync/pull?limit=1000', { token: phone.accessToken });

  it('a member signed in on one process is served by the other, and a log pushed to one is pulled from the other', async () => {
    const phone = await signIn(0, 'memberA');
    const member2 = await signIn(1, 'member2A');
    const recordId = uuidv7();
    const now = new Date().toISOString();
    const fields = { communeId: 'xa-a-test', createdBy: phone.userId, createdAt: now, updatedAt: now, deleted: false, name: 'Liên hệ hai tiến trình', phones: ['0912345678'] };
    const pushed = await call(1, '/api/sync/push', { method: 'POST', token: phone.accessToken, body: { clientId: 'a0a0a0a0a0a0a0a0', schemaVersion: CURRENT_SCHEMA_VERSION, mutations: [{ id: uuidv7(), table: 'contacts', recordId, hlc: hlcAt(), fields }] } });
    expect(pushed.status).toBe(200);
    const pulled = await pull(0, member2);
    expect(pulled.status).toBe(200);
    expect((pulled.body as PullResponse).changes.map((change) => change.id)).toContain(recordId);
  });

  it('a device revoked through one process is refused by the other at its very next request', async () => {
    const phone = await signIn(1, 'memberB');
    expect((await pull(0, phone)).status).toBe(200);
    const admin = await signIn(0, 'adminQN');
    const revoked = await call(0, `/api/admin/devices/${phone.sessionId}/revoke`, { method: 'POST', token: admin.accessToken, body: {} });
    expect(revoked.status).toBe(200);
    const refused = await pull(1, phone);
    expect(refused.status).toBe(401);
    expect(code(refused)).toBe('device_revoked');
  });

  it('a session signed out on one process is ended on the other', async () => {
    const phone = await signIn(0, 'leaderA');
    expect((await pull(1, phone)).status).toBe(200);
    expect((await call(0, '/api/auth/logout', { method: 'POST', token: phone.accessToken, body: { refreshToken: phone.refreshToken } })).status).toBeLessThan(300);
    expect((await pull(1, phone)).status).toBe(401);
    const refreshed = await call(1, '/api/auth/refresh', { method: 'POST', body: { refreshToken: phone.refreshToken } });
    expect(refreshed.status).toBe(401);
  });

  it('wrong passwords are counted across both processes: the limit locks the account on either', async () => {
    for (let attempt = 0; attempt < LOGIN_MAX_FAILURES; attempt++) {
      const wrong = await call(attempt % 2, '/api/auth/login', { method: 'POST', body: { username: 'reviewerA', password: `wrong ${attempt}` } });
      expect(wrong.status).toBe(401);
    }
    // Half of the guesses went to each process; neither alone saw the limit, yet both refuse now, the right password too.
    for (const server of [0, 1]) {
      const locked = await call(server, '/api/auth/login', { method: 'POST', body: { username: 'reviewerA', password: PASSWORD } });
      expect(locked.status).toBe(429);
    }
  });
});
