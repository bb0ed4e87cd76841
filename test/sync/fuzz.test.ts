// Seeded fuzz (docs and src/shared/sync/PROTOCOL.md §10, I2/I3/I4/I9/I12): 2–4 phones on
// fake-indexeddb, each with its own account, role and skewed clock, run the app's real sync engine
// against the real server code — readPushRequest, pushChanges (planPush: validation, clock cap,
// merge) and pullChanges on a SQLite file — through a network that loses requests, loses answers,
// delivers requests twice, holds requests back and delivers them late (reordered), answers pulls
// with stale duplicates, returns 503, and restarts the server (a new store on the same file).
// After quiescence every phone must equal the server, field by field and clock by clock; every
// local write must be on the server or in that phone's visible rejected list; and every mutation
// must have been applied exactly once (the planner remembered it once, and every delivery got the
// same answer). Fixed seeds, plus one random seed per run: a failing seed is printed; pin it in
// REGRESSION_SEEDS (or replay it with FUZZ_SEED=<seed>).
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runSyncRound, type EngineApi } from '../../src/client/sync/engine';
import { HttpError, NetworkError } from '../../src/client/sync/errors';
import type { Timed } from '../../src/client/sync/transport';
import { ApiError } from '../../src/server/errors';
import { SqliteStore } from '../../src/server/storage/sqlite-store';
import type { MutationOutcome, PushPlan } from '../../src/server/storage/record-types';
import { pullChanges, pushChanges, readPushRequest } from '../../src/server/sync/sync-requests';
import { checklistItemFields, comparable, logFields, makePhone, type TestPhone } from '../helpers/sync-fixtures';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { SyncUser } from '../../src/shared/sync/registry';
import { pulledPageSchema, type PulledPage, type PushRequest, type PushResponse } from '../../src/shared/sync/protocol';
import type { SyncTable } from '../../src/shared/schemas/tables';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
/** Seeds that once failed, kept as named regressions. */
const REGRESSION_SEEDS: number[] = [];
/** One more seed each run, so the fuzz keeps exploring; FUZZ_SEED replays a printed one. */
const RANDOM_SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const STEPS = 70;
const TABLES: SyncTable[] = ['assistanceLogs', 'checklistItems'];
const COMMUNE = 'xa-fuzz';
const PROVINCE = 'quang-ngai';
const T0 = Date.parse('2026-07-01T01:00:00.000Z');
const DAY = 86_400_000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Stats {
  faults: number;
  roundsOk: number;
  writes: number;
  invalidWrites: number;
  rejected: number;
  restarts: number;
}

/** The real server code on a SQLite file, with the clock the fuzz controls, and what it answered. */
class RealServer {
  store: SqliteStore;
  /** Every answer the server gave for a mutation id, lost in the network or not. */
  readonly answers = new Map<string, MutationOutcome[]>();
  /** How many times the planner remembered (applied) each mutation id: once, or I4 is broken. */
  readonly remembered = new Map<string, number>();
  /** Mutations applied before whose re-delivery changed a record anyway. */
  readonly reapplied = new Set<string>();
  now = T0;

  private constructor(
    readonly file: string,
    store: SqliteStore,
  ) {
    this.store = store;
  }

  static async open(file: string): Promise<RealServer> {
    const store = new SqliteStore({ file });
    await store.migrate();
    return new RealServer(file, store);
  }

  /** Kills the store and opens a new one on the same file: only what was committed survives. */
  async restart(): Promise<void> {
    await this.store.close();
    this.store = new SqliteStore({ file: this.file });
    await this.store.migrate();
  }

  async push(user: SyncUser, request: PushRequest): Promise<PushResponse> {
    const store = this.store.records;
    const spy = vi.spyOn(store, 'push');
    let result;
    try {
      // Through JSON, as on the wire: the route reads the body the same way.
      result = await pushChanges(store, user, readPushRequest(JSON.parse(JSON.stringify(request))), this.now);
    } finally {
      for (const settled of spy.mock.settledResults) {
        if (settled.type === 'fulfilled') this.audit(request, settled.value.plan);
      }
      spy.mockRestore();
    }
    const { acked, rejected } = result.response;
    for (const id of acked) this.answer(id, { status: 'acked' });
    for (const { id, code, message } of rejected) this.answer(id, { status: 'rejected', code, message });
    return result.response;
  }

