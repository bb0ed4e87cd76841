// Sync server throughput and latency: the real server (src/server/main.ts) in its own process on
// loopback, driven by CLIENTS concurrent phones. One round = one push of 10 small mutations
// (5 new contacts, 5 edits of earlier ones) + one pull from the phone's cursor. Bounded: at most
// MAX_ROUNDS rounds or MEASURE_MS of measuring, after a short warm-up (the load: sync-load.ts).
// Budgets (SQLite, the embedded default): ≥ 500 rounds/s and p99 round latency < 100 ms.
// With TEST_DATABASE_URL set, the same on PostgreSQL: ≥ 0.67 × SQLite's rounds/s in the same run,
// and two server processes on that one database ≥ 1.5 × one process.
// BENCH_SERVER_PROFILE=<dir> makes the server write a V8 CPU profile there (open it in Chrome
// DevTools) — how the hot spots of the push/pull path were found.
import { readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { pid as processPid } from 'node:process';
import path from 'node:path';
import { createCommune, createUser } from '../../src/server/accounts';
import type { SyncStore } from '../../src/server/storage/types';
import { PostgresStore } from '../../src/server/storage/postgres-store';
import { SqliteStore } from '../../src/server/storage/sqlite-store';
import type { RunningServer } from '../e2e/support/server';
import { createTestDatabase, testDatabaseUrl } from '../helpers/pg';
import { startBenchServer, withDataDir, withServer } from './bench-world';
import { context, ratioAtLeast, ratioAtMost, type Measurement } from './measurement';
import { databaseCpu } from './process-cpu';
import { CLIENTS, MUTATIONS_PER_ROUND, PASSWORD, drive, type RunResult } from './sync-load';

type PostgresRun = RunResult & { statementsPerRound?: number };

/** Budgets against the bare baseline (bare-sync-server.ts), measured in the same run. */
const SQLITE_VS_BARE = 0.5;
const SQLITE_P99_VS_BARE = 2.5;
/** Two server processes on one PostgreSQL against one (issue 18). */
const TWO_PROCESSES_VS_ONE = 1.5;

async function populate(store: SyncStore): Promise<void> {
  await store.migrate();
  for (let i = 0; i < CLIENTS; i++) {
    // One commune per phone: a province has ~100 communes, and writers of one commune queue on its counter.
    await createCommune(store, { id: `bench-xa-${i}`, name: `Xã thử ${i}`, provinceId: 'quang-ngai' });
    await createUser(store, { username: `bench-${i}`, password: PASSWORD, role: 'member', communeId: `bench-xa-${i}` }, { cost: { N: 2 ** 10, r: 8, p: 1 } });
  }
  await store.close();
}

/**
 * What the machine's cores allow whatever the latency: the rounds/s at which the server, the
 * database and the load generator, at their measured CPU per round, would use every core.
 * Undefined when a figure is missing (not Linux, PostgreSQL on another machine).
 */
function ceiling(result: RunResult, sqlite = false): number | undefined {
  const { serverCpuMsPerRound: server, generatorCpuMsPerRound: generator, databaseCpuMsPerRound: database } = result;
  if (server === undefined || generator === undefined || (!sqlite && database === undefined)) return undefined;
  return (cpus().length * 1000) / (server + generator + (database ?? 0));
}

function report(label: string, result: PostgresRun, sqlite = false): void {
  const figure = (name: string, value: number | undefined) => (value === undefined ? '' : `, ${name} ${value.toFixed(2)} ms/round`);
  const cores = ceiling(result, sqlite);
  const bound = cores === undefined ? '' : `; CPU ceiling ${cores.toFixed(0)} rounds/s (${cpus().length} cores / the three)`;
  const statements = result.statementsPerRound === undefined ? '' : `, ${result.statementsPerRound.toFixed(2)} statements/round`;
  const cpu = `${figure('server CPU', result.serverCpuMsPerRound)}${figure('database CPU', result.databaseCpuMsPerRound)}${figure('generator', result.generatorCpuMsPerRound)}${statements}`;
  process.stdout.write(`  ${label}: ${result.roundsPerSecond.toFixed(0)} rounds/s (${result.rounds} rounds), p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms${cpu}${bound}\n`);
}

/** Context rows: the absolute figures a ratio divides, the CPU each process spends per round, and the ceiling they make. */
function contextRows(label: string, result: PostgresRun, sqlite = false): Measurement[] {
  const rows = [context(`sync ${label}: push+pull rounds/s (${CLIENTS} phones, ${MUTATIONS_PER_ROUND} mutations each)`, result.roundsPerSecond, 'rounds/s'), context(`sync ${label}: p99 round latency`, result.p99, 'ms')];
  if (result.serverCpuMsPerRound !== undefined) rows.push(context(`sync ${label}: server CPU per round, all threads`, result.serverCpuMsPerRound, 'ms'));
  if (result.databaseCpuMsPerRound !== undefined) rows.push(context(`sync ${label}: PostgreSQL CPU per round, the database's backends`, result.databaseCpuMsPerRound, 'ms'));
  if (result.generatorCpuMsPerRound !== undefined) rows.push(context(`sync ${label}: load generator CPU per round, same machine`, result.generatorCpuMsPerRound, 'ms'));
  if (result.statementsPerRound !== undefined) rows.push(context(`sync ${label}: statements sent to PostgreSQL per round (push + pull)`, result.statementsPerRound, ''));
  const cores = ceiling(result, sqlite);
  if (cores !== undefined) rows.push(context(`sync ${label}: CPU ceiling, ${cpus().length} cores / (server + database + generator CPU per round)`, cores, 'rounds/s'));
  return rows;
}

/** A fresh SQLite file of the bench's accounts. */
function withSqliteFile<T>(work: (dataDir: string) => Promise<T>): Promise<T> {
  return withDataDir(async (dataDir) => {
    await populate(new SqliteStore({ file: path.join(dataDir, 'so-tay-so.sqlite') }));
    return work(dataDir);
  });
}

const measure = (server: RunningServer, bare = false) => drive([server], { bare });

function benchBare(): Promise<RunResult> {
  // The baseline server takes the SQLite file and the port as its arguments.
  const script = (dataDir: string) => (port: number) => ['test/bench/bare-sync-server.ts', path.join(dataDir, 'so-tay-so.sqlite'), String(port)];
  return withSqliteFile((dataDir) => withServer(startBenchServer({}, { script: script(dataDir) }), (server) => measure(server, true)));
}

function benchSqlite(): Promise<RunResult> {
  const profile = process.env.BENCH_SERVER_PROFILE;
  const nodeFlags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  return withSqliteFile((dataDir) => withServer(startBenchServer({ DATA_DIR: dataDir }, { nodeFlags }), (server) => measure(server)));
}

/** `processes` server processes on one fresh PostgreSQL database, the phones split between them. */
async function benchPostgres(processes = 1): Promise<PostgresRun> {
  const database = await createTestDatabase();
  const servers: RunningServer[] = [];
  try {
    await populate(new PostgresStore({ url: database.url }));
    // One after the other: the first applies the migrations, the second finds them applied.
    for (let i = 0; i < processes; i++) servers.push(await startBenchServer({ DATABASE_URL: database.url, STATEMENT_COUNT_FILE: countFile(i) }, { nodeFlags: ['--import', './test/bench/statement-count.ts'] }));
    const result = await drive(servers, { database: databaseCpu(testDatabaseUrl()!, database.name) });
    await Promise.all(servers.map((server) => server.stop()));
    return { ...result, statementsPerRound: statementsPerRound(servers.length) };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await database.drop();
  }
}

const countFile = (process: number) => path.join(tmpdir(), `so-tay-so-bench-statements-${processPid}-${process}.json`);

/** Statements sent to PostgreSQL per round (a push and a pull: two requests), over the whole run, warm-up included. */
function statementsPerRound(processes: number): number {
  let statements = 0;
  let requests = 0;
  for (let i = 0; i < processes; i++) {
    const counts = JSON.parse(readFileSync(countFile(i), 'utf8')) as { statements: number; requests: number };
    rmSync(countFile(i), { force: true });
    statements += counts.statements;
    requests += counts.requests;
  }
  return (2 * statements) / requests;
}

export async function runServerBench(): Promise<Measurement[]> {
  // The baseline first, then the real server, each on a fresh database of the same accounts.
  const bare = await benchBare();
  report('bare HTTP + SQLite baseline', bare, true);
  const sqlite = await benchSqlite();
  report('SQLite', sqlite, true);
  const results: Measurement[] = [
    ratioAtLeast(`sync SQLite: push+pull rounds/s / bare HTTP+SQLite baseline (${CLIENTS} phones, ${MUTATIONS_PER_ROUND} mutations each)`, sqlite.roundsPerSecond, bare.roundsPerSecond, 'rounds/s', SQLITE_VS_BARE),
    ratioAtMost('sync SQLite: p99 round latency / bare baseline\'s', sqlite.p99, bare.p99, 'ms', SQLITE_P99_VS_BARE),
    ...contextRows('bare baseline', bare, true),
    ...contextRows('SQLite', sqlite, true),
  ];
  if (testDatabaseUrl()) {
    const postgres = await benchPostgres();
    report('PostgreSQL', postgres);
    // PostgreSQL, the production database, within 1.5 × of SQLite (docs/performance.md "PostgreSQL").
    results.push(ratioAtLeast('sync PostgreSQL: rounds/s / SQLite\'s in the same run', postgres.roundsPerSecond, sqlite.roundsPerSecond, 'rounds/s', 0.67));
    results.push(...contextRows('PostgreSQL', postgres));
    // A province grows by adding server processes on the one database (docs/performance.md
    // "Several server processes on one PostgreSQL"): two must serve at least 1.5 × what one does,
    // same phones, same run.
    const two = await benchPostgres(2);
    report('PostgreSQL, two server processes', two);
    results.push(ratioAtLeast('sync PostgreSQL: two server processes\' rounds/s / one process\'s, same run', two.roundsPerSecond, postgres.roundsPerSecond, 'rounds/s', TWO_PROCESSES_VS_ONE));
    results.push(...contextRows('PostgreSQL, two processes', two));
  }
  // Context, not a budget: throughput on a shared machine says little without it.
  const [load] = loadavg();
  results.push(context(`machine load average (1 min) after the sync bench, ${cpus().length} cores`, load ?? 0, ''));
  return results;
}
