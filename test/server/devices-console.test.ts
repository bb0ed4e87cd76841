// The devices console over HTTP (docs/accounts.md "Devices"), on a SQLite file and on PostgreSQL:
// every sign-in is a device named from its user agent; its sync requests note what the phone
// reports; a leader sees and revokes their commune's devices only, the province admin the
// province's; a revoked phone is told `device_revoked` at its next request (it may still push);
// two revocations at once are one; every revocation and refusal is audited.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeviceListResponse, DeviceSummary } from '../../src/shared/admin/devices';
import { uuidv7 } from '../../src/shared/sync/ids';
import { describePostgres } from '../helpers/pg';
import { adminWorld } from './admin-world';
import { postgresFixture, sqliteFixture, type StoreFixtureFactory } from './store-fixtures';
import { COMMUNE_A, COMMUNE_B, PASSWORD, bearer, contactFields, freshAddress, mutation, pull, push, type Session } from './sync-fixtures';

const PHONE_UA = 'Mozilla/5.0 (Linux; Android 13; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const DAY_MS = 24 * 60 * 60 * 1000;

function devicesSuite(factory: StoreFixtureFactory): void {
  const world = adminWorld(factory, ['reviewerA', 'leaderA', 'leaderB', 'adminQN', 'adminKT']);

  async function loginWith(name: string, userAgent: string): Promise<Session> {
    const res = await world.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password: PASSWORD }, headers: { 'user-agent': userAgent }, remoteAddress: freshAddress() });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ accessToken: string; refreshToken: string; user: { id: string; communeId: string | null } }>();
    return { name, userId: body.user.id, accessToken: body.accessToken, refreshToken: body.refreshToken, communeId: body.user.communeId };
  }

  // The two members sign in from the phones the device names are read from.
  beforeAll(async () => {
    world.memberA = await loginWith('memberA', PHONE_UA);
    world.memberB = await loginWith('memberB', IPHONE_UA);
  });

  const list = (session: Session, query = '') => world.send(session, 'GET', `/api/admin/devices${query}`);
  const listed = (session: Session, query = '') => world.read<DeviceListResponse>(session, `/api/admin/devices${query}`);
  const revoke = (session: Session, id: string, body: Record<string, unknown> = {}) => world.send(session, 'POST', `/api/admin/devices/${id}/revoke`, body);
  const deviceOf = async (viewer: Session, userId: string, query = '?withdrawn=true'): Promise<DeviceSummary | undefined> =>
    (await listed(viewer, query)).devices.find((device) => device.userId === userId);

  it('a sign-in is a device named from its user agent; a pull notes the version and the unsent changes it reports', async () => {
    const before = await deviceOf(world.leaderA, world.ids.memberA);
    expect(before).toMatchObject({ name: 'SM-A125F · Android 13 · Chrome', userName: 'memberA', communeName: COMMUNE_A.name, state: 'active', lastSyncAt: null, unsynced: null, appVersion: null, atRisk: false, revocable: true, current: false });
    const pulled = await pull(world.app, world.memberA, {}, { headers: { ...bearer(world.memberA), 'x-app-version': '0.1.0', 'x-unsynced-changes': '3' } });
    expect(pulled.statusCode).toBe(200);
    const after = await deviceOf(world.leaderA, world.ids.memberA);
    expect(after).toMatchObject({ appVersion: '0.1.0', unsynced: 3 });
    expect(after?.lastSyncAt).toBeGreaterThanOrEqual(before!.signedInAt);
    // A push reports too (the count it still holds); it does not move the last sync.
    const pushed = await world.app.inject({ method: 'POST', url: '/api/sync/push', headers: { ...bearer(world.memberA), 'x-unsynced-changes': '0' }, payload: { clientId: 'phone-a', schemaVersion: 1, mutations: [mutation('contacts', uuidv7(), contactFields(world.memberA))] } });
    expect(pushed.statusCode, pushed.body).toBe(200);
    expect(await deviceOf(world.leaderA, world.ids.memberA)).toMatchObject({ unsynced: 0, lastSyncAt: after?.lastSyncAt });
  });

  it('a report that does not fit is ignored and the sync goes on', async () => {
    const res = await pull(world.app, world.memberA, {}, { headers: { ...bearer(world.memberA), 'x-app-version': '<script>', 'x-unsynced-changes': '-4' } });
    expect(res.statusCode).toBe(200);
    expect(await deviceOf(world.leaderA, world.ids.memberA)).toMatchObject({ appVersion: '0.1.0', unsynced: 0 });
  });

  it("a leader sees their commune's devices only, the admin the province's; members and reviewers none", async () => {
    const leaderA = await listed(world.leaderA);
    expect(new Set(leaderA.devices.map((d) => d.communeId))).toEqual(new Set([COMMUNE_A.id]));
    expect(leaderA.devices.find((d) => d.userId === world.ids.leaderA)).toMatchObject({ current: true, revocable: false });
    const province = await listed(world.adminQN);
    expect(province.devices.map((d) => d.userName)).toEqual(expect.arrayContaining(['memberA', 'memberB', 'leaderA', 'leaderB', 'adminQN']));
    expect(province.devices.find((d) => d.userId === world.ids.memberB)).toMatchObject({ name: 'iPhone (iOS 17.4) · Safari', communeName: COMMUNE_B.name });
    expect((await listed(world.adminKT)).devices.map((d) => d.userName)).toEqual(['adminKT']);
    expect((await listed(world.adminQN, `?communeId=${COMMUNE_B.id}`)).devices.map((d) => d.userName).sort()).toEqual(['leaderB', 'memberB']);
    expect((await listed(world.adminQN, '?q=iphone')).devices.map((d) => d.userName)).toEqual(['memberB']);
    expect((await list(world.memberA)).statusCode).toBe(403);
    expect((await list(world.reviewerA)).statusCode).toBe(403);
    expect((await list(world.adminQN, '?token=1')).statusCode).toBe(400);
    expect((await world.app.inject({ method: 'GET', url: '/api/admin/devices' })).statusCode).toBe(401);
  });

  it("a phone not synced for 7 days is flagged, and counted for the whole scope", async () => {
    const old = await loginWith('reviewerA', PHONE_UA);
    const device = (await listed(world.leaderA)).devices.find((d) => d.userId === world.ids.reviewerA && !d.current && d.lastSyncAt === null);
    expect(device).toBeDefined();
    // Its last pull, 8 days ago (the store's note, as the sync route writes it).
    await world.store.sessions.noteDevice(device!.id, { at: Date.now() - 8 * DAY_MS, synced: true }, Date.now());
    const page = await listed(world.leaderA, '?staleDays=7');
    expect(page.devices.map((d) => d.id)).toEqual([device!.id]);
    expect(page.devices[0]).toMatchObject({ atRisk: true });
    expect(page.atRisk).toBe(1);
    expect((await listed(world.leaderA)).devices[0]?.id).toBe(device!.id);
    expect((await listed(world.adminQN)).atRisk).toBe(1);
    expect((await listed(world.leaderB)).atRisk).toBe(0);
    expect((await pull(world.app, old)).statusCode).toBe(200);
    expect((await listed(world.leaderA)).atRisk).toBe(0);
  });

  it("a leader can neither see nor revoke another commune's device; the refusal is audited and the device stays", async () => {
    const memberB = await deviceOf(world.adminQN, world.ids.memberB);
    expect((await revoke(world.leaderA, memberB!.id)).statusCode).toBe(404);
    expect((await revoke(world.adminKT, memberB!.id)).statusCode).toBe(404);
    expect((await revoke(world.memberA, memberB!.id)).statusCode).toBe(403);
    expect((await revoke(world.leaderA, 'not-an-id')).statusCode).toBe(404);
    expect((await revoke(world.leaderA, uuidv7())).statusCode).toBe(404);
    expect((await pull(world.app, world.memberB)).statusCode).toBe(200);
    expect(await deviceOf(world.adminQN, world.ids.memberB)).toMatchObject({ state: 'active' });
    const refused = (await world.audit(world.leaderA)).filter((e) => e.kind === 'access.refused' && e.details.action === 'device.revoke');
    expect(refused.length).toBeGreaterThanOrEqual(1);
  });

  it("a leader revokes a member's phone: its next pull says device_revoked, its final push still goes; audited once", async () => {
    const device = await deviceOf(world.leaderA, world.ids.memberA);
    expect((await revoke(world.leaderA, device!.id, { finalPush: 'yes' })).statusCode).toBe(400);
    const res = await revoke(world.leaderA, device!.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ device: DeviceSummary }>().device).toMatchObject({ state: 'revoked', revocable: false });
    const refusedPull = await pull(world.app, world.memberA);
    expect(refusedPull.statusCode).toBe(401);
    expect(refusedPull.json<{ error: { code: string } }>().error.code).toBe('device_revoked');
    expect((await push(world.app, world.memberA, [mutation('contacts', uuidv7(), contactFields(world.memberA))])).statusCode).toBe(200);
    // Active devices only by default; the revoked one with withdrawn=true.
    expect((await listed(world.leaderA)).devices.some((d) => d.id === device!.id)).toBe(false);
    expect((await revoke(world.leaderA, device!.id)).statusCode).toBe(200);
    const events = (await world.audit(world.leaderA)).filter((e) => e.kind === 'device.revoked');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorName: 'leaderA', subjectId: world.ids.memberA, details: { finalPush: true, device: 'SM-A125F · Android 13 · Chrome' } });
  });

  it('a stolen phone is revoked without its final push', async () => {
    const stolen = await loginWith('memberA', IPHONE_UA);
    const device = (await listed(world.leaderA)).devices.find((d) => d.userId === world.ids.memberA && d.state === 'active');
    expect((await revoke(world.leaderA, device!.id, { finalPush: false })).statusCode).toBe(200);
    const refused = await push(world.app, stolen, [mutation('contacts', uuidv7(), contactFields(stolen))]);
    expect(refused.statusCode).toBe(401);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('device_revoked');
  });

  it('two revocations of one phone at once: both answer, one takes effect, one audit event', async () => {
    const phone = await loginWith('memberA', PHONE_UA);
    const device = (await listed(world.leaderA)).devices.find((d) => d.userId === world.ids.memberA && d.state === 'active');
    const answers = await Promise.all([revoke(world.leaderA, device!.id), revoke(world.adminQN, device!.id), revoke(world.leaderA, device!.id, { finalPush: false })]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.json<{ device: DeviceSummary }>().device.revokedAt)).size).toBe(1);
    expect((await pull(world.app, phone)).json<{ error: { code: string } }>().error.code).toBe('device_revoked');
    const events = (await world.audit(world.adminQN)).filter((e) => e.kind === 'device.revoked' && e.subjectId === world.ids.memberA);
    // The first phone's, the stolen one's and this one's: three phones, three events.
    expect(events).toHaveLength(3);
  });

  it('nobody revokes the device they are using; a withdrawn console session is told so on every console route', async () => {
    const own = (await listed(world.leaderA)).devices.find((d) => d.current);
    expect((await revoke(world.leaderA, own!.id)).statusCode).toBe(409);
    const leaderB = await deviceOf(world.adminQN, world.ids.leaderB, '');
    const secondB = await loginWith('leaderB', PHONE_UA);
    expect((await revoke(world.leaderB, leaderB!.id)).statusCode).toBe(409);
    // The admin revokes leaderB's second phone: its console requests now answer device_revoked.
    const second = (await listed(world.adminQN, `?communeId=${COMMUNE_B.id}&q=sm-a125f`)).devices.find((d) => d.userId === world.ids.leaderB);
    expect((await revoke(world.adminQN, second!.id)).statusCode).toBe(200);
    for (const url of ['/api/admin/devices', '/api/admin/accounts', '/api/admin/communes']) {
      const res = await world.send(secondB, 'GET', url);
      expect(res.json<{ error: { code: string } }>().error.code, url).toBe('device_revoked');
    }
    expect((await listed(world.leaderB)).devices.find((d) => d.userId === world.ids.leaderB && d.current)).toBeDefined();
  });
}

describe('devices console on SQLite', () => devicesSuite(sqliteFixture));
describePostgres('devices console on PostgreSQL', () => devicesSuite(postgresFixture));
