// Sign-in and sign-out through the real runtime (transport, token, scheduler, engine, IndexedDB),
// with fetch answered by an in-memory server that speaks the HTTP contract of docs/sync.md §4.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn, signOut } from './auth';
import { getSyncRuntime } from './runtime';
import { FakeSyncServer } from '../../../test/helpers/fake-sync-server';
import { COMMUNE, logFields } from '../../../test/helpers/sync-fixtures';
import { db } from '../data/db';
import { getSession, saveSession } from '../data/session-repository';
import { writeRecord } from '../data/local-write';
import { countSignOutLosses } from '../data/local-wipe';
import { hasPendingLogout } from '../data/sync-status-repository';
import { listRejectedChanges } from '../data/rejected-change-repository';
import { readSyncSummary } from '../data/sync-status-repository';
import { CLOCK_KEY } from '../data/local-write';
import { uuidv7 } from '../../shared/sync/ids';
import type { PushRequest } from '../../shared/sync/protocol';

const LAN = { id: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b', username: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', role: 'member', communeId: COMMUNE };
const HUNG = { ...LAN, id: '0190a1b2-c3d4-7e5f-8a6b-000000000002', username: 'hung.tran', displayName: 'Trần Văn Hùng' };
const PASSWORDS: Record<string, { password: string; user: typeof LAN }> = { 'lan.nguyen': { password: 'mat-khau-dung', user: LAN }, 'hung.tran': { password: 'mat-khau-hung', user: HUNG } };

let server: FakeSyncServer;
let offline = false;
let loginStatus: number | undefined;
const calls: { path: string; authorization: string | undefined }[] = [];

