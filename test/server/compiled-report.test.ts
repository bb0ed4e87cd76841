// The province's compiled view of a reporting period (issue 15 item 5; docs/reports.md "The
// province's compiled view") on a real SQLite file and a real PostgreSQL database: each commune's
// latest submission and the summed results, both computed in SQL, equal a naive computation in
// JavaScript over the same random dataset, and so do the difficulties and proposals grouped by
// barrier (old text-only submissions and new items); people and communes come back by name; commune
// accounts get 403. Test ids: CR… (compiled report).
import { describe, expect, it } from 'vitest';
import { createCommune } from '../../src/server/accounts';
import type { ErrorBody } from '../../src/server/errors';
import { compiledReportSchema, RESULT_COUNT_PATHS, resultsOfSums, type CompiledReport } from '../../src/shared/reports/compiled';
import { reportPeriodAt } from '../../src/shared/reports/report-period';
import { itemsPatch } from '../../src/shared/reports/report-items';
import { BARRIERS, HELPED_PARTIES, OUTCOMES } from '../../src/shared/schemas/assistance-log';
import { AUDIENCES } from '../../src/shared/schemas/group-session';
import { periodResultsSchema, type PeriodResults } from '../../src/shared/schemas/period-report';
import { SERVICE_GROUPS } from '../../src/shared/schemas/service';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import { describePostgres } from '../helpers/pg';
import { mulberry32 } from '../helpers/seeded-random';
import { onPushThread, serverWorld, type WorldOptions } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { COMMUNE_A, COMMUNE_B, COMMUNE_K, type Session } from './sync-fixtures';

const JUNE = { start: '2026-06-15', end: '2026-07-14' };
const JULY = { start: '2026-07-15', end: '2026-08-14' };
const EXTRA = ['xa-c-test', 'xa-d-test', 'xa-e-test', 'xa-f-test'].map((id, i) => ({ id, name: `Xã ${'CĐEG'[i]} (thử)`, provinceId: 'quang-ngai' }));
const QN = [COMMUNE_A, COMMUNE_B, ...EXTRA];

/** Whole numbers in [0, n) from the shared seeded generator: the same dataset on both databases and in every run. */
function random(seed: number): (n: number) => number {
  const next = mulberry32(seed);
  return (n) => Math.floor(next() * n);
}

function randomResults(next: (n: number) => number): PeriodResults {
  const counts = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, next(40)]));
  return periodResultsSchema.parse({
    logs: next(500),
    onTeamDevice: next(50),
    outcomes: counts(OUTCOMES),
    byGroup: counts(SERVICE_GROUPS),
    onlineSubmission: counts(['full', 'partial']),
    helped: counts([...HELPED_PARTIES, 'unrecorded']),
    sessions: next(10),
    participants: next(300),
    trained: counts([...AUDIENCES, 'unrecorded']),
    // A report sent before these were counted has none.
    ...(next(3) === 0 ? {} : { reached: counts(['paymentAccount', 'smartphone']) }),
    barriers: counts(BARRIERS),
    readinessPercent: next(4) === 0 ? null : next(101),
    blockedItems: next(9),
    overdueItems: next(9),
    followUpsOpen: next(20),
  });
}

const WORDS = ['Nhiều thôn chưa có sóng.', 'Cổng dịch vụ công chậm.', 'Thiếu máy in.', 'Đề nghị mở tài khoản lưu động.'];

/** Difficulties and proposals: an old free text alone (one untagged item), or items tagged with a barrier or none. */
function randomTexts(communeId: string, next: (n: number) => number): Record<string, unknown> {
  if (next(3) === 0) return { difficulties: `Khó khăn của ${communeId}`, proposals: next(2) === 0 ? null : `Kiến nghị của ${communeId}` };
  const items = () => Array.from({ length: next(4) }, () => ({ text: next(2) === 0 ? WORDS[next(WORDS.length)]! : `Ý riêng ${next(1000)} của ${communeId}`, barrier: next(3) === 0 ? null : BARRIERS[next(4)]! }));
  return { ...itemsPatch('difficulties', items()), ...itemsPatch('proposals', items()) };
}

