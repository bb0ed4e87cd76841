// The sync server bench's load generator (server.bench.ts): CLIENTS phones over undici's keep-alive
// connections, each round one push of MUTATIONS_PER_ROUND small mutations (half new contacts, half
// edits of earlier ones) and one pull from its cursor; bounded by MAX_ROUNDS or MEASURE_MS of
// measuring after a warm-up (a time and a number of rounds per server process); the server's, the
// database's and its own CPU per round read from /proc (process-cpu.ts).
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Pool } from 'undici';
import { formatHlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { CURRENT_SCHEMA_VERSION, type PullResponse, type PushResponse } from '../../src/shared/sync/protocol';
import { median, percentile } from './measurement';
import { cpuMs, sumDefined, type DatabaseCpu } from './process-cpu';

export const CLIENTS = 16;
export const MUTATIONS_PER_ROUND = 10;
const WARMUP_MS = 1_000;
const WARMUP_ROUNDS_PER_PROCESS = 300;
const MEASURE_MS = 6_000;
const MAX_ROUNDS = 8_000;
export const PASSWORD = 'bench password 2026';

export interface Phone {
  token: string;
  userId: string;
  communeId: string;
  cursor: string | undefined;
  created: string[];
  node: string;
  counter: number;
}

export interface RunResult {
  roundsPerSecond: number;
  p50: number;
  p99: number;
  rounds: number;
  mutationsPerSecond: number;
  /** Server CPU (user + system, all its threads) per round: what the two cores give the server, divided by this, is its ceiling. */
  serverCpuMsPerRound: number | undefined;
  /** The load generator's own CPU per round: on a 2-core machine it is taken from the server. */
  generatorCpuMsPerRound: number | undefined;
  /** The database's CPU per round (PostgreSQL's backends of the bench's database; SQLite runs inside the server). */
  databaseCpuMsPerRound: number | undefined;
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

/** One server process the generator drives: its address, and its pid to read its CPU time. */
export interface Target {
  url: string;
  pid: number | undefined;
}

/**
 * Drives the targets with CLIENTS phones, phone i on target i mod n (the split a round-robin
 * balancer makes, without a balancer's own CPU on a 2-core machine); the server CPU is summed
 * over the targets. `bare`: the baseline server takes the commune as the bearer token, and has no sign-in.
 */
export async function drive(targets: readonly Target[], options: { bare?: boolean; database?: DatabaseCpu } = {}): Promise<RunResult> {
  const { bare = false, database } = options;
  const pools = targets.map((target) => new Pool(target.url, { connections: Math.ceil(CLIENTS / targets.length) }));
  const poolOf = (index: number) => pools[index % pools.length]!;
  try {
    const phones = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => (bare ? Promise.resolve(bareSignIn(i)) : signIn(poolOf(i), i))));
    return await driveWith(poolOf, targets.map((target) => target.pid), phones, database);
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
  }
}

function bareSignIn(index: number): Phone {
  const communeId = `bench-xa-${index}`;
  return { token: communeId, userId: `bench-${index}`, communeId, cursor: undefined, created: [], node: index.toString(16).padStart(16, '0'), counter: 0 };
}

async function driveWith(poolOf: (phone: number) => Pool, pids: readonly (number | undefined)[], phones: Phone[], database: DatabaseCpu | undefined): Promise<RunResult> {
  const serverCpu = () => sumDefined(pids.map(cpuMs));
  // First pull of each phone (the reference data) outside the measurement.
  await Promise.all(phones.map(async (phone, index) => {
    for (;;) {
      const page = await requestJson<PullResponse>(poolOf(index), `/api/sync/pull${phone.cursor ? `?cursor=${phone.cursor}` : ''}`, { token: phone.token });
      phone.cursor = page.cursor;
      if (!page.hasMore) return;
    }
  }));
  // Warm-up: at least WARMUP_MS and WARMUP_ROUNDS_PER_PROCESS rounds per server process, so that
  // each process's JIT has compiled the hot path before it is measured — on a loaded machine one
  // second may be only a few dozen rounds, and two processes have two JITs to warm.
  const warmupRounds = WARMUP_ROUNDS_PER_PROCESS * pids.length;
  const bodies = phones.map((phone) => preparePushes(phone, Math.ceil((MAX_ROUNDS + warmupRounds) / CLIENTS) + 1));
  const latencies: number[] = [];
  const start = performance.now();
  let warmedUp = 0;
  let measureFrom = Number.POSITIVE_INFINITY;
  let stopAt = Number.POSITIVE_INFINITY;
  let measuredStart = 0;
  let cpuAtStart: number | undefined;
  let generatorCpuAtStart: NodeJS.CpuUsage | undefined;
  let databaseAtStart: Map<number, number> | undefined;
  let roundsAtCpuStart = 0;
  const startMeasuring = (now: number) => {
    measureFrom = now;
    stopAt = now + MEASURE_MS;
    cpuAtStart = serverCpu();
    generatorCpuAtStart = process.cpuUsage();
    databaseAtStart = database?.snapshot();
    roundsAtCpuStart = latencies.length;
  };
  await Promise.all(
    phones.map(async (phone, index) => {
      for (const body of bodies[index]!) {
        if (performance.now() >= stopAt || latencies.length >= MAX_ROUNDS) break;
        const begun = performance.now();
        await round(poolOf(index), phone, body);
        const ended = performance.now();
        if (begun >= measureFrom) {
          if (measuredStart === 0) measuredStart = begun;
          latencies.push(ended - begun);
        } else if (measureFrom === Number.POSITIVE_INFINITY && ++warmedUp >= warmupRounds && ended - start >= WARMUP_MS) {
          startMeasuring(ended);
        }
      }
    }),
  );
  const seconds = (performance.now() - measuredStart) / 1000;
  const cpuAtEnd = serverCpu();
  const cpuRounds = latencies.length - roundsAtCpuStart;
  const generatorCpu = generatorCpuAtStart ? process.cpuUsage(generatorCpuAtStart) : undefined;
  const databaseCpu = database && databaseAtStart ? await database.since(databaseAtStart) : undefined;
  return {
    serverCpuMsPerRound: cpuAtStart !== undefined && cpuAtEnd !== undefined && cpuRounds > 0 ? (cpuAtEnd - cpuAtStart) / cpuRounds : undefined,
    generatorCpuMsPerRound: generatorCpu && cpuRounds > 0 ? (generatorCpu.user + generatorCpu.system) / 1000 / cpuRounds : undefined,
    databaseCpuMsPerRound: databaseCpu !== undefined && cpuRounds > 0 ? databaseCpu / cpuRounds : undefined,
    rounds: latencies.length,
    roundsPerSecond: latencies.length / seconds,
    mutationsPerSecond: (latencies.length * MUTATIONS_PER_ROUND) / seconds,
    p50: median(latencies),
    p99: percentile(latencies, 99),
  };
}
