// The province's compiled view (issue 15 item 5; docs/reports.md "The province's compiled view")
// on a real SQLite file, and on PostgreSQL when TEST_DATABASE_URL is set: 100 communes of one
// province, each with three versions of its period report for the measured period and one for
// another period, among 100,000 assistance logs (1,000 per commune, which the view must not read):
// - compiledReport, the server's own path (the communes with their latest sync, each commune's
//   latest submission and the sums, in SQL) ≤ 3 × the baseline: one raw SELECT of every submission
//   row of the province's communes and a JSON.parse of each, nothing ranked or summed — the least a
//   program must read to compile them. Both are timed in batches (the raw read repeated until a
//   batch lasts BATCH_MS, the view as many times), RUNS batches of each taking turns; the budget
//   is the median of the per-pair ratios, on both databases.
import Database from 'better-sqlite3';
import { compiledReport } from '../../src/server/reports/compiled-report';
import type { SyncStore } from '../../src/server/storage/types';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import { testDatabaseUrl } from '../helpers/pg';
import { postgresBenchStore, sqliteBenchStore } from './bench-stores';
import { context, median, windowRatio, type Measurement } from './measurement';

const COMMUNES = 100;
const LOGS_PER_COMMUNE = 1_000;
/** Batches of each side, taking turns. */
const RUNS = 9;
/** The least a batch of the raw read lasts: a ratio of two single reads of ~5–10 ms was the scheduler's, not the code's. */
const BATCH_MS = 150;
const BUDGET = 3;
const PROVINCE = 'bench-province';
const PERIOD = { start: '2026-06-15', end: '2026-07-14' };
const OTHER = { start: '2026-05-15', end: '2026-06-14' };
const communeId = (i: number) => `bench-xa-${String(i).padStart(3, '0')}`;
const id = (kind: number, i: number) => `0197c1a2-0000-7000-${8000 + kind}-${i.toString(16).padStart(12, '0')}`;

const counts = (keys: readonly string[], n: number) => Object.fromEntries(keys.map((k, i) => [k, (n + i) % 17]));
function results(n: number): Record<string, unknown> {
  return {
    logs: 300 + n,
    onTeamDevice: n % 40,
    outcomes: counts(['done', 'partial', 'referred', 'failed'], n),
    byGroup: counts(['vneid', 'public-service', 'payments', 'skills', 'other'], n),
    onlineSubmission: counts(['full', 'partial'], n),
    helped: counts(['citizen', 'household_business', 'official', 'unrecorded'], n),
    sessions: n % 9,
    participants: 20 * (n % 9),
    trained: counts(['leaders', 'full_time_officials', 'staff', 'citizens', 'unrecorded'], n),
    reached: counts(['paymentAccount', 'smartphone'], n),
    barriers: counts(['no_smartphone', 'no_chip_id', 'vneid_not_level2', 'no_bank_account', 'portal_down', 'weak_network', 'language', 'disability', 'other'], n),
    readinessPercent: n % 101,
    blockedItems: n % 5,
    overdueItems: n % 4,
    followUpsOpen: n % 30,
  };
}

function communeRecords(c: number): { table: 'reportSubmissions' | 'assistanceLogs'; record: SyncedRecord }[] {
  const at = '2026-07-16T02:00:00.000Z';
  const meta = { communeId: communeId(c), createdBy: id(1, c), createdAt: at, updatedAt: at, deleted: false, clocks: {} };
  const submission = (k: number, version: number, period: typeof PERIOD) => ({
    ...meta,
    id: id(2, c * 10 + k),
    reportId: id(3, c),
    version,
    supersedes: null,
    kind: 'period',
    periodStart: period.start,
    periodEnd: period.end,
    documentNumber: `${c + 1}/BC-UBND`,
    documentDate: '2026-07-16',
    submittedBy: id(1, c),
    submittedAt: new Date(Date.parse(at) + version * 60_000).toISOString(),
    summary: null,
    results: results(c + version),
    resultsNote: null,
    difficulties: 'Cổng dịch vụ công chậm vào giờ cao điểm; thôn xa chưa có sóng 4G.',
    proposals: 'Cấp thêm máy tính cho Bộ phận Một cửa.',
    nextPlan: null,
    signerName: null,
  });
  const start = Date.parse('2026-06-15T00:00:00.000Z');
  const logs = Array.from({ length: LOGS_PER_COMMUNE }, (_, i) => ({
    ...meta,
    id: id(4, c * LOGS_PER_COMMUNE + i),
    occurredAt: new Date(start + i * 2_400_000).toISOString(),
    serviceId: 'vneid-install-register',
    outcome: 'done',
    barriers: [],
    citizen: null,
    note: null,
  }));
  return [
    ...[submission(0, 1, PERIOD), submission(1, 2, PERIOD), submission(2, 3, PERIOD), submission(3, 1, OTHER)].map((record) => ({ table: 'reportSubmissions' as const, record })),
    ...logs.map((record) => ({ table: 'assistanceLogs' as const, record })),
  ];
}