/** The groups the slow way: every latest submission's items, each barrier's communes counted, then compared as sets. */
function naiveGroups(latest: Map<string, SyncedRecord>, names: Map<string, string>, section: 'difficulties' | 'proposals') {
  const field = section === 'difficulties' ? 'difficultyItems' : 'proposalItems';
  const pairs: { barrier: string | null; text: string; commune: string }[] = [];
  for (const [communeId, record] of latest) {
    const items = (record[field] as { text: string; barrier: string | null }[] | undefined) ?? (typeof record[section] === 'string' && record[section] !== '' ? [{ text: record[section], barrier: null }] : []);
    for (const item of items) pairs.push({ barrier: item.barrier, text: item.text.toLowerCase(), commune: names.get(communeId)! });
  }
  const barriers = [...new Set(pairs.map((p) => p.barrier))];
  const communes = (b: string | null) => new Set(pairs.filter((p) => p.barrier === b).map((p) => p.commune)).size;
  const order = (b: string | null) => (b === null ? 99 : BARRIERS.indexOf(b as (typeof BARRIERS)[number]));
  barriers.sort((a, b) => (a === null ? 1 : 0) - (b === null ? 1 : 0) || communes(b) - communes(a) || order(a) - order(b));
  return barriers.map((b) => ({ barrier: b, communes: communes(b), pairs: [...new Set(pairs.filter((p) => p.barrier === b).map((p) => `${p.text} — ${p.commune}`))].sort() }));
}

const pairsOf = (groups: CompiledReport['difficultyGroups']) => groups.map((g) => ({ barrier: g.barrier, communes: g.communes, pairs: g.items.flatMap((i) => i.communes.map((c) => `${i.text.toLowerCase()} — ${c.name}`)).sort() }));

function submission(communeId: string, submittedBy: string, next: (n: number) => number, over: Partial<Record<string, unknown>> = {}): SyncedRecord {
  const period = next(4) === 0 ? JULY : JUNE;
  const at = new Date(Date.parse('2026-07-15T02:00:00.000Z') + next(20) * 3_600_000).toISOString();
  return {
    id: uuidv7(),
    communeId,
    createdBy: submittedBy,
    createdAt: at,
    updatedAt: at,
    deleted: false,
    reportId: uuidv7(),
    version: 1 + next(3),
    supersedes: null,
    kind: next(6) === 0 ? 'adhoc' : 'period',
    periodStart: period.start,
    periodEnd: period.end,
    documentNumber: `${1 + next(90)}/BC-UBND`,
    documentDate: `2026-07-${String(15 + next(8)).padStart(2, '0')}`,
    submittedBy,
    submittedAt: at,
    summary: null,
    results: randomResults(next),
    resultsNote: null,
    ...randomTexts(communeId, next),
    nextPlan: null,
    signerName: null,
    clocks: {},
    ...over,
  };
}

/** The same view computed the slow way: every stored submission read back and compared in JavaScript. */
function naive(all: { scope: string; record: SyncedRecord }[], period: { start: string; end: string }) {
  const latest = new Map<string, SyncedRecord>();
  for (const { scope, record } of all) {
    if (record.kind !== 'period' || record.periodStart !== period.start || record.periodEnd !== period.end || record.deleted === true) continue;
    const held = latest.get(scope);
    const key = (r: SyncedRecord) => [r.version as number, r.submittedAt as string, r.id] as const;
    const [v, s, i] = key(record);
    const [hv, hs, hi] = held ? key(held) : [-1, '', ''];
    if (!held || v > hv || (v === hv && (s > hs || (s === hs && i > hi)))) latest.set(scope, record);
  }
  const sums: Record<string, number | null> = {};
  for (const path of RESULT_COUNT_PATHS) {
    const values = [...latest.values()].map((r) => path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], r.results)).filter((v): v is number => typeof v === 'number');
    sums[path.join('.')] = values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
  }
  const ready = [...latest.values()].map((r) => (r.results as PeriodResults).readinessPercent).filter((v): v is number => v !== null);
  const readiness = ready.length === 0 ? null : Math.floor(ready.reduce((a, b) => a + b, 0) / ready.length);
  return { latest, totals: resultsOfSums(sums, readiness) };
}

