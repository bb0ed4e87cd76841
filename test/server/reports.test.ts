// The province report (issue #6) over HTTP on a real SQLite file and a real PostgreSQL database:
// scoped to the admin's province, counts only, refused to commune accounts (403) and to requests
// without a valid token (401). Test ids: R… (reports).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStore } from '../../src/server/storage/types';
import type { ErrorBody } from '../../src/server/errors';
import { checklistItemRecordId } from '../../src/shared/checklists/item-id';
import { provinceReportSchema, type ProvinceReport } from '../../src/shared/reports/province';
import { seedTemplateById } from '../../src/shared/seed';
import { uuidv7 } from '../../src/shared/sync/ids';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture, type StoreFixtureFactory } from './store-fixtures';
import { COMMUNE_A, COMMUNE_B, COMMUNE_K, createMeta, login, logFields, makeApp, mutation, populate, pushOk, type AccountName, type Session } from './sync-fixtures';

const JUNE = 'from=2026-06-15&to=2026-07-14';
const TEMPLATE = seedTemplateById('qng-2025-commune-shared-systems-readiness')!;

function reportsSuite(factory: StoreFixtureFactory): void {
  let fixture: StoreFixture;
  let store: SyncStore;
  let app: FastifyInstance;
  const sessions = {} as Record<AccountName, Session>;

  const get = (url: string, session?: Session | { accessToken: string }) =>
    app.inject({ method: 'GET', url, headers: session ? { authorization: `Bearer ${session.accessToken}` } : {} });
  const province = async (session: Session, query = JUNE): Promise<ProvinceReport> => {
    const res = await get(`/api/reports/province?${query}`, session);
    expect(res.statusCode, res.body).toBe(200);
    return provinceReportSchema.parse(res.json());
  };

  beforeAll(async () => {
    fixture = await factory();
    store = fixture.open();
    await store.migrate();
    await populate(store);
    app = await makeApp(store);
    for (const name of ['leaderA', 'reviewerA', 'memberA', 'leaderB', 'adminQN', 'adminKT'] as const) sessions[name] = await login(app, name);
    const { leaderA, leaderB } = sessions;

    const deletedLog = uuidv7();
    const citizen = {
      name: 'Y Bơ Niê',
      phone: '0912345678',
      birthYear: 1958,
      consent: true,
      consentEvidence: { method: 'spoken', noticeVersion: 'v1', recordedAt: '2026-06-20T02:00:00.000Z', recordedBy: leaderA.userId },
    };
    await pushOk(app, leaderA, [
      mutation('assistanceLogs', uuidv7(), logFields(leaderA, { occurredAt: '2026-06-14T17:00:00.000Z', outcome: 'done', citizen, note: 'Y Bơ Niê, 0912345678' })), // 00:00 on 15/6
      mutation('assistanceLogs', uuidv7(), logFields(leaderA, { occurredAt: '2026-06-20T02:00:00.000Z', outcome: 'failed', barriers: ['portal_down'] })),
      mutation('assistanceLogs', uuidv7(), logFields(leaderA, { occurredAt: '2026-07-14T16:59:59.000Z', outcome: 'referred', serviceId: 'dvc-submit-online' })), // 23:59:59 on 14/7
      mutation('assistanceLogs', uuidv7(), logFields(leaderA, { occurredAt: '2026-07-14T17:30:00.000Z', outcome: 'done' })), // 00:30 on 15/7: next period
      mutation('assistanceLogs', deletedLog, logFields(leaderA, { occurredAt: '2026-06-21T02:00:00.000Z', outcome: 'partial' })),
      mutation('groupSessions', uuidv7(), { ...createMeta(leaderA), topic: 'Bình dân học vụ số', place: 'Nhà văn hóa thôn 1', occurredAt: '2026-06-22T01:00:00.000Z', participants: 30, women: 17 }),
    ]);
    await pushOk(app, leaderA, [mutation('assistanceLogs', deletedLog, { deleted: true })]);

    const checklistId = uuidv7();
    const [first, second] = TEMPLATE.items;
    await pushOk(app, leaderA, [
      mutation('checklists', checklistId, { ...createMeta(leaderA), templateId: TEMPLATE.templateId, templateVersion: TEMPLATE.version, title: 'Sẵn sàng', scope: 'commune' }),
      mutation('checklistItems', checklistItemRecordId(checklistId, first!.id), { ...createMeta(leaderA), checklistId, itemId: first!.id, status: 'done' }),
      mutation('checklistItems', checklistItemRecordId(checklistId, second!.id), { ...createMeta(leaderA), checklistId, itemId: second!.id, status: 'na' }),
    ]);
    await pushOk(app, leaderB, [mutation('assistanceLogs', uuidv7(), logFields(leaderB, { occurredAt: '2026-07-01T02:00:00.000Z', outcome: 'partial' }))]);
    // Kon Tum has no commune account in the fixtures: its record is stored directly.
    const now = '2026-07-01T00:00:00.000Z';
    await store.records.seedRecords(COMMUNE_K.id, [
      { table: 'assistanceLogs', record: { id: uuidv7(), communeId: COMMUNE_K.id, createdBy: uuidv7(), createdAt: now, updatedAt: now, deleted: false, serviceId: 'vneid-install-register', outcome: 'done', occurredAt: '2026-07-01T02:00:00.000Z', clocks: {} } },
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await fixture?.dispose();
  });

  it('[R1] an admin sees the communes of their province only, with the figures of the period', async () => {
    const report = await province(sessions.adminQN);
    expect(report.provinceId).toBe('quang-ngai');
    expect(report.range).toEqual({ start: '2026-06-15', end: '2026-07-14' });
    expect(report.communes.map((c) => c.communeId).sort()).toEqual([COMMUNE_A.id, COMMUNE_B.id]);
    const a = report.communes.find((c) => c.communeId === COMMUNE_A.id)!;
    // 3 logs: the deleted one and the one at 00:30 on 15/7 (Vietnam) are not in the period.
    expect(a).toMatchObject({ communeName: COMMUNE_A.name, logs: 3, citizensAssisted: 3, groupSessions: 1, participants: 30 });
    expect(a.outcomes).toEqual({ done: 1, partial: 0, referred: 1, failed: 1 });
    expect(a.byGroup).toMatchObject({ vneid: 2, 'public-service': 1 });
    // 52 items, one not applicable, one done: 1 / 51 → 1 %.
    expect(a).toMatchObject({ checklists: 1, readinessPercent: 1 });
    const b = report.communes.find((c) => c.communeId === COMMUNE_B.id)!;
    expect(b).toMatchObject({ logs: 1, readinessPercent: null, participants: 0 });
    expect(report.totals).toMatchObject({ logs: 4, citizensAssisted: 4, participants: 30, readinessPercent: 1 });
  });

  it('[R1] the next period holds the log of 00:30 on 15/7', async () => {
    const report = await province(sessions.adminQN, 'from=2026-07-15&to=2026-08-14');
    expect(report.communes.find((c) => c.communeId === COMMUNE_A.id)?.logs).toBe(1);
  });

  it('[R1] carries counts only: no citizen, note, member or village', async () => {
    const res = await get(`/api/reports/province?${JUNE}`, sessions.adminQN);
    for (const secret of ['Y Bơ', '0912345678', '1958', sessions.leaderA.userId, 'portal_down']) expect(res.body).not.toContain(secret);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('[R2] the admin of another province sees only theirs', async () => {
    const report = await province(sessions.adminKT);
    expect(report.provinceId).toBe('kon-tum');
    expect(report.communes.map((c) => [c.communeId, c.logs])).toEqual([[COMMUNE_K.id, 1]]);
  });

  it.each(['leaderA', 'reviewerA', 'memberA', 'leaderB'] as const)('[R3] a commune account (%s) gets 403', async (name) => {
    const res = await get(`/api/reports/province?${JUNE}`, sessions[name]);
    expect(res.statusCode).toBe(403);
    expect(res.json<ErrorBody>().error.code).toBe('forbidden');
  });

  it('[R4] 401 without a token or with a forged one', async () => {
    expect((await get(`/api/reports/province?${JUNE}`)).statusCode).toBe(401);
    expect((await get(`/api/reports/province?${JUNE}`, { accessToken: 'abc.def.ghi' })).statusCode).toBe(401);
    expect((await get('/api/reports/commune')).statusCode).toBe(401);
  });

  it.each(['from=2026-06-15', 'from=2026-07-15&to=2026-07-14', 'from=2026-02-30&to=2026-03-01', 'from=2020-01-01&to=2026-01-01', `${JUNE}&commune=${COMMUNE_K.id}`])(
    '[R5] refuses a bad period: %s → 400',
    async (query) => {
      const res = await get(`/api/reports/province?${query}`, sessions.adminQN);
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().error.code).toBe('bad_request');
    },
  );

  it('[R6] names the commune of a leader or reviewer, not to an admin', async () => {
    const res = await get('/api/reports/commune', sessions.reviewerA);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: COMMUNE_A.id, name: COMMUNE_A.name, provinceId: 'quang-ngai' });
    expect((await get('/api/reports/commune', sessions.adminQN)).statusCode).toBe(403);
    expect((await get('/api/reports/commune', sessions.memberA)).statusCode).toBe(403);
  });

  it('[R7] lists a scope\'s records by table and period (store method used by the report)', async () => {
    const all = await store.records.listRecords({ scope: COMMUNE_A.id, tables: ['assistanceLogs'] });
    expect(all).toHaveLength(5);
    const june = await store.records.listRecords({ scope: COMMUNE_A.id, tables: ['assistanceLogs', 'groupSessions'], occurredAt: { from: '2026-06-14T17:00:00.000Z', before: '2026-07-14T17:00:00.000Z' } });
    expect(june.map((r) => r.table).sort()).toEqual(['assistanceLogs', 'assistanceLogs', 'assistanceLogs', 'assistanceLogs', 'groupSessions']);
    expect(await store.records.listRecords({ scope: COMMUNE_A.id, tables: [] })).toEqual([]);
    expect(await store.records.listRecords({ scope: 'no-such-commune', tables: ['assistanceLogs'] })).toEqual([]);
  });
}

describe('reports on SQLite', () => reportsSuite(sqliteFixture));
describePostgres('reports on PostgreSQL', () => reportsSuite(postgresFixture));