function reply(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  await Promise.resolve(); // the network answers later, never synchronously
  const url = new URL(input instanceof Request ? input.url : input.toString(), 'http://phone.test');
  const headers = (init?.headers ?? {}) as Record<string, string>;
  calls.push({ path: url.pathname, authorization: headers.authorization });
  if (offline) throw new TypeError('Failed to fetch');
  let raw = init?.body as Uint8Array | undefined;
  if (raw && headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
  const body = raw ? (JSON.parse(new TextDecoder().decode(raw)) as Record<string, unknown>) : {};
  const tokens = (user: typeof LAN) => ({ accessToken: `access-${user.id}`, refreshToken: 'in-the-cookie', expiresIn: 900, user });
  switch (url.pathname) {
    case '/api/auth/login': {
      if (loginStatus === 429) return reply(429, { error: { code: 'too_many_requests', message: 'later' } }, { 'retry-after': '120' });
      const account = PASSWORDS[String(body.username)];
      if (!account || account.password !== body.password) return reply(401, { error: { code: 'unauthorized', message: 'Wrong username or password.' } });
      return reply(200, tokens(account.user));
    }
    case '/api/auth/refresh':
      return reply(401, { error: { code: 'unauthorized', message: 'Sign in first.' } });
    case '/api/auth/logout':
      return reply(204);
    case '/api/sync/push':
      return reply(200, server.push(body as unknown as PushRequest));
    case '/api/sync/pull':
      return reply(200, server.pull(url.searchParams.get('cursor') ?? undefined, Number(url.searchParams.get('limit'))));
    default:
      return reply(404, { error: { code: 'not_found', message: 'Not found.' } });
  }
}

async function idle(): Promise<void> {
  await getSyncRuntime().scheduler.whenIdle();
}

beforeEach(async () => {
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
  server = new FakeSyncServer();
  offline = false;
  loginStatus = undefined;
  calls.length = 0;
  await idle();
  getSyncRuntime().token.clear();
  await Promise.all(db.tables.map((table) => table.clear()));
});

afterAll(() => {
  getSyncRuntime().scheduler.stop();
  vi.unstubAllGlobals();
});

describe('sign-in', () => {
  it('keeps the session on the phone, the token in memory only, and syncs right away', async () => {
    const existing = uuidv7();
    server.push({ clientId: 'other-phone', schemaVersion: 1, mutations: [{ id: uuidv7(), table: 'assistanceLogs', recordId: existing, hlc: '2026-07-01T01:00:00.000Z-0000-0123456789abcdef' as never, fields: logFields(Date.parse('2026-07-01T01:00:00Z')) }] });
    expect(await signIn('  lan.nguyen ', 'mat-khau-dung')).toEqual({ ok: true });
    expect((await getSession())?.user).toMatchObject({ id: LAN.id, displayName: 'Nguyễn Thị Lan' });
    await idle();
    expect(await db.records('assistanceLogs').get(existing)).toBeDefined();
    expect(calls.find((call) => call.path === '/api/sync/pull')?.authorization).toBe(`Bearer access-${LAN.id}`);
    // docs/privacy.md checklist item 24: no token anywhere in IndexedDB.
    const stored = JSON.stringify(await Promise.all(db.tables.map((table) => table.toArray())));
    expect(stored).not.toContain('access-');
    expect(stored).not.toContain('in-the-cookie');
  });

  it('says "wrong password" and stores nothing', async () => {
    expect(await signIn('lan.nguyen', 'sai')).toEqual({ ok: false, reason: 'wrongPassword' });
    expect(await getSession()).toBeUndefined();
  });

  it('says "too many attempts" with the moment the lock lifts (the wait the server asked for)', async () => {
    loginStatus = 429;
    const before = Date.now();
    const result = await signIn('lan.nguyen', 'mat-khau-dung');
    expect(result).toEqual({ ok: false, reason: 'tooManyAttempts', lockedUntil: expect.any(Number) as number });
    const { lockedUntil } = result as { lockedUntil: number };
    expect(lockedUntil).toBeGreaterThanOrEqual(before + 120_000);
    expect(lockedUntil).toBeLessThanOrEqual(Date.now() + 120_000);
  });

  it('says "no network" when the server cannot be reached', async () => {
    offline = true;
    expect(await signIn('lan.nguyen', 'mat-khau-dung')).toEqual({ ok: false, reason: 'offline' });
    expect(await getSession()).toBeUndefined();
  });

  it('refuses a second person while the first person\'s changes are waiting, and keeps them', async () => {
    await saveSession({ user: { ...LAN, role: 'member' }, signedInAt: '2026-07-01T01:00:00.000Z' });
    offline = true;
    await writeRecord({ table: 'assistanceLogs', recordId: uuidv7(), fields: logFields(Date.now()) });
    offline = false;
    calls.length = 0;
    const result = await signIn('hung.tran', 'mat-khau-hung');
    expect(result).toEqual({ ok: false, reason: 'otherUserPending', pending: 1, otherName: 'Nguyễn Thị Lan' });
    expect((await getSession())?.user.id).toBe(LAN.id);
    expect(await db.outbox.count()).toBe(1);
    // Refused before any request: the server never answered with a cookie replacing Lan's.
    expect(calls.map(({ path }) => path)).not.toContain('/api/auth/login');
    // Lan herself, whatever the case she types her username in, is not refused: the server is asked.
    await signIn('LAN.Nguyen', 'mat-khau-dung'); // this fake server's usernames are case-sensitive: it says no
    expect(calls.map(({ path }) => path)).toContain('/api/auth/login');
    expect(await signIn('lan.nguyen', 'mat-khau-dung')).toEqual({ ok: true });
    expect(await db.outbox.count()).toBe(1);
  });

  it('clears the previous person\'s synced data when someone else signs in on a clean phone', async () => {
    await saveSession({ user: { ...LAN, role: 'member' }, signedInAt: '2026-07-01T01:00:00.000Z' });
    await db.syncedTable('contacts').put({ id: uuidv7(), name: 'Chị Mai', clocks: {} });
    await db.drafts.put({ key: 'assistance-new', userId: LAN.id, value: { note: 'nháp của Lan' }, updatedAt: '2026-07-01T01:00:00.000Z' });
    const sealed = { v: 1, iv: new Uint8Array(12), ct: new Uint8Array(32) };
    await db.drafts.put({ key: 'contact-new', userId: LAN.id, value: sealed, updatedAt: '2026-07-01T01:00:00.000Z' });
    expect(await signIn('hung.tran', 'mat-khau-hung')).toEqual({ ok: true });
    expect(await db.records('contacts').count()).toBe(0);
    // Lan's sealed draft stays for her (only her key opens it); a plaintext one from before encryption goes.
    expect((await db.drafts.toArray()).map((row) => row.key)).toEqual(['contact-new']);
    expect((await getSession())?.user.id).toBe(HUNG.id);
  });

  it("keeps the previous person's refused changes for them: the next person neither sees nor deletes them, the owner reads them again", async () => {
    const refused = (id: string) => ({ id, table: 'assistanceLogs' as const, recordId: uuidv7(), hlc: '2026-07-01T01:00:00.000Z-0000-0123456789abcdef' as never, fields: {}, createdAt: '2026-07-01T01:00:00.000Z', code: 'invalid', message: 'validation.dateInFuture', rejectedAt: '2026-07-01T01:00:00.000Z' });
    const lans = refused(uuidv7());
    await saveSession({ user: { ...LAN, role: 'member' }, signedInAt: '2026-07-01T01:00:00.000Z' });
    await db.rejectedChanges.put(lans);
    expect(await signIn('hung.tran', 'mat-khau-hung')).toEqual({ ok: true });
    await idle();
    expect(await db.rejectedChanges.toArray()).toEqual([{ ...lans, heldFor: LAN.id }]);
    expect(await listRejectedChanges()).toEqual([]);
    expect((await readSyncSummary()).rejected).toBe(0);
    // Hùng's own refused change, then his sign-out: it counts and deletes his, never Lan's.
    const hungs = refused(uuidv7());
    await db.rejectedChanges.put(hungs);
    expect(await countSignOutLosses(HUNG.id)).toEqual({ unsent: 0, refused: 1, drafts: 0 });
    expect(await signOut({ agreed: { unsent: 0, refused: 1, drafts: 0 } })).toEqual({ ok: true });
    expect(await db.rejectedChanges.toArray()).toEqual([{ ...lans, heldFor: LAN.id }]);
    // Lan comes back: her refused change is hers to read again.
    expect(await signIn('lan.nguyen', 'mat-khau-dung')).toEqual({ ok: true });
    await idle();
    expect(await listRejectedChanges()).toEqual([lans]);
    expect((await readSyncSummary()).rejected).toBe(1);
  });
});

describe('an expired session', () => {
  it('[I11] shows "signed out", keeps the outbox, and sends it after signing in again', async () => {
    expect(await signIn('lan.nguyen', 'mat-khau-dung')).toEqual({ ok: true });
    await idle();
    getSyncRuntime().token.clear(); // a reload: the access token was only in memory
    const id = uuidv7();
    await writeRecord({ table: 'assistanceLogs', recordId: id, fields: logFields(Date.now()) });
    getSyncRuntime().scheduler.trigger('manual');
    await idle();
    expect((await db.syncState.get('lastError'))?.value).toMatchObject({ reason: 'signedOut' });
    expect(await db.outbox.count()).toBe(1);
    expect(await getSession()).toBeDefined();
    expect(await signIn('lan.nguyen', 'mat-khau-dung')).toEqual({ ok: true });
    await idle();
    expect(await db.outbox.count()).toBe(0);
    expect(server.record('assistanceLogs', id)).toBeDefined();
    expect(await db.syncState.get('lastError')).toBeUndefined();
  });
});

describe('sign-out', () => {
  beforeEach(async () => {
    expect(await signIn('lan.nguyen', 'mat-khau-dung')).toEqual({ ok: true });
    await idle();
  });

  it('refuses while changes are waiting, and keeps everything', async () => {
    offline = true;
    const id = uuidv7();
    await writeRecord({ table: 'assistanceLogs', recordId: id, fields: logFields(Date.now()) });
    expect(await signOut()).toEqual({ ok: false, losses: { unsent: 1, refused: 0, drafts: 0 } });
    expect(await signOut({ agreed: { unsent: 2, refused: 0, drafts: 0 } })).toEqual({ ok: false, losses: { unsent: 1, refused: 0, drafts: 0 } });
    expect(await getSession()).toBeDefined();
    expect(await db.outbox.count()).toBe(1);
    expect(await db.records('assistanceLogs').get(id)).toBeDefined();
  });

  it('refuses to delete refused changes or drafts the member was not shown, and keeps them', async () => {
    await db.drafts.put({ key: 'assistance-new', userId: LAN.id, value: { note: 'nháp' }, updatedAt: '2026-07-01T01:00:00.000Z' });
    await db.drafts.put({ key: 'someone-else:assistance-new', userId: 'someone-else', value: { note: 'của người khác' }, updatedAt: '2026-07-01T01:00:00.000Z' });
    expect(await signOut()).toEqual({ ok: false, losses: { unsent: 0, refused: 0, drafts: 1 } });
    await db.rejectedChanges.put({ id: uuidv7(), table: 'assistanceLogs', recordId: uuidv7(), hlc: '2026-07-01T01:00:00.000Z-0000-0123456789abcdef' as never, fields: {}, createdAt: '2026-07-01T01:00:00.000Z', code: 'invalid', message: 'validation.required', rejectedAt: '2026-07-01T01:00:00.000Z' });
    // Agreed to the draft only: a refused change appeared meanwhile, so nothing goes.
    expect(await signOut({ agreed: { unsent: 0, refused: 0, drafts: 1 } })).toEqual({ ok: false, losses: { unsent: 0, refused: 1, drafts: 1 } });
    expect(await getSession()).toBeDefined();
    expect(await db.drafts.count()).toBe(2);
    expect(await db.rejectedChanges.count()).toBe(1);
    expect(await signOut({ agreed: { unsent: 0, refused: 1, drafts: 1 } })).toEqual({ ok: true });
    // Another member's draft is not this member's to lose (sealed under their own key).
    expect((await db.drafts.toArray()).map((row) => row.userId)).toEqual(['someone-else']);
  });

  it('drops waiting changes only with the explicit count, and wipes the user\'s data but not the device clock', async () => {
    offline = true;
    await writeRecord({ table: 'assistanceLogs', recordId: uuidv7(), fields: logFields(Date.now()) });
    await db.drafts.put({ key: 'assistance-new', userId: LAN.id, value: { note: 'nháp' }, updatedAt: '2026-07-01T01:00:00.000Z' });
    await db.rejectedChanges.put({ id: uuidv7(), table: 'assistanceLogs', recordId: uuidv7(), hlc: '2026-07-01T01:00:00.000Z-0000-0123456789abcdef' as never, fields: {}, createdAt: '2026-07-01T01:00:00.000Z', code: 'invalid', message: 'validation.required', rejectedAt: '2026-07-01T01:00:00.000Z' });
    const clock = await db.syncState.get(CLOCK_KEY);
    expect(await signOut({ agreed: { unsent: 1, refused: 1, drafts: 1 } })).toEqual({ ok: true });
    expect(await getSession()).toBeUndefined();
    for (const table of ['assistanceLogs', 'outbox', 'drafts', 'rejectedChanges'] as const) {
      expect(await (table === 'assistanceLogs' ? db.records(table) : db[table]).count()).toBe(0);
    }
    expect(await db.syncState.get('cursor')).toBeUndefined();
    expect(await db.syncState.get(CLOCK_KEY)).toEqual(clock);
    // Offline: the server session is revoked as soon as the network returns.
    expect(await hasPendingLogout()).toBe(true);
    offline = false;
    calls.length = 0;
    getSyncRuntime().scheduler.trigger('online');
    await idle();
    expect(calls.map((call) => call.path)).toEqual(['/api/auth/logout']);
    expect(await hasPendingLogout()).toBe(false);
  });

  it('signs out at once when everything is synced, revoking the server session with the token', async () => {
    calls.length = 0;
    expect(await signOut()).toEqual({ ok: true });
    expect(calls).toEqual([{ path: '/api/auth/logout', authorization: `Bearer access-${LAN.id}` }]);
    expect(await hasPendingLogout()).toBe(false);
    expect(getSyncRuntime().token.current()).toBeUndefined();
  });
});
