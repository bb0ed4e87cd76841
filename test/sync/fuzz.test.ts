// Seeded fuzz (docs and src/shared/sync/PROTOCOL.md §10, I2/I3/I4/I9/I12): 2–4 phones on
// fake-indexeddb, each with its own account, role and skewed clock, run the app's real sync engine
// against the real server code on a SQLite file (test/helpers/fuzz-server.ts) through a network
// that loses, duplicates, holds back and reorders requests, answers stale pages and 503, while the
// server restarts (a new store on the same file) (test/helpers/faulty-network.ts).
// After quiescence every phone must equal the server, field by field and clock by clock; every
// local write must be on the server or in that phone's visible rejected list; and every mutation
// must have been applied exactly once (the planner remembered it once, and every delivery got the
// same answer). Fixed seeds, plus one random seed per run: a failing seed is printed; pin it in
// REGRESSION_SEEDS (or replay it with FUZZ_SEED=<seed>).
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runSyncRound } from '../../src/client/sync/engine';
import { HttpError, NetworkError } from '../../src/client/sync/errors';
import type { SyncTable } from '../../src/shared/schemas/tables';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { SyncUser } from '../../src/shared/sync/scopes';
import { faultyApi, type FuzzNetwork, type Stats } from '../helpers/faulty-network';
import { RealServer } from '../helpers/fuzz-server';
import { mulberry32 } from '../helpers/seeded-random';
import { checklistItemFields, comparable, logFields, makePhone, type TestPhone } from '../helpers/sync-fixtures';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
/** Seeds that once failed, kept as named regressions. */
const REGRESSION_SEEDS: number[] = [];
/** One more seed each run, so the fuzz keeps exploring; FUZZ_SEED replays a printed one. */
const RANDOM_SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const STEPS = 70;
const TABLES: SyncTable[] = ['assistanceLogs', 'checklistItems'];
const COMMUNE = 'xa-fuzz';
const PROVINCE = 'quang-ngai';
const DAY = 86_400_000;

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
  const network: FuzzNetwork = { faulty: true, held: [] };
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
