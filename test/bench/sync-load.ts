// The sync server bench's load generator (server.bench.ts): CLIENTS phones over undici's keep-alive
// connections, each round one push of MUTATIONS_PER_ROUND small mutations (half new contacts, half
// edits of earlier ones) and one pull from its cursor. A Load is opened once per configuration
// (signed in, first pull done, warmed), then measured in short windows that the bench alternates
// with the other configurations' (docs/benchmarks.md "Interleaved windows"): each window counts the
// rounds completed between its two edges and reads the server's, the database's and its own CPU at
// those edges (/proc, process-cpu.ts).
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Pool } from 'undici';
import { formatHlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { CURRENT_SCHEMA_VERSION, type PullResponse, type PushResponse } from '../../src/shared/sync/protocol';
import { percentile } from './measurement';
import { cpuMs, mainThreadMs, sumDefined, type DatabaseCpu } from './process-cpu';

export const CLIENTS = 16;
export const MUTATIONS_PER_ROUND = 10;
const WARMUP_MS = 1_000;
const WARMUP_ROUNDS_PER_PROCESS = 300;
/** Rounds run before a window's first edge: every phone busy again, the connections reopened. */
const LEAD_MS = 300;
export const WINDOW_MS = 1_500;
/** Push bodies prepared per phone before a window (more are made during it if a fast minute needs them). */
const BODIES_PER_WINDOW = 100;
export const PASSWORD = 'bench password 2026';

interface Phone {
  token: string;
  userId: string;
  communeId: string;
  cursor: string | undefined;
  /** Contacts the server holds (their creating push was sent): the edits pick among them. */
  created: string[];
  node: string;
  counter: number;
}

/** One measured window of one configuration. */
export interface WindowResult {
  rounds: number;
  roundsPerSecond: number;
  /** Latency of each round completed inside the window, ms. */
  latencies: number[];
  p99: number;
  /** Server CPU (user + system, all its threads, all its processes) per round. */
  serverCpuMsPerRound: number | undefined;
  /** The busiest server process's main thread per round (its JavaScript): one process cannot exceed 1 / this. */
  mainThreadMsPerRound: number | undefined;
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
async function requestJson<T>(pool: Pool, route: string, options: { method?: 'GET' | 'POST'; token?: string; body?: string } = {}): Promise<T> {
  // What Chrome on Android sends: the server answers br when it compresses.
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br, zstd' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await pool.request({ path: route, method: options.method ?? 'GET', headers, body: options.body ?? null });
  const raw = Buffer.from(await response.body.arrayBuffer());
  const encoding = response.headers['content-encoding'];
  const text = (encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
  if (response.statusCode >= 400) throw new Error(`${route} → ${response.statusCode} ${text}`);
  return JSON.parse(text) as T;
}

async function signIn(pool: Pool, index: number): Promise<Phone> {
  const body = await requestJson<{ accessToken: string; user: { id: string; communeId: string } }>(pool, '/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ username: `bench-${index}`, password: PASSWORD }),
  });
  return { token: body.accessToken, userId: body.user.id, communeId: body.user.communeId, cursor: undefined, created: [], node: index.toString(16).padStart(16, '0'), counter: 0 };
}

function bareSignIn(index: number): Phone {
  const communeId = `bench-xa-${index}`;
  return { token: communeId, userId: `bench-${index}`, communeId, cursor: undefined, created: [], node: index.toString(16).padStart(16, '0'), counter: 0 };
}

interface Push {
  body: string;
  /** The contacts this push creates: the phone's to edit once it is sent. */
  creates: string[];
}

/**
 * The phone's next push bodies, written before the window like autocannon's prepared requests:
 * building and serializing them is the load generator's work, not the server's, and on a 2-core
 * machine every millisecond the generator spends is one the server does not get. Half the
 * mutations create a contact, half edit one the server already holds (or one an earlier body of
 * this batch creates: the bodies are sent in order).
 */
function preparePushes(phone: Phone, count: number): Push[] {
  const known = [...phone.created];
  return Array.from({ length: count }, () => {
    const now = new Date().toISOString();
    const creates: string[] = [];
    const mutations = Array.from({ length: MUTATIONS_PER_ROUND }, (_, k) => {
      phone.counter = (phone.counter + 1) % 0xffff;
      const hlc = formatHlc({ millis: Date.now(), counter: phone.counter, node: phone.node });
      const edit = k % 2 === 1 && known.length > 0;
      const recordId = edit ? known[Math.floor(Math.random() * known.length)]! : uuidv7();
      if (!edit) creates.push(recordId);
      const fields = edit
        ? { note: `Sửa lúc ${now}`, updatedAt: now }
        : { communeId: phone.communeId, createdBy: phone.userId, createdAt: now, updatedAt: now, deleted: false, name: `Liên hệ ${recordId.slice(-6)}`, phones: ['0912345678'] };
      return { id: uuidv7(), table: 'contacts', recordId, hlc, fields };
    });
    known.push(...creates);
    return { body: JSON.stringify({ clientId: phone.node, schemaVersion: CURRENT_SCHEMA_VERSION, mutations }), creates };
  });
}

async function pull(pool: Pool, phone: Phone): Promise<PullResponse> {
  const page = await requestJson<PullResponse>(pool, `/api/sync/pull${phone.cursor ? `?cursor=${phone.cursor}` : ''}`, { token: phone.token });
  phone.cursor = page.cursor;
  return page;
}

async function round(pool: Pool, phone: Phone, push: Push): Promise<void> {
  const pushed = await requestJson<PushResponse>(pool, '/api/sync/push', { method: 'POST', token: phone.token, body: push.body });
  if (pushed.acked.length !== MUTATIONS_PER_ROUND) throw new Error(`push rejected: ${JSON.stringify(pushed.rejected)}`);
  phone.created.push(...push.creates);
  await pull(pool, phone);
}

/** One server process the generator drives: its address, and its pid to read its CPU time. */
export interface Target {
  url: string;
  pid: number | undefined;
}

/** A configuration's phones, signed in and past their first pull, ready to be warmed and measured. */
export interface Load {
  /** At least WARMUP_MS and WARMUP_ROUNDS_PER_PROCESS rounds per server process: each process's JIT compiled the hot path. */
  warm(): Promise<void>;
  /** One measured window: LEAD_MS of rounds, then the rounds completed in the next WINDOW_MS. */
  window(): Promise<WindowResult>;
  close(): Promise<void>;
}

/** What a window's edge reads: when, and the CPU each party had used by then. */
interface Edge {
  at: number;
  server: number | undefined;
  mainThreads: (number | undefined)[];
  generator: number;
  database: Map<number, number> | undefined;
}

/**
 * Opens a load on the targets: CLIENTS phones, phone i on target i mod n (the split a round-robin
 * balancer makes, without a balancer's own CPU on a 2-core machine). `bare`: the baseline server
 * takes the commune as the bearer token, and has no sign-in.
 */
export async function openLoad(targets: readonly Target[], options: { bare?: boolean; database?: DatabaseCpu } = {}): Promise<Load> {
  const { bare = false, database } = options;
  const pools = targets.map((target) => new Pool(target.url, { connections: Math.ceil(CLIENTS / targets.length), keepAliveTimeout: 60_000 }));
  const poolOf = (index: number) => pools[index % pools.length]!;
  const pids = targets.map((target) => target.pid);
  const phones = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => (bare ? Promise.resolve(bareSignIn(i)) : signIn(poolOf(i), i))));
  // First pull of each phone (the reference data) outside any window.
  await Promise.all(phones.map(async (phone, index) => {
    while ((await pull(poolOf(index), phone)).hasMore);
  }));

  /** Every phone runs rounds, its prepared pushes first, until `stop()`; `done` hears each round's start and end. */
  async function run(stop: () => boolean, done: (begun: number, ended: number) => void, prepared: Push[][]): Promise<void> {
    await Promise.all(phones.map(async (phone, index) => {
      let pushes = prepared[index]!;
      while (!stop()) {
        if (pushes.length === 0) pushes = preparePushes(phone, BODIES_PER_WINDOW);
        const begun = performance.now();
        await round(poolOf(index), phone, pushes.shift()!);
        done(begun, performance.now());
      }
    }));
  }

  const prepare = () => phones.map((phone) => preparePushes(phone, BODIES_PER_WINDOW));
  const generatorMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const edge = (): Edge => ({ at: performance.now(), generator: generatorMs(), server: sumDefined(pids.map(cpuMs)), mainThreads: pids.map(mainThreadMs), database: database?.snapshot() });

  return {
    async warm() {
      const started = performance.now();
      let rounds = 0;
      await run(() => rounds >= WARMUP_ROUNDS_PER_PROCESS * pids.length && performance.now() - started >= WARMUP_MS, () => rounds++, prepare());
    },
    async window() {
      let first: Edge | undefined;
      let last: Edge | undefined;
      const latencies: number[] = [];
      const prepared = prepare();
      const timer = setTimeout(() => {
        first = edge();
        setTimeout(() => (last = edge()), WINDOW_MS);
      }, LEAD_MS);
      try {
        // A round counts when it ends between the two edges (read when the timers fire, so a late
        // timer only moves the edge): in a closed loop that is the rate, whatever the latency.
        await run(() => last !== undefined, (begun, ended) => {
          if (first && !last) latencies.push(ended - begun);
        }, prepared);
      } finally {
        clearTimeout(timer);
      }
      const [from, to] = [first!, last!];
      const rounds = latencies.length;
      const perRound = (ms: number | undefined) => (ms === undefined || rounds === 0 ? undefined : ms / rounds);
      const mainThreads = to.mainThreads.map((ms, i) => (ms === undefined || from.mainThreads[i] === undefined ? undefined : ms - from.mainThreads[i]));
      const databaseMs = database && from.database && to.database ? await database.between(from.database, to.database) : undefined;
      return {
        rounds,
        roundsPerSecond: (rounds * 1000) / (to.at - from.at),
        latencies,
        p99: rounds > 0 ? percentile(latencies, 99) : Number.NaN,
        serverCpuMsPerRound: perRound(from.server === undefined || to.server === undefined ? undefined : to.server - from.server),
        mainThreadMsPerRound: perRound(sumDefined(mainThreads) === undefined ? undefined : Math.max(...(mainThreads as number[]))),
        generatorCpuMsPerRound: perRound(to.generator - from.generator),
        databaseCpuMsPerRound: perRound(databaseMs),
      };
    },
    async close() {
      await Promise.all(pools.map((pool) => pool.close()));
    },
  };
}