async function populate(store: SyncStore): Promise<void> {
  for (let c = 0; c < COMMUNES; c++) {
    await store.accounts.createCommune({ id: communeId(c), name: `Xã Thử ${c}`, provinceId: PROVINCE, createdAt: Date.now() });
    await store.records.seedRecords(communeId(c), communeRecords(c));
  }
}

interface Target {
  name: string;
  store: SyncStore;
  /** The baseline: every submission row of the province read and parsed; resolves with how many. */
  raw: () => Promise<number>;
  close: () => Promise<void>;
}

const RAW_SQL = "SELECT r.scope, r.fields FROM records r JOIN communes c ON c.id = r.scope WHERE r.table_name = 'reportSubmissions' AND c.province_id = ";

async function sqliteTarget(): Promise<Target> {
  const bench = await sqliteBenchStore('compiled');
  await populate(bench.store);
  const db = new Database(bench.file, { readonly: true });
  const select = db.prepare(`${RAW_SQL}?`);
  return {
    name: 'SQLite',
    store: bench.store,
    raw: () => Promise.resolve((select.all(PROVINCE) as { fields: string }[]).map((row) => JSON.parse(row.fields) as unknown).length),
    close: async () => {
      db.close();
      await bench.close();
    },
  };
}

async function postgresTarget(): Promise<Target> {
  const bench = await postgresBenchStore(populate);
  return {
    name: 'PostgreSQL',
    store: bench.store,
    raw: async () => (await bench.client.query<{ fields: string }>(`${RAW_SQL}$1`, [PROVINCE])).rows.map((row) => JSON.parse(row.fields) as unknown).length,
    close: () => bench.close(),
  };
}

/** Times `times` runs of `work` one after the other, in ms. */
async function timeBatch(work: () => Promise<unknown>, times: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < times; i++) await work();
  return performance.now() - started;
}

async function compiledBench(target: Target): Promise<Measurement[]> {
  let reported = 0;
  const app = async () => (reported = (await compiledReport(target.store, PROVINCE, PERIOD, Date.now())).reported);
  // Warm both (the JIT, the statement caches, the pages), then size the batches: a batch repeats
  // the raw read until it takes BATCH_MS, and the compiled view as many times, so neither side
  // is a single read of a few milliseconds that one scheduler tick can double.
  await app();
  await target.raw();
  // The quickest of a few single reads: a slow one would make the batches too short.
  const singles: number[] = [];
  for (let i = 0; i < 5; i++) singles.push(await timeBatch(target.raw, 1));
  const times = Math.max(1, Math.ceil(BATCH_MS / Math.min(...singles)));
  const appBatches: number[] = [];
  const rawBatches: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    appBatches.push(await timeBatch(app, times));
    rawBatches.push(await timeBatch(target.raw, times));
  }
  if (reported !== COMMUNES) throw new Error(`the compiled view summed ${reported} reports, not ${COMMUNES}`);
  const label = `province compiled view, ${COMMUNES} communes' reports among ${(COMMUNES * LOGS_PER_COMMUNE).toLocaleString('en')} logs (${target.name})`;
  return [
    windowRatio(`${label} / raw read of the submissions, batches of ${times}`, appBatches, rawBatches, 'ms', BUDGET, 'atMost'),
    context(`${label}: compiledReport, one run (median batch / ${times})`, median(appBatches) / times, 'ms'),
    context(`${label}: the raw read, one run (median batch / ${times})`, median(rawBatches) / times, 'ms'),
  ];
}

export async function runCompiledReportBench(): Promise<Measurement[]> {
  const results: Measurement[] = [];
  for (const open of [sqliteTarget, ...(testDatabaseUrl() ? [postgresTarget] : [])]) {
    const target = await open();
    try {
      results.push(...(await compiledBench(target)));
    } finally {
      await target.close();
    }
  }
  return results;
}
