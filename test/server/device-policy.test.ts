// The province's lock rules for its phones (docs/security.md "The province's settings"), on a real
// SQLite file and a real PostgreSQL: every sign-in and refresh carries the province's policy (the
// defaults until the admin sets one); only the province admin reads and sets it, in their own
// province; a wrong body is refused and changes nothing; a change is in the audit log.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE_POLICY, type DevicePolicySetting } from '../../src/shared/device-policy';
import type { AuditPage } from '../../src/shared/privacy/audit';
import { describePostgres } from '../helpers/pg';
import { serverWorld } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { bearer, freshAddress, login, PASSWORD, type Session } from './sync-fixtures';

const STRICT = { lockAfterMinutes: 2, offlineDays: 3, maxFailedUnlocks: 5 };

function devicePolicySuite(factory: () => Promise<StoreFixture>): void {
  const world = serverWorld(factory, ['memberA', 'leaderA', 'adminQN', 'adminKT']);
  const put = (session: Session, payload: unknown) => world.app.inject({ method: 'PUT', url: '/api/admin/device-policy', headers: bearer(session), payload: payload as object });
  const get = (session: Session) => world.app.inject({ method: 'GET', url: '/api/admin/device-policy', headers: bearer(session) });
  const signIn = async (username: string) => {
    const res = await world.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD }, remoteAddress: freshAddress() });
    return res.json<{ devicePolicy: unknown; refreshToken: string }>();
  };

  it('sends the defaults with a sign-in until the province sets its own', async () => {
    expect((await signIn('memberB')).devicePolicy).toEqual(DEFAULT_DEVICE_POLICY);
    expect((await get(world.adminQN)).json<DevicePolicySetting>()).toEqual({ policy: DEFAULT_DEVICE_POLICY, defaults: DEFAULT_DEVICE_POLICY });
  });

  it("the province admin sets it; the province's phones get it at their next sign-in or refresh, another province's do not", async () => {
    const member = await signIn('member2A');
    const res = await put(world.adminQN, STRICT);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json<DevicePolicySetting>().policy).toEqual(STRICT);
    const refreshed = await world.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: member.refreshToken } });
    expect(refreshed.json<{ devicePolicy: unknown }>().devicePolicy).toEqual(STRICT);
    expect((await signIn('leaderB')).devicePolicy).toEqual(STRICT);
    expect((await signIn('adminKT')).devicePolicy).toEqual(DEFAULT_DEVICE_POLICY);
    expect((await get(world.adminKT)).json<DevicePolicySetting>().policy).toEqual(DEFAULT_DEVICE_POLICY);
    const audit = (await world.app.inject({ method: 'GET', url: '/api/audit/events', headers: bearer(world.adminQN) })).json<AuditPage>();
    expect(audit.events.find((event) => event.kind === 'devicePolicy.changed')?.details).toEqual({ from: DEFAULT_DEVICE_POLICY, to: STRICT });
  });

  it('refuses a value out of range, a missing or an unknown field, and changes nothing', async () => {
    await put(world.adminQN, STRICT);
    for (const body of [
      { ...STRICT, lockAfterMinutes: 0 },
      { ...STRICT, offlineDays: 61 },
      { ...STRICT, maxFailedUnlocks: 3 },
      { ...STRICT, maxFailedUnlocks: 4.5 },
      { lockAfterMinutes: 2, offlineDays: 3 },
      { ...STRICT, wipeAfter: 1 },
    ]) {
      const res = await put(world.adminQN, body);
      expect({ body, status: res.statusCode, code: res.json<{ error: { code: string } }>().error.code }).toEqual({ body, status: 400, code: 'bad_request' });
    }
    expect((await get(world.adminQN)).json<DevicePolicySetting>().policy).toEqual(STRICT);
  });

  it('members and leaders neither read nor set it (403, audited); without a token 401', async () => {
    for (const session of [world.memberA, world.leaderA]) {
      expect((await put(session, DEFAULT_DEVICE_POLICY)).statusCode).toBe(403);
      expect((await get(session)).statusCode).toBe(403);
    }
    expect((await world.app.inject({ method: 'GET', url: '/api/admin/device-policy' })).statusCode).toBe(401);
    expect((await get(world.adminQN)).json<DevicePolicySetting>().policy).toEqual(STRICT);
    const audit = (await world.app.inject({ method: 'GET', url: '/api/audit/events', headers: bearer(world.leaderA) })).json<AuditPage>();
    expect(audit.events.some((event) => event.kind === 'access.refused' && event.details.action === 'devicePolicy.manage')).toBe(true);
  });

  it('a stored policy that no longer fits the rules is sent as the defaults, never as is', async () => {
    await world.store.setMeta('device_policy:kon-tum', JSON.stringify({ lockAfterMinutes: 0, offlineDays: 3, maxFailedUnlocks: 5 }));
    expect((await signIn('adminKT')).devicePolicy).toEqual(DEFAULT_DEVICE_POLICY);
    await world.store.setMeta('device_policy:kon-tum', 'not json');
    expect((await login(world.app, 'adminKT')).userId).toBeTruthy();
    expect((await signIn('adminKT')).devicePolicy).toEqual(DEFAULT_DEVICE_POLICY);
  });
}

describe('device policy on SQLite', () => {
  devicePolicySuite(sqliteFixture);
});

describePostgres('device policy on PostgreSQL', () => {
  devicePolicySuite(postgresFixture);
});
