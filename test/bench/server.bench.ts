// Sync server throughput and latency: the real server (src/server/main.ts) in its own process on
// loopback, driven by CLIENTS concurrent phones. One round = one push of 10 small mutations
// (5 new contacts, 5 edits of earlier ones) + one pull from the phone's cursor. Bounded: at most
// MAX_ROUNDS rounds or MEASURE_MS of measuring, after a short warm-up.
// Budgets (SQLite, the embedded default): ≥ 500 rounds/s and p99 round latency < 100 ms.
// With TEST_DATABASE_URL set, the same on PostgreSQL: ≥ 0.67 × SQLite's rounds/s in the same run.
// BENCH_SERVER_PROFILE=<dir> makes the server write a V8 CPU profile there (open it in Chrome
// DevTools) — how the hot spots of the push/pull path were found.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Pool } from 'undici';
import { createCommune, createUser } from '../../src/server/accounts';
import type { SyncStore } from '../../src/server/storage/types';
import { PostgresStore } from '../../src/server/storage/postgres-store';
import { SqliteStore } from '../../src/server/storage/sqlite-store';
import { formatHlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { CURRENT_SCHEMA_VERSION, type PullResponse, type PushResponse } from '../../src/shared/sync/protocol';
import { freePort, ROOT } from '../e2e/support/server';
import { createTestDatabase, testDatabaseUrl } from '../helpers/pg';
import { context, median, percentile, ratioAtLeast, ratioAtMost, type Measurement } from './measurement';

const CLIENTS = 16;
const MUTATIONS_PER_ROUND = 10;
const WARMUP_MS = 1_000;
const MEASURE_MS = 6_000;
const MAX_ROUNDS = 8_000;
const PASSWORD = 'bench password 2026';
/** Budgets against the bare baseline (bare-sync-server.ts), measured in the same run. */
const SQLITE_VS_BARE = 0.5;
const SQLITE_P99_VS_BARE = 2.5;

interface Phone {
  token: string;
  userId: string;
  communeId: string;
  cursor: string | undefined;
  created: string[];
  node: string;
  counter: number;
}

interface RunResult {
  roundsPerSecond: number;
  p50: number;
  p99: number;
  rounds: number;
  mutationsPerSecond: number;
  /** Server CPU (user + system, all its threads) per round: what the two cores give the server, divided by this, is its ceiling. */
  serverCpuMsPerRound: number | undefined;
  /** The load generator's own CPU per round: on a 2-core machine it is taken from the server. */
  generatorCpuMsPerRound: number | undefined;
}

/** CPU time a process has used, in ms (Linux /proc; undefined elsewhere). */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the command; in clock ticks (100/s).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

async function populate(store: SyncStore): Promise<void> {
  await store.migrate();
  for (let i = 0; i < CLIENTS; i++) {
    // One commune per phone: a province has ~100 communes, and writers of one commune queue on its counter.
    await createCommune(store, { id: `bench-xa-${i}`, name: `Xã thử ${i}`, provinceId: 'quang-ngai' });
    await createUser(store, { username: `bench-${i}`, password: PASSWORD, role: 'member', communeId: `bench-xa-${i}` }, { cost: { N: 2 ** 10, r: 8, p: 1 } });
  }
  await store.close();
}

/** The real server (src/server/main.ts), or with `script` another one (the bare baseline) given the file and port. */
async function startServer(env: Record<string, string>, script?: (port: number) => string[]): Promise<{ url: string; pid: number | undefined; stop: () => Promise<void> }> {
  const port = await freePort();
  let output = '';
  const args = script ? script(port) : [...(process.env.BENCH_SERVER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`] : []), 'src/server/main.ts'];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      // The production default: a log line per request is part of what a round costs.
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      DIST_DIR: path.join(ROOT, 'dist'),
      SYNC_RATE_LIMIT: '0',
      AUTH_SECRET: 'bench-secret-0123456789abcdef0123456789',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * One request over the load generator's keep-alive connections, its JSON answer parsed. undici's
 * Pool, not fetch or node:http: on a 2-core machine the generator's CPU is taken from the server it
 * measures, and fetch costs about 1.5 ms of CPU per round trip where Pool.request costs ~0.1 ms.
 */
async function requestJson<T>(pool: Pool, route: string, options: { method?: 'GET' | 'POST'; token?: string; body?: unknown } = {}): Promise<T> {
  const body = options.body === undefined || typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  // What Chrome on Android sends: the server answers br when it compresses.
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br, zstd' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await pool.request({
    path: route,
    method: options.method ?? 'GET',
    headers,
    body: body ?? null,
  });
  const raw = Buffer.from(await response.body.arrayBuffer());
  const encoding = response.headers['content-encoding'];
  const text = (encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
  if (response.statusCode >= 400) throw new Error(`${route} → ${response.statusCode} ${text}`);
  return JSON.parse(text) as T;
}

async function signIn(pool: Pool, index: number): Promise<Phone> {
  const body = await requestJson<{ accessToken: string; user: { id: string; communeId: string } }>(pool, '/api/auth/login', {
    method: 'POST',
    body: { username: `bench-${index}`, password: PASSWORD },
  });
  return { token: body.accessToken, userId: body.user.id, communeId: body.user.communeId, cursor: undefined, created: [], node: index.toString(16).padStart(16, '0'), counter: 0 };
}

/**
 * The phone's next push bodies, written before the measurement like autocannon's prepared
 * requests: building and serializing them is the load generator's work, not the server's, and on
 * a 2-core machine every millisecond the generator spends is one the server does not get.
 * Half the mutations create a contact, half edit one of the phone's earlier contacts.
 */
function preparePushes(phone: Phone, count: number): string[] {
  return Array.from({ length: count }, () => {
    const now = new Date().toISOString();
    const mutations = Array.from({ length: MUTATIONS_PER_ROUND }, (_, k) => {
      phone.counter = (phone.counter + 1) % 0xffff;
      const hlc = formatHlc({ millis: Date.now(), counter: phone.counter, node: phone.node });
      const edit = k % 2 === 1 && phone.created.length > 0;
      const recordId = edit ? phone.created[Math.floor(Math.random() * phone.created.length)]! : uuidv7();
      if (!edit) phone.created.push(recordId);
      const fields = edit
        ? { note: `Sửa lúc ${now}`, updatedAt: now }
        : { communeId: phone.communeId, createdBy: phone.userId, createdAt: now, updatedAt: now, deleted: false, name: `Liên hệ ${recordId.slice(-6)}`, phones: ['0912345678'] };
      return { id: uuidv7(), table: 'contacts', recordId, hlc, fields };
    });
    return JSON.stringify({ clientId: phone.node, schemaVersion: CURRENT_SCHEMA_VERSION, mutations });
  });
}

async function round(pool: Pool, phone: Phone, body: string): Promise<void> {
  const pushed = await requestJson<PushResponse>(pool, '/api/sync/push', { method: 'POST', token: phone.token, body });
  if (pushed.acked.length !== MUTATIONS_PER_ROUND) throw new Error(`push rejected: ${JSON.stringify(pushed.rejected)}`);
  const query = phone.cursor ? `?cursor=${phone.cursor}` : '';
  const page = await requestJson<PullResponse>(pool, `/api/sync/pull${query}`, { token: phone.token });
  phone.cursor = page.cursor;
}

/** `bare`: the baseline server takes the commune as the bearer token, and has no sign-in. */
async function drive(url: string, pid: number | undefined, bare = false): Promise<RunResult> {
  const pool = new Pool(url, { connections: CLIENTS });
  try {
    const phones = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => (bare ? Promise.resolve(bareSignIn(i)) : signIn(pool, i))));
    return await driveWith(pool, pid, phones);
  } finally {
    await pool.close();
  }
}

function bareSignIn(index: number): Phone {
  const communeId = `bench-xa-${index}`;
  return { token: communeId, userId: `bench-${index}`, communeId, cursor: undefined, created: [], node: index.toString(16).padStart(16, '0'), counter: 0 };
}

async function driveWith(pool: Pool, pid: number | undefined, phones: Phone[]): Promise<RunResult> {
  // First pull of each phone (the reference data) outside the measurement.
  await Promise.all(phones.map(async (phone) => {
    for (;;) {
      const page = await requestJson<PullResponse>(pool, `/api/sync/pull${phone.cursor ? `?cursor=${phone.cursor}` : ''}`, { token: phone.token });
      phone.cursor = page.cursor;
      if (!page.hasMore) return;
    }
  }));
  const bodies = phones.map((phone) => preparePushes(phone, Math.ceil(MAX_ROUNDS / CLIENTS) + 1));
  const latencies: number[] = [];
  const start = performance.now();
  const measureFrom = start + WARMUP_MS;
  const stopAt = measureFrom + MEASURE_MS;
  let measuredStart = 0;
  let cpuAtStart: number | undefined;
  let generatorCpuAtStart: NodeJS.CpuUsage | undefined;
  let roundsAtCpuStart = 0;
  setTimeout(() => {
    cpuAtStart = cpuMs(pid);
    generatorCpuAtStart = process.cpuUsage();
    roundsAtCpuStart = latencies.length;
  }, WARMUP_MS).unref();
  await Promise.all(
    phones.map(async (phone, index) => {
      for (const body of bodies[index]!) {
        if (performance.now() >= stopAt || latencies.length >= MAX_ROUNDS) break;
        const begun = performance.now();
        await round(pool, phone, body);
        if (begun >= measureFrom) {
          if (measuredStart === 0) measuredStart = begun;
          latencies.push(performance.now() - begun);
        }
      }
    }),
  );
  const seconds = (performance.now() - measuredStart) / 1000;
  const cpuAtEnd = cpuMs(pid);
  const cpuRounds = latencies.length - roundsAtCpuStart;
  const generatorCpu = generatorCpuAtStart ? process.cpuUsage(generatorCpuAtStart) : undefined;
  return {
    serverCpuMsPerRound: cpuAtStart !== undefined && cpuAtEnd !== undefined && cpuRounds > 0 ? (cpuAtEnd - cpuAtStart) / cpuRounds : undefined,
    generatorCpuMsPerRound: generatorCpu && cpuRounds > 0 ? (generatorCpu.user + generatorCpu.system) / 1000 / cpuRounds : undefined,
    rounds: latencies.length,
    roundsPerSecond: latencies.length / seconds,
    mutationsPerSecond: (latencies.length * MUTATIONS_PER_ROUND) / seconds,
    p50: median(latencies),
    p99: percentile(latencies, 99),
  };
}

function report(label: string, result: RunResult): void {
  const cpu = result.serverCpuMsPerRound === undefined ? '' : `, server CPU ${result.serverCpuMsPerRound.toFixed(2)} ms/round`;
  const generator = result.generatorCpuMsPerRound === undefined ? '' : `, generator ${result.generatorCpuMsPerRound.toFixed(2)} ms/round`;
  process.stdout.write(`  ${label}: ${result.roundsPerSecond.toFixed(0)} rounds/s (${result.rounds} rounds), p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms${cpu}${generator}\n`);
}

/** Context rows: the absolute figures a ratio divides, and the CPU the server spends per round. */
function contextRows(label: string, result: RunResult): Measurement[] {
  const rows = [context(`sync ${label}: push+pull rounds/s (${CLIENTS} phones, ${MUTATIONS_PER_ROUND} mutations each)`, result.roundsPerSecond, 'rounds/s'), context(`sync ${label}: p99 round latency`, result.p99, 'ms')];
  if (result.serverCpuMsPerRound !== undefined) rows.push(context(`sync ${label}: server CPU per round, all threads`, result.serverCpuMsPerRound, 'ms'));
  if (result.generatorCpuMsPerRound !== undefined) rows.push(context(`sync ${label}: load generator CPU per round, same machine`, result.generatorCpuMsPerRound, 'ms'));
  return rows;
}

async function withSqliteFile<T>(work: (dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'so-tay-so-bench-'));
  try {
    await populate(new SqliteStore({ file: path.join(dataDir, 'so-tay-so.sqlite') }));
    return await work(dataDir);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchBare(): Promise<RunResult> {
  return withSqliteFile(async (dataDir) => {
    const server = await startServer({}, (port) => ['test/bench/bare-sync-server.ts', path.join(dataDir, 'so-tay-so.sqlite'), String(port)]);
    try {
      return await drive(server.url, server.pid, true);
    } finally {
      await server.stop();
    }
  });
}

async function benchSqlite(): Promise<RunResult> {
  return withSqliteFile(async (dataDir) => {
    const server = await startServer({ DATA_DIR: dataDir });
    try {
      return await drive(server.url, server.pid);
    } finally {
      await server.stop();
    }
  });
}

async function benchPostgres(): Promise<RunResult> {
  const database = await createTestDatabase();
  try {
    await populate(new PostgresStore({ url: database.url }));
    const server = await startServer({ DATABASE_URL: database.url });
    try {
      return await drive(server.url, server.pid);
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

export async function runServerBench(): Promise<Measurement[]> {
  // The baseline first, then the real server, each on a fresh database of the same accounts.
  const bare = await benchBare();
  report('bare HTTP + SQLite baseline', bare);
  const sqlite = await benchSqlite();
  report('SQLite', sqlite);
  const results: Measurement[] = [
    ratioAtLeast(`sync SQLite: push+pull rounds/s / bare HTTP+SQLite baseline (${CLIENTS} phones, ${MUTATIONS_PER_ROUND} mutations each)`, sqlite.roundsPerSecond, bare.roundsPerSecond, 'rounds/s', SQLITE_VS_BARE),
    ratioAtMost('sync SQLite: p99 round latency / bare baseline\'s', sqlite.p99, bare.p99, 'ms', SQLITE_P99_VS_BARE),
    ...contextRows('bare baseline', bare),
    ...contextRows('SQLite', sqlite),
  ];
  if (testDatabaseUrl()) {
    const postgres = await benchPostgres();
    report('PostgreSQL', postgres);
    // PostgreSQL, the production database, within 1.5 × of SQLite (docs/performance.md "PostgreSQL").
    results.push(ratioAtLeast('sync PostgreSQL: rounds/s / SQLite\'s in the same run', postgres.roundsPerSecond, sqlite.roundsPerSecond, 'rounds/s', 0.67));
    results.push(...contextRows('PostgreSQL', postgres));
  }
  // Context, not a budget: throughput on a shared machine says little without it.
  const [load] = loadavg();
  results.push(context(`machine load average (1 min) after the sync bench, ${cpus().length} cores`, load ?? 0, ''));
  return results;
}
