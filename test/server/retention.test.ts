// The retention purge (docs/privacy.md "Retention"), on a real SQLite file and a real PostgreSQL,
// with records either side of each province's limit: the purge removes the citizen and the note
// of the logs past it and nothing else (service, outcome, date and every count stay), reaches the
// phones in their next pull, beats a stale edit, is resumable after a stop and does nothing the
// second time; and who asked leaves the register's requests closed longer ago than the limit.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/accounts';
import { purgeExpiredDetails, retentionMetaKey, retentionMonths } from '../../src/server/privacy/retention-purge';
import type { SyncStore } from '../../src/server/storage/types';
import { DEFAULT_RETENTION_MONTHS, retentionCutoff } from '../../src/shared/privacy/retention';
import { uuidv7 } from '../../src/shared/sync/ids';
import { fromWireRecord } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { COMMUNE_K, PASSWORD, TEST_COST, bearer, createMeta, hlcAt, logFields, login, makeApp, mutation, populate, pullAll, pushOk, type Session } from './sync-fixtures';

const DAY = 24 * 3_600_000;
const NAME = 'Lê Thị Mai';

function citizen(session: Session) {
  return { name: NAME, phone: '0912000333', consent: true, consentEvidence: { method: 'spoken', noticeVersion: 'vi-2026-12', recordedAt: '2025-01-02T08:00:00+07:00', recordedBy: session.userId } };
}

