// The province's indicators, targets and due day (issue 15 items 3 and 5; docs/reports.md
// "Indicators against targets", "Due date") on a real SQLite file and a real PostgreSQL database:
// only the province admin publishes the settings, every phone of the province (and no other) pulls
// them, a stale or shrinking publication is refused; a commune's leaders enter values for their own
// commune only, the province reads them, and the compiled view judges "late" by the province's due
// day. Test ids: RT….
import { describe, expect, it } from 'vitest';
import { compiledReportSchema } from '../../src/shared/reports/compiled';
import { reportSettingsAnswerSchema } from '../../src/shared/reference/report-settings-api';
import { provinceIndicatorValuesSchema } from '../../src/shared/reports/targets';
import { uuidv7 } from '../../src/shared/sync/ids';
import { describePostgres } from '../helpers/pg';
import { adminWorld, tableRecords } from './admin-world';
import { postgresFixture, sqliteFixture, type StoreFixtureFactory } from './store-fixtures';
import { COMMUNE_A, createMeta, mutation, pullAll, pushOk, type Session } from './sync-fixtures';

const JUNE = { start: '2026-06-15', end: '2026-07-14' };
const ZERO = { done: 0, partial: 0, referred: 0, failed: 0 };
const RESULTS = {
  logs: 0, onTeamDevice: 0, outcomes: ZERO, byGroup: { vneid: 0, 'public-service': 0, payments: 0, skills: 0, other: 0 },
  onlineSubmission: { full: 3, partial: 1 }, helped: { citizen: 0, household_business: 0, official: 0, unrecorded: 0 }, sessions: 0, participants: 0,
  trained: { leaders: 0, full_time_officials: 0, staff: 0, citizens: 0, unrecorded: 0 },
  barriers: { no_smartphone: 0, no_chip_id: 0, vneid_not_level2: 0, no_bank_account: 0, portal_down: 0, weak_network: 0, language: 0, disability: 0, other: 0 },
  readinessPercent: null, blockedItems: 0, overdueItems: 0, followUpsOpen: 0,
};
const ONLINE = { id: 'ho-so-toan-trinh', name: 'Tỷ lệ hồ sơ trực tuyến toàn trình', unit: '%', source: 'onlineFullShare', target: 80, communeTargets: [{ communeId: COMMUNE_A.id, target: 70 }], from: '2026-01-01', to: '2026-12-31', active: true };
const PHONES = { id: 'ho-co-smartphone', name: 'Hộ có điện thoại thông minh', unit: 'hộ', source: 'manual', target: 500, communeTargets: [], from: '2026-01-01', to: '2026-12-31', active: true };

