// The province view (GET /api/reports/province; docs/reports.md "Computed in the database") on a
// real SQLite file and a real PostgreSQL database: the figures counted in SQL from the facts stored
// at write time equal the naive computation (every record read back and counted with the phone's
// own functions) on a random dataset with deleted, rewritten and malformed records; the start-up
// backfill fills the facts of records stored before them; commune accounts get 403. Test ids: PS….
import { describe, expect, it } from 'vitest';
import { createCommune } from '../../src/server/accounts';
import type { ErrorBody } from '../../src/server/errors';
import { backfillReportFacts } from '../../src/server/reports/facts-backfill';
import { computeActivity, groupSessionFactOf, logFactOf } from '../../src/shared/reports/activity';
import { communeRow, provinceReportSchema, provinceTotals, type ProvinceReport } from '../../src/shared/reports/province';
import { checklistFactOf, computeReadiness, itemStateFactOf, templateFactOf } from '../../src/shared/reports/readiness';
import { checklistItemRecordId } from '../../src/shared/checklists/item-id';
import { OUTCOMES } from '../../src/shared/schemas/assistance-log';
import type { ServiceGroup } from '../../src/shared/schemas/service';
import { seedServices, seedTemplateById } from '../../src/shared/seed';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import { provinceScope } from '../../src/shared/sync/scopes';
import type { LocalDateRange } from '../../src/shared/text/dates';
import { describePostgres } from '../helpers/pg';
import { mulberry32 } from '../helpers/seeded-random';
import { onPushThread, serverWorld, type WorldOptions } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { COMMUNE_A, COMMUNE_B, COMMUNE_K, type Session } from './sync-fixtures';

const EXTRA = ['xa-c-test', 'xa-d-test', 'xa-e-test'].map((id, i) => ({ id, name: `Xã ${'CĐE'[i]} (thử)`, provinceId: 'quang-ngai' }));
const QN = [COMMUNE_A, COMMUNE_B, ...EXTRA];
const TEMPLATE = seedTemplateById('qng-2025-commune-shared-systems-readiness')!;
const RANGES: LocalDateRange[] = [
  { start: '2026-06-15', end: '2026-07-14' },
  { start: '2026-05-20', end: '2026-08-03' },
  { start: '2026-07-01', end: '2026-07-01' },
];
const NOW = Date.parse('2026-08-20T03:00:00.000Z');
const CODES = [...seedServices().map((s) => s.code), 'qn-extra', 'unknown-code'];
const STATUSES = ['todo', 'in_progress', 'done', 'blocked', 'na', 'bogus'];

function random(seed: number): (n: number) => number {
  const next = mulberry32(seed);
  return (n) => Math.floor(next() * n);
}

const pick = <T>(next: (n: number) => number, list: readonly T[]): T => list[next(list.length)]!;
/** An instant from 1/5 to 1/9/2026, now and then not an instant at all (a record an old app wrote badly). */
const when = (next: (n: number) => number) => (next(40) === 0 ? 'hôm qua' : new Date(Date.parse('2026-05-01T00:00:00.000Z') + next(123 * 24 * 60) * 60_000).toISOString());

function meta(communeId: string, next: (n: number) => number): SyncedRecord {
  const at = '2026-05-01T00:00:00.000Z';
  return { id: uuidv7(), communeId, createdBy: uuidv7(), createdAt: at, updatedAt: at, deleted: next(10) === 0, clocks: {} };
}