  async pull(user: SyncUser, cursor: string | undefined, limit: number): Promise<PulledPage> {
    try {
      return pulledPageSchema.parse(JSON.parse(await pullChanges(this.store.records, user, { ...(cursor === undefined ? {} : { cursor }), limit: String(limit) }, this.now)));
    } catch (error) {
      if (error instanceof ApiError) throw new HttpError(error.statusCode, error.code, error.message);
      throw error;
    }
  }

  /**
   * What one committed push did, per mutation: each newly applied id counts once; a mutation the
   * server had applied before must change nothing — a record written by the push must be named by
   * a mutation applied for the first time in it.
   */
  private audit(request: PushRequest, plan: PushPlan): void {
    const fresh = new Set(plan.remember.map((entry) => entry.mutationId));
    for (const id of fresh) this.remembered.set(id, (this.remembered.get(id) ?? 0) + 1);
    const freshRecords = new Set(request.mutations.filter((m) => fresh.has(m.id)).map((m) => `${m.table}/${m.recordId}`));
    for (const { table, record } of plan.writes) {
      if (freshRecords.has(`${table}/${record.id}`)) continue;
      for (const m of request.mutations) if (`${m.table}/${m.recordId}` === `${table}/${record.id}`) this.reapplied.add(m.id);
    }
  }

  private answer(id: string, outcome: MutationOutcome): void {
    const list = this.answers.get(id) ?? [];
    list.push(outcome);
    this.answers.set(id, list);
  }
}

/** The network between one phone and the server, with faults decided by the seeded generator. */
function faultyApi(
  server: RealServer,
  user: SyncUser,
  rng: () => number,
  clientNow: () => number,
  network: { faulty: boolean; held: { user: SyncUser; request: PushRequest }[] },
  stats: Stats,
): EngineApi {
  const pullAnswers = new Map<string, Timed<PulledPage>>();
  const timed = async <T,>(answer: () => Promise<T>): Promise<Timed<T>> => {
    const sentAt = clientNow();
    const body = await answer();
    return { body, sentAt, receivedAt: clientNow() };
  };
  const deliverHeld = async () => {
    const [late] = network.held.splice(Math.floor(rng() * network.held.length), 1);
    if (late) await server.push(late.user, late.request);
  };
  return {
    push: async (request) => {
      await Promise.resolve(); // the network is asynchronous: let other work interleave
      // A request held back earlier arrives now, after newer ones: reordering.
      if (network.held.length > 0 && rng() < 0.3) await deliverHeld();
      if (network.faulty) {
        const roll = rng();
        if (roll < 0.1) return fault(new NetworkError('request lost'));
        if (roll < 0.2) {
          await server.push(user, request);
          return fault(new NetworkError('answer lost'));
        }
        if (roll < 0.28) await server.push(user, structuredClone(request)); // delivered twice
        else if (roll < 0.36) {
          network.held.push({ user, request: structuredClone(request) });
          return fault(new NetworkError('held in the network'));
        } else if (roll < 0.4) return fault(new HttpError(503, 'unavailable', 'not ready'));
      }
      return timed(() => server.push(user, request));
    },
    pull: async (cursor, limit) => {
      await Promise.resolve();
      if (network.faulty) {
        const roll = rng();
        if (roll < 0.1) return fault(new NetworkError('connection reset'));
        const stale = pullAnswers.get(String(cursor));
        if (roll < 0.2 && stale) {
          stats.faults += 1;
          return stale; // an old answer for the same cursor, delivered again
        }
      }
      const answer = await timed(() => server.pull(user, cursor, limit));
      pullAnswers.set(String(cursor), answer);
      return answer;
    },
  };

  function fault(error: Error): never {
    stats.faults += 1;
    throw error;
  }
}