function reportTargetsSuite(factory: StoreFixtureFactory): void {
  const world = adminWorld(factory, ['adminQN', 'adminKT', 'leaderA', 'reviewerA', 'memberA', 'leaderB']);
  const { send } = world;
  const publish = (session: Session, body: object) => send(session, 'PUT', '/api/admin/report-settings', body);
  const value = (session: Session, id: string, fields: Record<string, unknown>) => pushOk(world.app, session, [mutation('indicatorValues', id, { ...createMeta(session), ...fields })]);

  it('[RT1] a commune account gets 403 on the province settings, by the API and by sync; bad bodies get 400', async () => {
    for (const name of ['leaderA', 'reviewerA', 'memberA'] as const) {
      expect((await publish(world[name], { basedOn: 0, dueDaysAfterEnd: 6, indicators: [] })).statusCode).toBe(403);
    }
    const pushed = await pushOk(world.app, world.leaderA, [mutation('reportSettings', uuidv7(), { version: 1, dueDaysAfterEnd: 6, indicators: [] })]);
    expect(pushed.rejected.map((r) => r.code)).toEqual(['forbidden']);
    expect((await publish(world.adminQN, { basedOn: 0, dueDaysAfterEnd: 6, indicators: [{ ...ONLINE, target: 101 }] })).statusCode).toBe(400);
    expect((await publish(world.adminQN, { basedOn: 0, dueDaysAfterEnd: 46, indicators: [] })).statusCode).toBe(400);
    expect((await publish(world.adminQN, { basedOn: 0, dueDaysAfterEnd: 6, indicators: [], extra: 1 })).statusCode).toBe(400);
    expect((await world.audit(world.adminQN)).filter((e) => e.kind === 'access.refused').length).toBeGreaterThanOrEqual(3);
  });

  it('[RT2] the admin publishes: every phone of the province pulls it, no other province; stale, shrinking and unchanged publications are refused; audited', async () => {
    const first = await publish(world.adminQN, { basedOn: 0, dueDaysAfterEnd: 10, indicators: [ONLINE, PHONES] });
    expect(first.statusCode, first.body).toBe(200);
    const [settings] = tableRecords((await pullAll(world.app, world.memberA)).changes, 'reportSettings');
    expect(settings).toMatchObject({ version: 1, dueDaysAfterEnd: 10, indicators: [ONLINE, PHONES], provinceId: 'quang-ngai', communeId: null });
    expect(tableRecords((await pullAll(world.app, world.adminKT)).changes, 'reportSettings')).toEqual([]);
    // Another admin's edit based on version 0 comes too late.
    expect((await publish(world.adminQN, { basedOn: 0, dueDaysAfterEnd: 5, indicators: [ONLINE, PHONES] })).statusCode).toBe(409);
    // An indicator once published is retired, never removed; a copy of the current version is refused.
    expect((await publish(world.adminQN, { basedOn: 1, dueDaysAfterEnd: 10, indicators: [ONLINE] })).statusCode).toBe(400);
    expect((await publish(world.adminQN, { basedOn: 1, dueDaysAfterEnd: 10, indicators: [ONLINE, PHONES] })).statusCode).toBe(400);
    const retired = await publish(world.adminQN, { basedOn: 1, dueDaysAfterEnd: 10, indicators: [ONLINE, { ...PHONES, active: false }] });
    expect(retired.statusCode, retired.body).toBe(200);
    const again = await publish(world.adminQN, { basedOn: 2, dueDaysAfterEnd: 10, indicators: [ONLINE, PHONES] });
    expect(again.statusCode, again.body).toBe(200);
    const latest = tableRecords((await pullAll(world.app, world.leaderB)).changes, 'reportSettings');
    expect(latest).toHaveLength(1);
    expect(latest[0]).toMatchObject({ version: 3, indicators: [ONLINE, PHONES] });
    const events = (await world.audit(world.adminQN)).filter((e) => e.kind === 'reference.changed');
    expect(events.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        { table: 'reportSettings', change: 'created', version: 1 },
        { table: 'reportSettings', change: 'published', version: 3 },
      ]),
    );
  });

  it("[RT7] the admin's editor reads its province's settings as published: null before any, never another province's; a commune account gets 403", async () => {
    expect(reportSettingsAnswerSchema.parse(await world.read(world.adminQN, '/api/admin/report-settings'))).toEqual({ settings: { version: 3, dueDaysAfterEnd: 10, indicators: [ONLINE, PHONES] } });
    expect(reportSettingsAnswerSchema.parse(await world.read(world.adminKT, '/api/admin/report-settings'))).toEqual({ settings: null });
    for (const name of ['leaderA', 'reviewerA', 'memberA'] as const) {
      expect((await send(world[name], 'GET', '/api/admin/report-settings')).statusCode).toBe(403);
    }
  });

  it("[RT3] a commune's leaders enter values for their own commune only; members may not; the province admin reads them, a commune account gets 403", async () => {
    const id = uuidv7();
    const fields = { indicatorId: PHONES.id, periodStart: JUNE.start, periodEnd: JUNE.end, value: 612 };
    expect((await value(world.leaderA, id, fields)).rejected).toEqual([]);
    // The reviewer (the commune's office) corrects it; a member may not.
    expect((await value(world.reviewerA, id, { value: 640 })).rejected).toEqual([]);
    expect((await value(world.memberA, uuidv7(), fields)).rejected.map((r) => r.code)).toEqual(['forbidden']);
    // Commune B's leader cannot write commune A's record, nor move a value to another period.
    expect((await value(world.leaderB, id, { value: 1 })).rejected.map((r) => r.code)).toEqual(['wrong_commune']);
    expect((await value(world.leaderA, id, { periodStart: '2026-05-15', periodEnd: '2026-06-14' })).rejected.map((r) => r.code)).toEqual(['immutable_field']);
    expect((await value(world.leaderB, uuidv7(), { ...fields, value: 90 })).rejected).toEqual([]);
    // Another period's value is not this period's.
    expect((await value(world.leaderA, uuidv7(), { ...fields, periodStart: '2026-05-15', periodEnd: '2026-06-14', value: 1 })).rejected).toEqual([]);
    const answer = provinceIndicatorValuesSchema.parse(await world.read(world.adminQN, `/api/reports/indicator-values?start=${JUNE.start}&end=${JUNE.end}`));
    expect(answer.communes.sort((a, b) => (a.communeId < b.communeId ? -1 : 1))).toEqual([
      { communeId: COMMUNE_A.id, values: [{ indicatorId: PHONES.id, value: 640 }] },
      { communeId: 'xa-b-test', values: [{ indicatorId: PHONES.id, value: 90 }] },
    ]);
    expect(provinceIndicatorValuesSchema.parse(await world.read(world.adminKT, `/api/reports/indicator-values?start=${JUNE.start}&end=${JUNE.end}`)).communes).toEqual([]);
    for (const name of ['leaderA', 'reviewerA', 'memberA'] as const) {
      expect((await send(world[name], 'GET', `/api/reports/indicator-values?start=${JUNE.start}&end=${JUNE.end}`)).statusCode).toBe(403);
    }
    expect((await send(world.adminQN, 'GET', '/api/reports/indicator-values?start=2026-06-01&end=2026-06-30')).statusCode).toBe(400);
  });

  it("[RT4] the compiled view judges late by the province's due day", async () => {
    const at = new Date().toISOString();
    const fields = { ...createMeta(world.leaderA), reportId: uuidv7(), version: 1, supersedes: null, kind: 'period', periodStart: JUNE.start, periodEnd: JUNE.end, documentNumber: '21/BC-UBND', documentDate: '2026-07-22', submittedBy: world.leaderA.userId, submittedAt: at, summary: null, results: RESULTS, resultsNote: null, difficulties: null, proposals: null, nextPlan: null, signerName: null };
    expect((await pushOk(world.app, world.leaderA, [mutation('reportSubmissions', uuidv7(), fields)])).rejected).toEqual([]);
    const compiledA = async () => {
      const view = compiledReportSchema.parse(await world.read(world.adminQN, `/api/reports/compiled?start=${JUNE.start}&end=${JUNE.end}`));
      return { dueDate: view.dueDate, status: view.communes.find((c) => c.communeId === COMMUNE_A.id)?.status, missing: view.communes.find((c) => c.communeId === 'xa-b-test')?.status };
    };
    // Due 10 days after the 14th (the settings of RT2): dated the 22nd is on time.
    expect(await compiledA()).toEqual({ dueDate: '2026-07-24', status: 'onTime', missing: 'missing' });
    const current = (await pullAll(world.app, world.adminQN)).changes.filter((c) => c.table === 'reportSettings');
    const version = Number(tableRecords(current, 'reportSettings')[0]!.version);
    expect((await publish(world.adminQN, { basedOn: version, dueDaysAfterEnd: 4, indicators: [ONLINE, PHONES] })).statusCode).toBe(200);
    expect(await compiledA()).toEqual({ dueDate: '2026-07-18', status: 'late', missing: 'missing' });
  });

  it("[RT5] the compiled view shows each commune's indicators against its targets: computed from its latest submission, hand-entered from its values", async () => {
    const view = compiledReportSchema.parse(await world.read(world.adminQN, `/api/reports/compiled?start=${JUNE.start}&end=${JUNE.end}`));
    const rows = (communeId: string) => view.communes.find((c) => c.communeId === communeId)?.indicators.map((r) => ({ id: r.id, target: r.target, value: r.value, met: r.met }));
    // Commune A sent 3 of 4 dossiers fully online (75 %) against its own target 70; its office entered 640 households against 500.
    expect(rows(COMMUNE_A.id)).toEqual([
      { id: ONLINE.id, target: 70, value: 75, met: true },
      { id: PHONES.id, target: 500, value: 640, met: true },
    ]);
    // Commune B sent nothing: its computed value is unknown (neither đạt nor chưa đạt); its 90 households fall short.
    expect(rows('xa-b-test')).toEqual([
      { id: ONLINE.id, target: 80, value: null, met: null },
      { id: PHONES.id, target: 500, value: 90, met: false },
    ]);
    // Another province's admin sees none of them.
    expect(compiledReportSchema.parse(await world.read(world.adminKT, `/api/reports/compiled?start=${JUNE.start}&end=${JUNE.end}`)).communes.every((c) => c.indicators.length === 0)).toBe(true);
  });

  it('[RT6] the values read in SQL equal a naive reading of every value written, on a random dataset (rewrites, clears, deletions, three periods)', async () => {
    const periods = [JUNE, { start: '2026-05-15', end: '2026-06-14' }, { start: '2026-07-15', end: '2026-08-14' }];
    const leaders = [world.leaderA, world.leaderB];
    const indicators = ['rt6-a', 'rt6-b', 'rt6-c'];
    const ids = new Map<string, string>();
    let seed = 20261204;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    // Each record's state as the test wrote it: the naive truth.
    const written = new Map<string, { communeId: string; indicatorId: string; period: (typeof periods)[number]; value: number | null; deleted: boolean }>();
    for (let i = 0; i < 40; i += 1) {
      const keys = [...written.keys()];
      const rewrite = keys.length > 0 && random(3) === 0;
      if (rewrite) {
        const id = keys[random(keys.length)]!;
        const old = written.get(id)!;
        const leader = leaders.find((l) => l.communeId === old.communeId)!;
        const change = random(4);
        const next = change === 0 ? { deleted: true } : change === 1 ? { value: null } : { value: random(100_000) / 100 };
        expect((await value(leader, id, next)).rejected).toEqual([]);
        written.set(id, { ...old, ...next });
      } else {
        const leader = leaders[random(2)]!;
        const period = periods[random(3)]!;
        const indicatorId = indicators[random(3)]!;
        const v = random(5) === 0 ? null : random(1_000_000);
        // One record per commune, indicator and period, as the phones' name-based ids make it.
        const key = `${leader.communeId}|${indicatorId}|${period.start}`;
        const id = ids.get(key) ?? uuidv7();
        ids.set(key, id);
        const fields = written.has(id) ? { value: v, deleted: false } : { indicatorId, periodStart: period.start, periodEnd: period.end, value: v };
        expect((await value(leader, id, fields)).rejected).toEqual([]);
        written.set(id, { communeId: leader.communeId!, indicatorId, period, value: v, deleted: false });
      }
    }
    for (const period of periods) {
      const answer = provinceIndicatorValuesSchema.parse(await world.read(world.adminQN, `/api/reports/indicator-values?start=${period.start}&end=${period.end}`));
      const got = answer.communes.flatMap((c) => c.values.filter((v) => indicators.includes(v.indicatorId)).map((v) => ({ communeId: c.communeId, ...v })));
      const naive = [...written.values()]
        .filter((w) => !w.deleted && w.period === period)
        .map((w) => ({ communeId: w.communeId, indicatorId: w.indicatorId, value: w.value }));
      const order = (a: { communeId: string; indicatorId: string; value: number | null }, b: typeof a) => `${a.communeId}|${a.indicatorId}|${a.value}`.localeCompare(`${b.communeId}|${b.indicatorId}|${b.value}`);
      expect(got.sort(order)).toEqual(naive.sort(order));
    }
  });
}

describe('report targets on SQLite', () => reportTargetsSuite(sqliteFixture));
describePostgres('report targets on PostgreSQL', () => reportTargetsSuite(postgresFixture));