function communeRecords(communeId: string, next: (n: number) => number): { table: 'assistanceLogs' | 'groupSessions' | 'checklists' | 'checklistItems'; record: SyncedRecord }[] {
  const logs = Array.from({ length: 120 + next(80) }, () => ({
    table: 'assistanceLogs' as const,
    record: { ...meta(communeId, next), occurredAt: when(next), serviceId: pick(next, CODES), outcome: next(30) === 0 ? 'lost' : pick(next, OUTCOMES) },
  }));
  const sessions = Array.from({ length: 10 + next(20) }, () => ({
    table: 'groupSessions' as const,
    record: { ...meta(communeId, next), occurredAt: when(next), topic: 'Bình dân học vụ số', participants: next(15) === 0 ? -4 : next(60) },
  }));
  const checklist = { ...meta(communeId, next), deleted: false, templateId: TEMPLATE.templateId, templateVersion: TEMPLATE.version, title: 'Sẵn sàng', scope: 'commune', archived: next(5) === 0 };
  const items = TEMPLATE.items
    .filter(() => next(2) === 0)
    .map((item) => ({ table: 'checklistItems' as const, record: { ...meta(communeId, next), id: checklistItemRecordId(checklist.id, item.id), checklistId: checklist.id, itemId: item.id, status: pick(next, STATUSES) } }));
  return [...logs, ...sessions, { table: 'checklists', record: checklist }, ...items];
}