function retentionSuite(factory: () => Promise<StoreFixture>): void {
  let fixture: StoreFixture;
  let store: SyncStore;
  let app: FastifyInstance;
  let memberA: Session;
  let memberK: Session;
  let leaderA: Session;
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * DAY).toISOString();
  const ids = { oldA: uuidv7(), oldA2: uuidv7(), youngA: uuidv7(), anonymousA: uuidv7(), oldK: uuidv7(), youngK: uuidv7() };
  // The register: who asked leaves a request closed longer ago than the limit, never an open one.
  const requests = { closedLongAgo: uuidv7(), refusedLongAgo: uuidv7(), closedRecently: uuidv7(), openLongAgo: uuidv7() };
  const request = (session: Session, id: string, receivedDays: number, closedDays: number | null, status: 'done' | 'refused' | 'acknowledged' = 'done') =>
    mutation(
      'rightsRequests',
      id,
      {
        ...createMeta(session),
        kind: 'erasure',
        requester: { name: NAME, phone: '0912000333' },
        receivedOn: ago(receivedDays).slice(0, 10),
        status,
        acknowledgedAt: ago(receivedDays - 1),
        acknowledgedBy: session.userId,
        ...(closedDays === null ? {} : { closedAt: ago(closedDays), closedBy: session.userId, ...(status === 'refused' ? { closeReason: 'Không thuộc xã' } : { erasedLogs: 2 }) }),
      },
      hlcAt(now - 60_000),
    );
  const storedRequests = async () => new Map((await store.records.listRecords({ scope: memberA.communeId!, tables: ['rightsRequests'] })).map((row) => [row.record.id, row.record]));

  const stored = async (scope: string) => new Map((await store.records.listRecords({ scope, tables: ['assistanceLogs'] })).map((row) => [row.record.id, row.record]));

  beforeAll(async () => {
    fixture = await factory();
    store = fixture.open();
    await store.migrate();
    await populate(store);
    await createUser(store, { username: 'memberK', password: PASSWORD, role: 'member', communeId: COMMUNE_K.id }, { cost: TEST_COST });
    app = await makeApp(store);
    memberA = await login(app, 'memberA');
    memberK = await login(app, 'memberK');
    leaderA = await login(app, 'leaderA');
    const log = (session: Session, id: string, days: number, personal: boolean) =>
      mutation('assistanceLogs', id, logFields(session, { occurredAt: ago(days), ...(personal ? { citizen: citizen(session), note: `gọi lại cho ${NAME}` } : {}) }), hlcAt(now - 60_000));
    // Quảng Ngãi keeps the default 12 months; Kon Tum chose 3.
    await pushOk(app, memberA, [log(memberA, ids.oldA, 400, true), log(memberA, ids.oldA2, 380, true), log(memberA, ids.youngA, 330, true), log(memberA, ids.anonymousA, 500, false)]);
    await pushOk(app, memberK, [log(memberK, ids.oldK, 120, true), log(memberK, ids.youngK, 60, true)]);
    await pushOk(app, leaderA, [
      request(leaderA, requests.closedLongAgo, 420, 400),
      request(leaderA, requests.refusedLongAgo, 390, 370, 'refused'),
      request(leaderA, requests.closedRecently, 400, 340),
      request(leaderA, requests.openLongAgo, 500, null, 'acknowledged'),
    ]);
    await store.setMeta(retentionMetaKey(COMMUNE_K.provinceId), '3');
  });

  afterAll(async () => {
    await app?.close();
    await fixture?.dispose();
  });

  it("reads each province's limit, the default when none or a wrong one is set", async () => {
    expect(await retentionMonths(store, 'quang-ngai')).toBe(DEFAULT_RETENTION_MONTHS);
    expect(await retentionMonths(store, COMMUNE_K.provinceId)).toBe(3);
    await store.setMeta(retentionMetaKey('lam-dong'), '99');
    expect(await retentionMonths(store, 'lam-dong')).toBe(DEFAULT_RETENTION_MONTHS);
    expect(retentionCutoff(Date.parse('2026-03-31T10:00:00.000Z'), 1)).toBe(Date.parse('2026-02-28T10:00:00.000Z'));
  });

  it('stops before its next batch when asked, and the next run finishes the work', async () => {
    const stop = new AbortController();
    const first = await purgeExpiredDetails(store, { now, batch: 1, signal: stop.signal, pause: () => Promise.resolve(stop.abort()) });
    expect(first).toEqual({ records: 1, batches: 1 });
    const before = await stored(memberA.communeId!);
    const second = await purgeExpiredDetails(store, { now, batch: 1 });
    // The rest of commune A (the other old log, two requests closed long ago) and Kon Tum's old log.
    expect(second.records).toBe(4);
    const after = await stored(memberA.communeId!);
    for (const id of [ids.oldA, ids.oldA2]) expect(after.get(id)).toMatchObject({ citizen: null, note: null });
    expect([ids.oldA, ids.oldA2].filter((id) => before.get(id)!.citizen === null)).toHaveLength(1);
  });

  it('removes the details past the limit and nothing else; a second run does nothing', async () => {
    const a = await stored(memberA.communeId!);
    const k = await stored(memberK.communeId!);
    expect(a.get(ids.youngA)).toMatchObject({ citizen: { name: NAME }, note: `gọi lại cho ${NAME}` });
    expect(k.get(ids.oldK)).toMatchObject({ citizen: null, note: null });
    expect(k.get(ids.youngK)).toMatchObject({ citizen: { name: NAME } });
    // What the reports count stays.
    for (const [id, days] of [[ids.oldA, 400], [ids.oldK, 120], [ids.anonymousA, 500]] as const) {
      const record = (a.get(id) ?? k.get(id))!;
      expect(record).toMatchObject({ serviceId: 'vneid-install-register', outcome: 'done', deleted: false });
      expect(Date.parse(record.occurredAt as string)).toBe(Date.parse(ago(days)));
    }
    expect(await purgeExpiredDetails(store, { now })).toEqual({ records: 0, batches: 0 });
  });

  it('removes who asked from the requests closed longer ago than the limit; the register keeps every step, and open requests keep who asked', async () => {
    const register = await storedRequests();
    for (const id of [requests.closedLongAgo, requests.refusedLongAgo]) expect(register.get(id)).toMatchObject({ requester: null, kind: 'erasure', closedBy: leaderA.userId, acknowledgedBy: leaderA.userId });
    expect(register.get(requests.closedLongAgo)).toMatchObject({ status: 'done', erasedLogs: 2, closedAt: ago(400), receivedOn: ago(420).slice(0, 10) });
    expect(register.get(requests.refusedLongAgo)).toMatchObject({ status: 'refused', closeReason: 'Không thuộc xã' });
    for (const id of [requests.closedRecently, requests.openLongAgo]) expect(register.get(id)).toMatchObject({ requester: { name: NAME, phone: '0912000333' } });
    // The province's counts are unchanged: every request still counts, by kind and outcome.
    const counts = (await app.inject({ method: 'GET', url: '/api/privacy/rights-requests/counts', headers: bearer(await login(app, 'adminQN')) })).json<{ total: { done: number; refused: number; open: number } }>();
    expect(counts.total).toMatchObject({ done: 2, refused: 1, open: 1 });
    // And the leader's phone receives the cleared requests in its next pull.
    const pulled = (await pullAll(app, leaderA)).changes.filter((c) => c.table === 'rightsRequests').map((c) => fromWireRecord(c.record));
    expect(pulled.find((r) => r.id === requests.closedLongAgo)).toMatchObject({ requester: null, status: 'done' });
    expect(JSON.stringify(pulled.filter((r) => r.id !== requests.closedRecently && r.id !== requests.openLongAgo))).not.toContain(NAME);
  });

  it("reaches a phone in its next pull, and a phone's stale edit cannot bring the details back", async () => {
    const { changes } = await pullAll(app, memberK);
    expect(fromWireRecord(changes.find((c) => c.id === ids.oldK)!.record)).toMatchObject({ citizen: null, note: null, outcome: 'done' });
    await pushOk(app, memberK, [mutation('assistanceLogs', ids.oldK, { citizen: citizen(memberK) }, hlcAt(now - 30_000, '00000000000000dd'))]);
    expect((await stored(memberK.communeId!)).get(ids.oldK)).toMatchObject({ citizen: null });
  });
}