function compiledSuite<F extends StoreFixture>(factory: () => Promise<F>, options: WorldOptions<F> = {}): void {
  const world = serverWorld(factory, ['leaderA', 'reviewerA', 'memberA', 'leaderB', 'adminQN', 'adminKT'], options);
  const get = (url: string, session?: Session) => world.app.inject({ method: 'GET', url, headers: session ? { authorization: `Bearer ${session.accessToken}` } : {} });
  const compiled = async (period: { start: string; end: string }, session: Session = world.adminQN): Promise<CompiledReport> => {
    const res = await get(`/api/reports/compiled?start=${period.start}&end=${period.end}`, session);
    expect(res.statusCode, res.body).toBe(200);
    return compiledReportSchema.parse(res.json());
  };
  let seeded = false;
  const seed = async () => {
    if (seeded) return;
    seeded = true;
    for (const commune of EXTRA) await createCommune(world.store, commune);
    const next = random(15);
    const senders: Record<string, string> = { [COMMUNE_A.id]: world.leaderA.userId, [COMMUNE_B.id]: world.leaderB.userId, [COMMUNE_K.id]: uuidv7() };
    // Commune F never reports; the others send 0–6 submissions each, Kon Tum's are another province's.
    for (const commune of [...QN.slice(0, 5), COMMUNE_K]) {
      const records = Array.from({ length: commune.id === COMMUNE_A.id ? 6 : next(7) }, () => submission(commune.id, senders[commune.id] ?? uuidv7(), next));
      if (commune.id === COMMUNE_A.id) records.push(submission(commune.id, world.leaderA.userId, next, { version: 9, periodStart: JUNE.start, periodEnd: JUNE.end, kind: 'period', deleted: true }));
      await world.store.records.seedRecords(commune.id, records.map((record) => ({ table: 'reportSubmissions', record })));
    }
  };

  it('[CR1] each commune\'s latest submission and the summed results equal a naive computation, for two periods', async () => {
    await seed();
    const stored = (await Promise.all(QN.map((c) => world.store.records.listRecords({ scope: c.id, tables: ['reportSubmissions'] })))).flat();
    for (const period of [JUNE, JULY]) {
      const view = await compiled(period);
      const expected = naive(stored, period);
      expect(view.communes.map((c) => c.communeId).sort()).toEqual(QN.map((c) => c.id).sort());
      for (const row of view.communes) {
        const want = expected.latest.get(row.communeId);
        expect(row.submission?.id ?? null, `${period.start} ${row.communeId}`).toBe(want?.id ?? null);
        if (want) expect(row.submission).toMatchObject({ version: want.version, documentNumber: want.documentNumber, documentDate: want.documentDate, results: want.results });
        expect(row.status).toBe(want ? (String(want.documentDate) > '2026-07-18' && period === JUNE ? 'late' : 'onTime') : 'missing');
      }
      // Grouped by barrier from the latest submissions only, old free texts under "Khác".
      const names = new Map(view.communes.map((c) => [c.communeId, c.communeName]));
      expect(pairsOf(view.difficultyGroups)).toEqual(naiveGroups(expected.latest, names, 'difficulties'));
      expect(pairsOf(view.proposalGroups)).toEqual(naiveGroups(expected.latest, names, 'proposals'));
      expect(view.difficultyGroups.length + view.proposalGroups.length).toBeGreaterThan(2);
      expect(view.reported).toBe(expected.latest.size);
      expect(view.totals).toEqual(expected.totals);
      expect(expected.latest.size).toBeGreaterThan(1);
    }
  });

  it('[CR2] names the communes and the senders, never by id, in Vietnamese order', async () => {
    await seed();
    const view = await compiled(JUNE);
    expect(view.communes.map((c) => c.communeName)).toEqual(['Xã A (thử)', 'Xã B (thử)', 'Xã C (thử)', 'Xã Đ (thử)', 'Xã E (thử)', 'Xã G (thử)']);
    const a = view.communes.find((c) => c.communeId === COMMUNE_A.id)!;
    const leader = await world.store.accounts.getUser(world.leaderA.userId);
    expect(a.submission?.submittedByName).toBe(leader!.displayName);
    // The commune's latest sync is its accounts' latest; a commune whose accounts never synced has none.
    await world.store.accounts.noteSync(world.memberA.userId, Date.parse('2026-07-20T03:00:00.000Z'), Date.parse('2026-07-20T03:00:00.000Z'));
    await world.store.accounts.noteSync(world.leaderA.userId, Date.parse('2026-07-19T03:00:00.000Z'), Date.parse('2026-07-19T03:00:00.000Z'));
    expect((await compiled(JUNE)).communes.find((c) => c.communeId === COMMUNE_A.id)?.lastSyncAt).toBe('2026-07-20T03:00:00.000Z');
    expect(view.communes.find((c) => c.communeId === 'xa-f-test')?.lastSyncAt).toBeNull();
    // A sender the server does not know has no name (the screen says "a team member").
    for (const row of view.communes.filter((c) => c.communeId !== COMMUNE_A.id && c.communeId !== COMMUNE_B.id)) expect(row.submission?.submittedByName ?? null).toBeNull();
    expect(JSON.stringify(view)).not.toContain(world.leaderA.userId);
  });

  it('[CR3] the province of the admin only; the current period is not due yet for a commune that has not sent', async () => {
    await seed();
    const kt = await compiled(JUNE, world.adminKT);
    expect(kt.communes.map((c) => c.communeId)).toEqual([COMMUNE_K.id]);
    const current = await compiled(reportPeriodAt(Date.now()));
    expect(current.communes.every((c) => c.status === 'notDue' && c.submission === null)).toBe(true);
    expect(current).toMatchObject({ reported: 0, totals: { logs: 0, readinessPercent: null } });
    expect(current.totals.reached).toBeUndefined();
  });

  it.each(['leaderA', 'reviewerA', 'memberA', 'leaderB'] as const)('[CR4] a commune account (%s) gets 403', async (name) => {
    const res = await get(`/api/reports/compiled?start=${JUNE.start}&end=${JUNE.end}`, world[name]);
    expect(res.statusCode).toBe(403);
    expect(res.json<ErrorBody>().error.code).toBe('forbidden');
  });

  it.each(['start=2026-06-15', 'start=2026-06-01&end=2026-06-30', 'start=2026-06-15&end=2026-07-15', 'start=2026-02-30&end=2026-03-14', 'start=2026-06-15&end=2026-07-14&x=1'])('[CR5] refuses what is not one reporting period: %s → 400', async (query) => {
    const res = await get(`/api/reports/compiled?${query}`, world.adminQN);
    expect(res.statusCode).toBe(400);
  });

  it('[CR6] 401 without a token', async () => {
    expect((await get(`/api/reports/compiled?start=${JUNE.start}&end=${JUNE.end}`)).statusCode).toBe(401);
  });
}

describe('the compiled view on SQLite', () => compiledSuite(sqliteFixture));
// As the server opens it: the views' statements on the reader thread's read-only connection.
describe('the compiled view on SQLite, read on the reader thread', () => compiledSuite(sqliteFixture, { serverStore: onPushThread() }));
describePostgres('the compiled view on PostgreSQL', () => compiledSuite(postgresFixture));
