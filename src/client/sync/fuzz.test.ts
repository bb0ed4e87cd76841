// Seeded fuzz (CONVENTIONS §6.10, sync-research I2/I3/I4/I9/I12): 2–4 phones on fake-indexeddb,
// each with its own skewed clock, write and sync against an in-memory server built from the shared
// merge, through a network that loses requests, loses answers, delivers requests twice, holds
// requests back and delivers them late (reordered), answers pulls with stale duplicates and
// returns 503. After quiescence every phone must equal the server, field by field and clock by
// clock, and every local write must be on the server or in that phone's visible rejected list.
// A failing seed is printed; pin it in REGRESSION_SEEDS.
import { afterEach, describe, expect, it } from 'vitest';
import { runSyncRound, type EngineApi } from './engine';
import { HttpError, NetworkError } from './errors';
import type { Timed } from './transport';
import { FakeSyncServer } from '../../../test/helpers/fake-sync-server';
import { checklistItemFields, comparable, logFields, makePhone, type TestPhone } from '../../../test/helpers/sync-fixtures';
import { uuidv7 } from '../../shared/sync/ids';
import type { PullResponse, PushRequest } from '../../shared/sync/protocol';
import type { SyncTable } from '../../shared/schemas/tables';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
/** Seeds that once failed, kept as named regressions. */
const REGRESSION_SEEDS: number[] = [];
const STEPS = 70;
const TABLES: SyncTable[] = ['assistanceLogs', 'checklistItems'];
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
}

/** The network between one phone and the server, with faults decided by the seeded generator. */
function faultyApi(server: FakeSyncServer, rng: () => number, clientNow: () => number, network: { faulty: boolean; held: PushRequest[] }, stats: Stats): EngineApi {
  const pullAnswers = new Map<string, Timed<PullResponse>>();
  return {
    push: async (request) => {
      await Promise.resolve(); // the network is asynchronous: let other work interleave
      // A request held back earlier arrives now, after newer ones: reordering.
      if (network.held.length > 0 && rng() < 0.3) server.push(network.held.splice(Math.floor(rng() * network.held.length), 1)[0]!);
      if (network.faulty) {
        const roll = rng();
        if (roll < 0.1) return fault(new NetworkError('request lost'));
        if (roll < 0.2) {
          server.push(request);
          return fault(new NetworkError('answer lost'));
        }
        if (roll < 0.28) server.push(structuredClone(request)); // delivered twice
        else if (roll < 0.36) {
          network.held.push(structuredClone(request));
          return fault(new NetworkError('held in the network'));
        } else if (roll < 0.4) return fault(new HttpError(503, 'unavailable', 'not ready'));
      }
      return server.timed(clientNow, () => server.push(request));
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
      const answer = server.timed(clientNow, () => server.pull(cursor, limit));
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
afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.close()));
});

async function runSeed(seed: number): Promise<Stats> {
  const rng = mulberry32(seed);
  let serverTime = T0;
  const server = new FakeSyncServer(() => serverTime);
  const network = { faulty: true, held: [] as PushRequest[] };
  const stats: Stats = { faults: 0, roundsOk: 0, writes: 0, invalidWrites: 0 };
  const count = 2 + Math.floor(rng() * 3);
  // Skews: one phone may be a month ahead, another two days behind (I9).
  const skews = Array.from({ length: count }, (_, index) => (index === 0 ? 30 * DAY : index === 1 ? -2 * DAY : Math.floor(rng() * 600_000)));
  const clients = skews.map((skew) => {
    const phone = makePhone(() => serverTime + skew);
    phones.push(phone);
    return { phone, api: faultyApi(server, rng, phone.now, network, stats) };
  });
  const checklistId = uuidv7();
  const written: { client: number; mutationId: string }[] = [];

  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

  async function write(index: number): Promise<void> {
    const { phone } = clients[index]!;
    const known = (await Promise.all(TABLES.map(async (table) => (await phone.rows(table)).map((row) => ({ table, id: row.id }))))).flat();
    const invalid = rng() < 0.06;
    if (known.length === 0 || rng() < 0.35) {
      const table = pick(TABLES);
      const fields = table === 'assistanceLogs' ? logFields(phone.now(), Math.floor(rng() * 100)) : checklistItemFields(phone.now(), checklistId);
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
    else if (roll < 0.95) serverTime += Math.floor(rng() * 10 * 60_000);
    else network.held.length = 0; // the server restarts: requests in flight die with their connections
  }

  // Quiescence: a clean network, and every phone syncs until nothing moves.
  network.faulty = false;
  for (const request of network.held.splice(0)) server.push(request);
  for (let pass = 0; pass < 3; pass += 1) {
    for (const { phone, api } of clients) await runSyncRound({ store: phone.repo, api, now: phone.now });
  }

  // I2: every phone equals the server, fields and clocks.
  const serverRows = (table: SyncTable) =>
    [...server.rows.values()].filter((row) => row.table === table).map((row) => comparable(row.record)).sort(byId);
  for (const { phone } of clients) {
    expect(await phone.repo.countOutbox()).toBe(0);
    for (const table of TABLES) expect((await phone.rows(table)).map(comparable).sort(byId)).toEqual(serverRows(table));
  }
  // I3: every write is on the server, or in its phone's visible list of changes not accepted.
  for (const { client, mutationId } of written) {
    const answer = server.answers.get(mutationId);
    expect(answer, `write ${mutationId} never reached the server`).toBeDefined();
    const inRejectedList = (await clients[client]!.phone.db.rejectedChanges.get(mutationId)) !== undefined;
    expect(inRejectedList).toBe(answer !== undefined && !('acked' in answer));
  }
  // I4: applied at most once per mutation, whatever the duplicates.
  expect(server.applied).toBeLessThanOrEqual(stats.writes);
  // The run must have done something: records synced, faults injected.
  expect(server.rows.size).toBeGreaterThan(0);
  expect(stats.roundsOk).toBeGreaterThan(0);
  return stats;
}

function byId(a: unknown, b: unknown): number {
  const x = (a as { id: string }).id;
  const y = (b as { id: string }).id;
  return x < y ? -1 : x > y ? 1 : 0;
}

describe('sync fuzz', () => {
  const totals: Stats = { faults: 0, roundsOk: 0, writes: 0, invalidWrites: 0 };

  it.each([...SEEDS, ...REGRESSION_SEEDS])('[I2][I3][I4] seed %i converges with nothing lost', async (seed) => {
    try {
      const stats = await runSeed(seed);
      for (const key of Object.keys(totals) as (keyof Stats)[]) totals[key] += stats[key];
    } catch (error) {
      console.error(`sync fuzz failed for seed ${seed}: pin it in REGRESSION_SEEDS`);
      throw error;
    }
  }, 30_000);

  it('actually exercised faults, rejections and many writes across the seeds', () => {
    expect(totals.writes).toBeGreaterThan(SEEDS.length * 20);
    expect(totals.faults).toBeGreaterThan(SEEDS.length * 3);
    expect(totals.invalidWrites).toBeGreaterThan(0);
  });
});