function provinceSuite<F extends StoreFixture>(factory: () => Promise<F>, options: WorldOptions<F> = {}): void {
  const world = serverWorld(factory, ['leaderA', 'reviewerA', 'memberA', 'leaderB', 'adminQN', 'adminKT'], options);
  const get = (url: string, session?: Session) => world.app.inject({ method: 'GET', url, headers: session ? { authorization: `Bearer ${session.accessToken}` } : {} });
  const province = async (range: LocalDateRange, session: Session = world.adminQN): Promise<ProvinceReport> => {
    const res = await get(`/api/reports/province?from=${range.start}&to=${range.end}`, session);
    expect(res.statusCode, res.body).toBe(200);
    return provinceReportSchema.parse(res.json());
  };

  /** The same report the slow way: every record of every commune read back and counted in JavaScript. */
  async function naive(range: LocalDateRange, communes: readonly { id: string; name: string }[], provinceId = 'quang-ngai') {
    const groups = new Map<string, ServiceGroup>(seedServices().map((s) => [s.code, s.group]));
    // Only Quảng Ngãi's catalogue has the extra kind of help.
    if (provinceId === 'quang-ngai') groups.set('qn-extra', 'payments');
    const templates = (await world.store.records.listRecords({ scope: provinceScope(provinceId), tables: ['checklistTemplates'] })).map((r) => templateFactOf(r.record)).filter((t) => t !== null);
    const today = '2026-08-20';
    const rows = [];
    for (const commune of communes) {
      const all = (await world.store.records.listRecords({ scope: commune.id, tables: ['assistanceLogs', 'groupSessions', 'checklists', 'checklistItems'] })).map((r) => ({ table: r.table, record: r.record }));
      const of = (table: string) => all.filter((r) => r.table === table).map((r) => r.record);
      const activity = computeActivity({
        range,
        today,
        logs: of('assistanceLogs').map(logFactOf).filter((f) => f !== null),
        groupSessions: of('groupSessions').map(groupSessionFactOf).filter((f) => f !== null),
        serviceGroups: groups,
      });
      const readiness = computeReadiness({ checklists: of('checklists').map(checklistFactOf).filter((f) => f !== null), states: of('checklistItems').map(itemStateFactOf).filter((f) => f !== null), templates, today });
      rows.push(communeRow(commune, activity, readiness));
    }
    return { communes: rows, totals: provinceTotals(rows) };
  }

  const byId = (report: { communes: { communeId: string }[] }) => [...report.communes].sort((a, b) => (a.communeId < b.communeId ? -1 : 1));

  let seeded = false;
  const seed = async () => {
    if (seeded) return;
    seeded = true;
    for (const commune of EXTRA) await createCommune(world.store, commune);
    const at = '2026-05-01T00:00:00.000Z';
    await world.store.records.seedRecords(provinceScope('quang-ngai'), [
      { table: 'services', record: { id: uuidv7(), code: 'qn-extra', group: 'payments', name: 'Mở ví điện tử', createdAt: at, updatedAt: at, deleted: false, clocks: {} } },
    ]);
    const next = random(21);
    for (const commune of [...QN, COMMUNE_K]) await world.store.records.seedRecords(commune.id, communeRecords(commune.id, next));
    // Rewritten after they were stored: moved in time, another outcome, deleted, brought back.
    for (const commune of QN) {
      const logs = (await world.store.records.listRecords({ scope: commune.id, tables: ['assistanceLogs', 'groupSessions'] })).filter(() => next(4) === 0);
      await world.store.records.push({
        scope: commune.id,
        userId: 'test',
        clientId: 'test',
        mutationIds: [],
        recordKeys: logs.map((r) => ({ table: r.table, id: r.record.id })),
        now: NOW,
        plan: () => ({
          remember: [],
          writes: logs.map((r) => ({
            table: r.table,
            record: { ...r.record, occurredAt: when(next), deleted: next(3) === 0, ...(r.table === 'assistanceLogs' ? { outcome: pick(next, OUTCOMES) } : { participants: next(90) }) },
          })),
        }),
      });
    }
  };

  it('[PS1] every commune\'s figures, counted in SQL, equal a naive computation over every record, for three ranges', async () => {
    await seed();
    for (const range of RANGES) {
      const view = await province(range);
      const expected = await naive(range, QN);
      expect(byId(view), `${range.start}–${range.end}`).toEqual(byId(expected));
      expect(view.totals).toEqual(expected.totals);
    }
    // The dataset is not trivial: logs in several groups and outcomes, sessions, readiness.
    const june = await province(RANGES[0]!);
    expect(june.totals.logs).toBeGreaterThan(100);
    expect(june.totals.byGroup.payments).toBeGreaterThan(0);
    expect(june.totals.participants).toBeGreaterThan(0);
    expect(june.totals.readinessPercent).not.toBeNull();
  });

  it('[PS2] Kon Tum\'s admin sees Kon Tum only, with its own figures', async () => {
    await seed();
    const view = await province(RANGES[1]!, world.adminKT);
    expect(view.communes.map((c) => c.communeId)).toEqual([COMMUNE_K.id]);
    expect(view.communes).toEqual((await naive(RANGES[1]!, [COMMUNE_K], 'kon-tum')).communes);
  });

  it('[PS3] records stored before the facts existed are counted once the start-up backfill has run', async () => {
    await seed();
    const before = await province(RANGES[1]!);
    const compiledBefore = await get('/api/reports/compiled?start=2026-06-15&end=2026-07-14', world.adminQN);
    await world.fixture.exec('UPDATE records SET fact_at = NULL, fact_outcome = NULL, fact_service = NULL, fact_count = NULL; DELETE FROM report_figures; DELETE FROM report_submissions;');
    // The view reads the facts only: without them it counts nothing.
    expect((await province(RANGES[1]!)).totals.logs).toBe(0);
    expect(await backfillReportFacts(world.store)).toBeGreaterThan(0);
    expect(await backfillReportFacts(world.store)).toBe(0);
    expect(await province(RANGES[1]!)).toEqual({ ...before, generatedAt: expect.any(String) as string });
    expect((await get('/api/reports/compiled?start=2026-06-15&end=2026-07-14', world.adminQN)).json()).toEqual({ ...compiledBefore.json<object>(), generatedAt: expect.any(String) as string });
  });

  it.each(['leaderA', 'reviewerA', 'memberA', 'leaderB'] as const)('[PS4] a commune account (%s) gets 403', async (name) => {
    const res = await get('/api/reports/province?from=2026-06-15&to=2026-07-14', world[name]);
    expect(res.statusCode).toBe(403);
    expect(res.json<ErrorBody>().error.code).toBe('forbidden');
  });
}

describe('the province view in SQL on SQLite', () => provinceSuite(sqliteFixture));
// As the server opens it: the views' statements on the reader thread's read-only connection.
describe('the province view in SQL on SQLite, read on the reader thread', () => provinceSuite(sqliteFixture, { serverStore: onPushThread() }));
describePostgres('the province view in SQL on PostgreSQL', () => provinceSuite(postgresFixture));