const phones: TestPhone[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.close()));
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function runSeed(seed: number): Promise<Stats> {
  const rng = mulberry32(seed);
  const dir = await mkdtemp(path.join(tmpdir(), 'so-tay-so-fuzz-'));
  const server = await RealServer.open(path.join(dir, 'fuzz.sqlite'));
  cleanups.push(async () => {
    await server.store.close();
    await rm(dir, { recursive: true, force: true });
  });
  const network = { faulty: true, held: [] as { user: SyncUser; request: PushRequest }[] };
  const stats: Stats = { faults: 0, roundsOk: 0, writes: 0, invalidWrites: 0, rejected: 0, restarts: 0 };
  const count = 2 + Math.floor(rng() * 3);
  // Skews: one phone may be a month ahead, another two days behind (I9).
  const skews = Array.from({ length: count }, (_, index) => (index === 0 ? 30 * DAY : index === 1 ? -2 * DAY : Math.floor(rng() * 600_000)));
  const clients = skews.map((skew, index) => {
    // The first phone is the leader; the others are members, who may not edit each other's logs
    // nor delete checklist items: those writes are rejected by the real rules (I12).
    const user: SyncUser = { id: uuidv7(), role: index === 0 ? 'leader' : 'member', communeId: COMMUNE, provinceId: PROVINCE };
    const phone = makePhone(() => server.now + skew);
    phones.push(phone);
    return { phone, user, api: faultyApi(server, user, rng, phone.now, network, stats) };
  });
  const checklistId = uuidv7();
  const written: { client: number; mutationId: string }[] = [];

  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

  async function write(index: number): Promise<void> {
    const { phone, user } = clients[index]!;
    const known = (await Promise.all(TABLES.map(async (table) => (await phone.rows(table)).map((row) => ({ table, id: row.id }))))).flat();
    const invalid = rng() < 0.06;
    if (known.length === 0 || rng() < 0.35) {
      const table = pick(TABLES);
      const base = table === 'assistanceLogs' ? logFields(phone.now(), Math.floor(rng() * 100)) : checklistItemFields(phone.now(), checklistId);
      const fields = { ...base, communeId: COMMUNE, createdBy: user.id };
      await phone.write(table, uuidv7(), invalid ? { ...fields, outcome: 'finished', status: 'finished' } : fields);
    } else {
      const target = pick(known);
      const fields: Record<string, unknown> =
        target.table === 'checklistItems'
          ? pick([{ status: pick(['todo', 'doing', 'done', 'blocked', 'na']) }, { note: `ghi chú ${Math.floor(rng() * 1000)}` }, { assignee: pick(['Lan', 'Hùng', 'Mai']) }, { deleted: rng() < 0.5 }])
          : pick([{ outcome: pick(['done', 'partial', 'referred', 'failed']) }, { note: `Hẹn quay lại ${Math.floor(rng() * 1000)}` }, { durationMin: Math.floor(rng() * 120) }, { deleted: rng() < 0.5 }]);
      await phone.write(target.table, target.id, invalid ? { note: 'x'.repeat(2001) } : fields);
    }
    if (invalid) stats.invalidWrites += 1;
    stats.writes += 1;
    const last = await phone.db.outbox.orderBy('seq').last();
    written.push({ client: index, mutationId: last!.id });
  }

  async function sync(index: number): Promise<void> {
    const { phone, api } = clients[index]!;
    try {
      await runSyncRound({ store: phone.repo, api, now: phone.now, pullLimit: 1 + Math.floor(rng() * 6) });
      stats.roundsOk += 1;
    } catch (error) {
      if (!(error instanceof NetworkError || error instanceof HttpError)) throw error;
    }
  }

  for (let step = 0; step < STEPS; step += 1) {
    const roll = rng();
    const index = Math.floor(rng() * count);
    if (roll < 0.5) await write(index);
    else if (roll < 0.85) await sync(index);
    else if (roll < 0.95) server.now += Math.floor(rng() * 10 * 60_000);
    else {
      // The server restarts: requests in flight die with their connections.
      network.held.length = 0;
      await server.restart();
      stats.restarts += 1;
    }
  }

  // Quiescence: a clean network, and every phone syncs until nothing moves.
  network.faulty = false;
  for (const late of network.held.splice(0)) await server.push(late.user, late.request);
  for (let pass = 0; pass < 3; pass += 1) {
    for (const { phone, api } of clients) await runSyncRound({ store: phone.repo, api, now: phone.now });
  }

  // I2: every phone equals the server, fields and clocks.
  const stored = await server.store.records.listRecords({ scope: COMMUNE, tables: TABLES });
  const serverRows = (table: SyncTable) => stored.filter((row) => row.table === table).map((row) => comparable(row.record)).sort(byId);
  for (const { phone } of clients) {
    expect(await phone.repo.countOutbox()).toBe(0);
    for (const table of TABLES) expect((await phone.rows(table)).map(comparable).sort(byId)).toEqual(serverRows(table));
  }
  for (const { client, mutationId } of written) {
    const answers = server.answers.get(mutationId) ?? [];
    // I3: every write reached the server, and it is there or in its phone's visible list of changes not accepted.
    expect(answers.length, `write ${mutationId} never reached the server`).toBeGreaterThan(0);
    const inRejectedList = (await clients[client]!.phone.db.rejectedChanges.get(mutationId)) !== undefined;
    expect(inRejectedList, `write ${mutationId}: in the rejected list iff the server rejected it`).toBe(answers[0]!.status === 'rejected');
    if (inRejectedList) stats.rejected += 1;
    // I4, per mutation: applied once, whatever the duplicates, and every delivery got the same answer.
    expect(server.remembered.get(mutationId), `mutation ${mutationId} applied more than once`).toBe(1);
    expect(server.reapplied.has(mutationId), `mutation ${mutationId} changed a record again when re-delivered`).toBe(false);
    expect(answers.every((answer) => JSON.stringify(answer) === JSON.stringify(answers[0])), `mutation ${mutationId} answered differently`).toBe(true);
  }
  // The run must have done something: records synced, faults injected.
  expect(stored.length).toBeGreaterThan(0);
  expect(stats.roundsOk).toBeGreaterThan(0);
  return stats;
}

