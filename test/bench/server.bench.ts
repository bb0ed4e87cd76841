// Sync server throughput and latency: the real server (src/server/main.ts) in its own process on
// loopback, driven by CLIENTS concurrent phones. One round = one push of 10 small mutations
// (5 new contacts, 5 edits of earlier ones) + one pull from the phone's cursor (sync-load.ts).
// Every configuration runs at once, each on its own fresh database of the same accounts: the bare
// HTTP + SQLite baseline, the server on SQLite, and with TEST_DATABASE_URL the server on
// PostgreSQL as one process and as two. Each is warmed, then they are measured in short windows
// taking turns (WINDOWS cycles, the order reversed every other cycle: A B C D D C B A …), and each
// budget is the median of the ratios of neighbouring windows (docs/benchmarks.md "Interleaved
// windows"): the machine's minute moves both sides of a pair, not the ratio.
// Budgets: SQLite ≥ 0.5 × the bare baseline's rounds/s and p99 ≤ 2.5 × its; PostgreSQL ≥ 0.67 ×
// SQLite's rounds/s; two server processes on one PostgreSQL ≥ 1.5 × one, printed beside the most
// this machine's cores allow (docs/performance.md "Several server processes on one PostgreSQL").
// BENCH_SERVER_PROFILE=<dir> makes every real server process (not the bare baseline) write a V8
// CPU profile there (open it in Chrome DevTools) — how the hot spots of the push/pull path were found.
import { readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { pid as processPid } from 'node:process';
import path from 'node:path';
import pg from 'pg';
import { createCommune, createUser } from '../../src/server/accounts';
import type { SyncStore } from '../../src/server/storage/types';
import { PostgresStore } from '../../src/server/storage/postgres-store';
import { SqliteStore } from '../../src/server/storage/sqlite-store';
import type { RunningServer } from '../e2e/support/server';
import { createTestDatabase, testDatabaseUrl } from '../helpers/pg';
import { makeDataDir, startBenchServer } from './bench-world';
import { context, median, percentile, windowRatio, type Measurement } from './measurement';
import { databaseCpu } from './process-cpu';
import { CLIENTS, MUTATIONS_PER_ROUND, PASSWORD, openLoad, type Load, type WindowResult } from './sync-load';

/** Budgets against the bare baseline (bare-sync-server.ts), measured in the same run. */
const SQLITE_VS_BARE = 0.5;
const SQLITE_P99_VS_BARE = 2.5;
const POSTGRES_VS_SQLITE = 0.67;
/** Two server processes on one PostgreSQL against one (issue 18). */
const TWO_PROCESSES_VS_ONE = 1.5;
/** Windows per configuration; each cycle runs one window of each. */
const WINDOWS = 7;

async function populate(store: SyncStore): Promise<void> {
  await store.migrate();
  for (let i = 0; i < CLIENTS; i++) {
    // One commune per phone: a province has ~100 communes, and writers of one commune queue on its counter.
    await createCommune(store, { id: `bench-xa-${i}`, name: `Xã thử ${i}`, provinceId: 'quang-ngai' });
    await createUser(store, { username: `bench-${i}`, password: PASSWORD, role: 'member', communeId: `bench-xa-${i}` }, { cost: { N: 2 ** 10, r: 8, p: 1 } });
  }
  await store.close();
}

/** One configuration: its load, its windows, and (PostgreSQL) where its processes count their statements. */
interface Side {
  label: string;
  load: Load;
  windows: WindowResult[];
  /** SQLite runs inside the server: no database CPU to add. */
  embedded: boolean;
  countFiles: string[];
  /** After the warm-up: PostgreSQL's statistics of the tables the warm-up filled. */
  analyze?: () => Promise<void>;
}

const countFile = (config: string, process: number) => path.join(tmpdir(), `so-tay-so-bench-statements-${processPid}-${config}-${process}.json`);

interface StatementCounts {
  statements: number;
  requests: number;
  byStatement: Record<string, { n: number; sampled: number; backendMs: number; generic?: number; custom?: number }>;
}

/**
 * Statements sent to PostgreSQL per round (a push and a pull: two requests), over the whole run,
 * warm-up included; and per statement, how many per round, the backend CPU each took (µs, the mean of the sampled ones) and,
 * for a prepared one, how it was planned.
 */
function statementsPerRound(files: string[]): { perRound: number; byStatement: string } | undefined {
  if (files.length === 0) return undefined;
  let statements = 0;
  let requests = 0;
  type Counted = StatementCounts['byStatement'][string];
  const by = new Map<string, Counted>();
  for (const file of files) {
    const counts = JSON.parse(readFileSync(file, 'utf8')) as StatementCounts;
    statements += counts.statements;
    requests += counts.requests;
    for (const [name, counted] of Object.entries(counts.byStatement)) {
      const sum = by.get(name) ?? { n: 0, sampled: 0, backendMs: 0 };
      const plans = counted.generic === undefined ? {} : { generic: (sum.generic ?? 0) + counted.generic, custom: (sum.custom ?? 0) + (counted.custom ?? 0) };
      by.set(name, { ...sum, n: sum.n + counted.n, sampled: sum.sampled + counted.sampled, backendMs: sum.backendMs + counted.backendMs, ...plans });
    }
  }
  const rounds = requests / 2;
  const mean = ({ sampled, backendMs }: { sampled: number; backendMs: number }) => (sampled > 0 ? (backendMs / sampled) * 1000 : 0);
  // A prepared statement's plans, counted on each connection it ran on 40 times: generic ones
  // are made once, custom ones at each execution (docs/performance.md "PostgreSQL").
  const plans = ({ generic, custom }: Counted) => (generic === undefined ? '' : ` (plans: ${generic} generic, ${custom ?? 0} custom)`);
  const byStatement = [...by].sort((a, b) => b[1].n * mean(b[1]) - a[1].n * mean(a[1])).map(([name, counted]) => `${name} ${(counted.n / rounds).toFixed(2)}/round × ${mean(counted).toFixed(0)} µs${plans(counted)}`).join(', ');
  return { perRound: statements / rounds, byStatement };
}

/** The median over a side's windows of one per-round figure; undefined when a window lacks it. */
function perRound(side: Side, figure: (window: WindowResult) => number | undefined): number | undefined {
  const values = side.windows.map(figure);
  return values.some((value) => value === undefined) ? undefined : median(values as number[]);
}

/**
 * The most rounds/s the side's processes could serve on this machine's cores, were they its own:
 * every core busy with the server, the database and the generator at their CPU per round, and no
 * server process beyond one thread (its main thread's CPU per round).
 */
function ceiling(side: Side): number | undefined {
  const [server, main, generator, database] = [perRound(side, (w) => w.serverCpuMsPerRound), perRound(side, (w) => w.mainThreadMsPerRound), perRound(side, (w) => w.generatorCpuMsPerRound), side.embedded ? 0 : perRound(side, (w) => w.databaseCpuMsPerRound)];
  if (server === undefined || generator === undefined || database === undefined) return undefined;
  const cores = (cpus().length * 1000) / (server + generator + database);
  return main === undefined ? cores : Math.min(cores, 1000 / main);
}

const rates = (side: Side) => side.windows.map((w) => w.roundsPerSecond);

function report(side: Side): Measurement[] {
  const label = `sync ${side.label}`;
  const rows = [context(`${label}: push+pull rounds/s (${CLIENTS} phones, ${MUTATIONS_PER_ROUND} mutations each), median window`, median(rates(side)), 'rounds/s'), context(`${label}: p99 round latency, all windows`, percentile(side.windows.flatMap((w) => w.latencies), 99), 'ms')];
  const figures: [string, (w: WindowResult) => number | undefined][] = [
    ['server CPU per round, all threads (s)', (w) => w.serverCpuMsPerRound],
    ['server main thread CPU per round, busiest process', (w) => w.mainThreadMsPerRound],
    ['PostgreSQL CPU per round, the database\'s backends (d)', (w) => (side.embedded ? undefined : w.databaseCpuMsPerRound)],
    ['load generator CPU per round, same machine (g)', (w) => w.generatorCpuMsPerRound],
  ];
  for (const [name, figure] of figures) {
    const value = perRound(side, figure);
    if (value !== undefined) rows.push(context(`${label}: ${name}, median window`, value, 'ms'));
  }
  const statements = statementsPerRound(side.countFiles);
  if (statements !== undefined) {
    rows.push(context(`${label}: statements sent to PostgreSQL per round (push + pull)`, statements.perRound, ''));
    process.stdout.write(`  ${side.label}: PostgreSQL backend CPU per statement, whole run: ${statements.byStatement}\n`);
  }
  const cores = ceiling(side);
  if (cores !== undefined) rows.push(context(`${label}: CPU ceiling, min(${cpus().length} cores / (s + d + g), 1 / main thread per process)`, cores, 'rounds/s'));
  process.stdout.write(`  ${side.label}: ${rows.map((row) => `${row.name.slice(label.length + 2).replace(' [context]', '')} ${row.value}`).join('; ')}\n`);
  return rows;
}

const profileFlags = () => (process.env.BENCH_SERVER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`] : []);

/** Starts what the bench measures; `cleanup` gathers how to stop it, run in reverse whatever happens. */
async function openSides(cleanup: (() => unknown)[]): Promise<Side[]> {
  const started = async (server: Promise<RunningServer>) => {
    const running = await server;
    cleanup.push(() => running.stop());
    return running;
  };
  const sides: Side[] = [];
  for (const bare of [true, false]) {
    const { dir, remove } = makeDataDir();
    cleanup.push(remove);
    const file = path.join(dir, 'so-tay-so.sqlite');
    await populate(new SqliteStore({ file }));
    const server = bare
      // The baseline server takes the SQLite file and the port as its arguments.
      ? await started(startBenchServer({}, { script: (port) => ['test/bench/bare-sync-server.ts', file, String(port)] }))
      : await started(startBenchServer({ DATA_DIR: dir }, { nodeFlags: profileFlags() }));
    const load = await openLoad([server], { bare });
    cleanup.push(() => load.close());
    sides.push({ label: bare ? 'bare baseline' : 'SQLite', load, windows: [], embedded: true, countFiles: [] });
  }
  if (!testDatabaseUrl()) return sides;
  for (const processes of [1, 2]) {
    const database = await createTestDatabase();
    cleanup.push(() => database.drop());
    await populate(new PostgresStore({ url: database.url }));
    const countFiles = Array.from({ length: processes }, (_, i) => countFile(`${processes}`, i));
    cleanup.push(() => countFiles.forEach((file) => rmSync(file, { force: true })));
    const servers: RunningServer[] = [];
    // One after the other: the first applies the migrations, the second finds them applied.
    for (const file of countFiles) servers.push(await started(startBenchServer({ DATABASE_URL: database.url, STATEMENT_COUNT_FILE: file }, { nodeFlags: ['--import', './test/bench/statement-count.ts', ...profileFlags()] })));
    const load = await openLoad(servers, { database: databaseCpu(testDatabaseUrl()!, database.name) });
    cleanup.push(() => load.close());
    const analyze = async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query('ANALYZE');
      await client.end();
    };
    sides.push({ label: processes === 1 ? 'PostgreSQL' : 'PostgreSQL, two processes', load, windows: [], embedded: false, countFiles, analyze });
  }
  return sides;
}

/**
 * Warms every side, then measures WINDOWS cycles of one window each, every other cycle in reverse
 * order. Between the two, each PostgreSQL database is analyzed, as autovacuum does within a minute
 * of such growth: the warm-up filled tables that were empty, and the prepared statements' generic
 * plans, made on the empty tables (sequential scans), would be kept until autovacuum's ANALYZE —
 * 4 ms instead of 0.1 ms for a push's state read (docs/performance.md "PostgreSQL").
 */
async function measure(sides: Side[]): Promise<void> {
  for (const side of sides) await side.load.warm();
  for (const side of sides) await side.analyze?.();
  // The statements are planned again (ANALYZE invalidates their plans): one more short warm-up.
  for (const side of sides) if (side.analyze) await side.load.warm();
  for (let cycle = 0; cycle < WINDOWS; cycle++) {
    for (const side of cycle % 2 === 0 ? sides : [...sides].reverse()) side.windows.push(await side.load.window());
  }
}

export async function runServerBench(): Promise<Measurement[]> {
  const cleanup: (() => unknown)[] = [];
  try {
    const sides = await openSides(cleanup);
    await measure(sides);
    const [bare, sqlite, postgres, two] = sides as [Side, Side, Side?, Side?];
    const results: Measurement[] = [
      windowRatio(`sync SQLite: push+pull rounds/s / bare HTTP+SQLite baseline (${CLIENTS} phones, ${MUTATIONS_PER_ROUND} mutations each)`, rates(sqlite), rates(bare), 'rounds/s', SQLITE_VS_BARE, 'atLeast'),
      windowRatio('sync SQLite: p99 round latency / bare baseline\'s', sqlite.windows.map((w) => w.p99), bare.windows.map((w) => w.p99), 'ms', SQLITE_P99_VS_BARE, 'atMost'),
      ...report(bare),
      ...report(sqlite),
    ];
    if (postgres && two) {
      // PostgreSQL, the production database, within 1.5 × of SQLite (docs/performance.md "PostgreSQL").
      // Beside it, the most this machine allows: here the database's own CPU shares the 2 cores
      // with the server and the load generator, as it would not in a deployment (docs/performance.md
      // "PostgreSQL": the budget sits at this machine's ceiling).
      const [lite, pgOne] = [ceiling(sqlite), ceiling(postgres)];
      const pgMost = lite !== undefined && pgOne !== undefined ? pgOne / lite : undefined;
      const pgNote = pgMost === undefined ? '' : `; the most ${cpus().length} cores allow: ${pgMost.toFixed(2)} ×`;
      results.push(windowRatio('sync PostgreSQL: rounds/s / SQLite\'s in the same run', rates(postgres), rates(sqlite), 'rounds/s', POSTGRES_VS_SQLITE, 'atLeast', pgNote), ...report(postgres));
      if (pgMost !== undefined) results.push(context(`sync PostgreSQL: the most PostgreSQL can give over SQLite on ${cpus().length} cores, the database beside the app (their CPU ceilings' ratio; the budget needs ${POSTGRES_VS_SQLITE})`, pgMost, '×'));
      // A province grows by adding server processes on the one database: two must serve at least
      // 1.5 × what one does. Beside it, the most this machine's cores allow (docs/performance.md
      // "Several server processes on one PostgreSQL"): two processes' ceiling over one's.
      const [one, both] = [ceiling(postgres), ceiling(two)];
      const most = one !== undefined && both !== undefined ? both / one : undefined;
      const note = most === undefined ? '' : `; the most ${cpus().length} cores allow: ${most.toFixed(2)} ×`;
      results.push(windowRatio('sync PostgreSQL: two server processes\' rounds/s / one process\'s, same run', rates(two), rates(postgres), 'rounds/s', TWO_PROCESSES_VS_ONE, 'atLeast', note), ...report(two));
      if (most !== undefined) results.push(context(`sync PostgreSQL: the most two processes can give over one on ${cpus().length} cores (their CPU ceilings' ratio; the budget needs ${TWO_PROCESSES_VS_ONE})`, most, '×'));
    }
    // Context, not a budget: throughput on a shared machine says little without it.
    const [load] = loadavg();
    results.push(context(`machine load average (1 min) after the sync bench, ${cpus().length} cores`, load ?? 0, ''));
    return results;
  } finally {
    // Every step runs even if one fails: a server left running would skew the next bench.
    for (const step of cleanup.reverse()) await Promise.resolve().then(step).catch((error: unknown) => process.stderr.write(`server bench cleanup: ${String(error)}\n`));
  }
}