describe('the retention setting (GET and POST /api/privacy/retention)', () => {
  let fixture: StoreFixture;
  let store: SyncStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    fixture = await sqliteFixture();
    store = fixture.open();
    await store.migrate();
    await populate(store);
    app = await makeApp(store);
  });
  afterAll(async () => {
    await app?.close();
    await fixture?.dispose();
  });
  const call = (session: Session, method: 'GET' | 'POST', payload?: object) => app.inject({ method, url: '/api/privacy/retention', headers: bearer(session), ...(payload ? { payload } : {}) });

  it('the province admin sets it, in the audit log; the leader reads it; a member and another value are refused', async () => {
    const [admin, leader, member] = [await login(app, 'adminQN'), await login(app, 'leaderA'), await login(app, 'memberA')];
    expect((await call(leader, 'GET')).json()).toEqual({ months: DEFAULT_RETENTION_MONTHS, defaultMonths: DEFAULT_RETENTION_MONTHS });
    expect((await call(admin, 'POST', { months: 13 })).statusCode).toBe(400);
    expect((await call(admin, 'POST', { months: 6, extra: 1 })).statusCode).toBe(400);
    expect((await call(leader, 'POST', { months: 6 })).statusCode).toBe(403);
    expect((await call(member, 'GET')).statusCode).toBe(403);
    const saved = await call(admin, 'POST', { months: 6 });
    expect(saved.json()).toEqual({ months: 6, defaultMonths: DEFAULT_RETENTION_MONTHS });
    expect(await retentionMonths(store, 'quang-ngai')).toBe(6);
    expect(await retentionMonths(store, COMMUNE_K.provinceId)).toBe(DEFAULT_RETENTION_MONTHS);
    expect((await call(leader, 'GET')).json()).toMatchObject({ months: 6 });
    const events = (await app.inject({ method: 'GET', url: '/api/audit/events', headers: bearer(admin) })).json<{ events: { kind: string; details: unknown }[] }>().events;
    expect(events.find((e) => e.kind === 'retention.changed')?.details).toEqual({ from: 12, to: 6 });
    expect(events.filter((e) => e.kind === 'access.refused').map((e) => e.details)).toEqual(
      expect.arrayContaining([{ action: 'retention.manage', role: 'leader' }]),
    );
  });
});

describe('retention purge on SQLite', () => retentionSuite(sqliteFixture));
describePostgres('retention purge on PostgreSQL', () => retentionSuite(postgresFixture));