function byId(a: unknown, b: unknown): number {
  const x = (a as { id: string }).id;
  const y = (b as { id: string }).id;
  return x < y ? -1 : x > y ? 1 : 0;
}

describe('sync fuzz against the real server code (SQLite)', () => {
  const totals: Stats = { faults: 0, roundsOk: 0, writes: 0, invalidWrites: 0, rejected: 0, restarts: 0 };

  const run = async (seed: number) => {
    try {
      const stats = await runSeed(seed);
      for (const key of Object.keys(totals) as (keyof Stats)[]) totals[key] += stats[key];
    } catch (error) {
      console.error(`sync fuzz failed for seed ${seed}: replay it with FUZZ_SEED=${seed} and pin it in REGRESSION_SEEDS`);
      throw error;
    }
  };

  it.each([...SEEDS, ...REGRESSION_SEEDS])('[I2][I3][I4][I9][I12] seed %i converges with nothing lost, each mutation applied once', run, 60_000);

  it('[I2][I3][I4] a random seed (printed on failure) converges with nothing lost, each mutation applied once', () => run(RANDOM_SEED), 60_000);

  it('actually exercised faults, rejections, restarts and many writes across the seeds', () => {
    expect(totals.writes).toBeGreaterThan(SEEDS.length * 20);
    expect(totals.faults).toBeGreaterThan(SEEDS.length * 3);
    expect(totals.invalidWrites).toBeGreaterThan(0);
    expect(totals.rejected).toBeGreaterThan(totals.invalidWrites);
    expect(totals.restarts).toBeGreaterThan(0);
  });
});
