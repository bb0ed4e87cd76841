// One sync round (docs/sync.md §3): push the outbox oldest-first in small batches, then pull pages until
// the server has no more. Pure orchestration: storage (data/sync-repository), the network
// (an authenticated API) and the clock are injected, so the unit and fuzz tests drive it with a
// fake server and fake time. Errors are thrown to the caller (the scheduler decides on retries).
import { HttpError, ProtocolError } from './errors';
import type { Timed } from './transport';
import type { OutboxBatch, PulledChange, PushOutcome, ServerClock } from '../data/sync-shapes';
import type { Rejection } from '../../shared/sync/protocol';
import { CLOCKS_KEY, CURRENT_SCHEMA_VERSION, LIMITS, fromWireRecord, mutationSchema, type PulledPage, type PushRequest, type PushResponse, type WireRecord } from '../../shared/sync/protocol';
import { SYNC_TABLES, isSyncTable } from '../../shared/schemas/tables';
import { clockOffset } from '../../shared/sync/hlc';

/** What the engine needs from storage; SyncRepository implements it. */
export interface EngineStore {
  readOutboxBatch(maxCount: number, maxBytes: number): Promise<OutboxBatch>;
  countOutbox(): Promise<number>;
  getClientId(): Promise<string>;
  /**
   * Where the next pull starts: the stored cursor, forgotten first if changes of one of `known`
   * were once set aside as unknown (so they are pulled again after an app update).
   */
  pullCursor(known: readonly string[]): Promise<string | undefined>;
  resetCursor(): Promise<void>;
  applyPushResult(input: { acked: readonly string[]; rejected: readonly Rejection[]; at: string; serverClock?: ServerClock }): Promise<PushOutcome>;
  applyPulledPage(input: { changes: readonly PulledChange[]; cursor: string; serverClock: ServerClock; skippedTables: readonly string[]; hasMore?: boolean }): Promise<void>;
  /**
   * Work on a page that needs no transaction (sealing citizen details), done while the page
   * before it is still being written; its result is what applyPulledPage then stores.
   */
  preparePulledPage?(changes: readonly PulledChange[]): Promise<readonly PulledChange[]>;
  /** readOutboxBatch's and pullCursor's reads at once, in one transaction (readRoundStart). */
  readRoundStart?(maxCount: number, maxBytes: number, known: readonly string[]): RoundStart;
}

/** The server, already authenticated (access-token.ts wraps the transport). */
export interface EngineApi {
  push(request: PushRequest): Promise<Timed<PushResponse>>;
  pull(cursor: string | undefined, limit: number): Promise<Timed<PulledPage>>;
}

export type SyncProgress = { stage: 'push'; done: number; total: number } | { stage: 'pull'; received: number };

type RoundLimits = Pick<RoundOptions, 'pushBatch' | 'pushBytes'>;

export interface RoundOptions {
  store: EngineStore;
  api: EngineApi;
  now: () => number;
  onProgress?: (progress: SyncProgress) => void;
  /** Defaults: docs/sync.md's 100 mutations / 64 KB per push, the server's maximum page for pulls. */
  pushBatch?: number;
  pushBytes?: number;
  pullLimit?: number;
}

export interface RoundStats {
  pushed: number;
  rejected: number;
  pulled: number;
  pushRequests: number;
  pullRequests: number;
}

/**
 * Statuses on which the server refused a whole push, possibly for one change in it. The batch is
 * halved until the culprit is alone; a single mutation refused that way can never succeed, so it
 * moves to the "not accepted" list instead of blocking the queue forever (docs/sync.md §7
 * 12) — for 400/409/422 only when the mutation itself is malformed: a well-formed one refused
 * alone means the request is at fault (a bug), and the outbox is kept.
 */
const SPLIT_ON = new Map<number, string>([
  [413, 'too_large'],
  [400, 'invalid'],
  [409, 'conflict'],
  [422, 'invalid'],
]);

/** A round's first reads, asked for together: the outbox's first batch and where the pull starts. */
export interface RoundStart {
  batch: Promise<OutboxBatch>;
  cursor: Promise<string | undefined>;
}

/**
 * Starts a round's first reads. In a round with nothing to push (most rounds) the pull request
 * leaves after this one trip to IndexedDB: a store that can (SyncRepository) reads both, with the
 * session and the outbox's size its caller needs (runtime.ts), in one transaction
 * (docs/performance.md "Incremental sync"). Read inside the round's lock: nothing else changes the
 * outbox's head or the cursor meanwhile but a local write, which only appends to the outbox
 * (pushed in a later batch or round).
 */
export function readRoundStart<Start extends RoundStart>(options: RoundLimits & { store: EngineStore & { readRoundStart(maxCount: number, maxBytes: number, known: readonly string[]): Start } }): Start;
export function readRoundStart(options: RoundLimits & { store: EngineStore }): RoundStart;
export function readRoundStart(options: RoundLimits & { store: EngineStore }): RoundStart {
  const maxCount = options.pushBatch ?? LIMITS.clientPushBatch;
  const maxBytes = options.pushBytes ?? LIMITS.clientPushBytes;
  if (options.store.readRoundStart) return options.store.readRoundStart(maxCount, maxBytes, SYNC_TABLES);
  const start = { batch: options.store.readOutboxBatch(maxCount, maxBytes), cursor: options.store.pullCursor(SYNC_TABLES) };
  // A caller that stops before the round (nobody signed in, a locked phone) never awaits them.
  start.batch.catch(() => undefined);
  start.cursor.catch(() => undefined);
  return start;
}

export async function runSyncRound(options: RoundOptions, start: RoundStart = readRoundStart(options)): Promise<RoundStats> {
  const stats: RoundStats = { pushed: 0, rejected: 0, pulled: 0, pushRequests: 0, pullRequests: 0 };
  await pushOutbox(options, stats, start.batch);
  // A push may forget the cursor (a refused change to repair, docs/sync.md §7): after any push it is read again.
  await pullAll(options, stats, stats.pushRequests > 0 ? options.store.pullCursor(SYNC_TABLES) : start.cursor);
  return stats;
}

/**
 * Pushes the outbox, no pull: a withdrawn phone's last push before its wipe (withdrawal.ts).
 * Returns how many changes the server answered (acked or refused).
 */
export async function pushOnly(options: RoundOptions): Promise<number> {
  const stats: RoundStats = { pushed: 0, rejected: 0, pulled: 0, pushRequests: 0, pullRequests: 0 };
  await pushOutbox(options, stats);
  return stats.pushed + stats.rejected;
}

async function pushOutbox(options: RoundOptions, stats: RoundStats, first?: Promise<OutboxBatch>): Promise<void> {
  const { store, api, now, onProgress } = options;
  let maxCount = options.pushBatch ?? LIMITS.clientPushBatch;
  let maxBytes = options.pushBytes ?? LIMITS.clientPushBytes;
  let done = 0;
  let clientId: string | undefined;
  let prefetched = first;
  for (;;) {
    const batch = await (prefetched ?? store.readOutboxBatch(maxCount, maxBytes));
    prefetched = undefined;
    // An empty outbox costs no request at all (an idle round is one pull).
    if (batch.entries.length === 0) return;
    onProgress?.({ stage: 'push', done, total: done + (await store.countOutbox()) });
    clientId ??= await store.getClientId();
    stats.pushRequests += 1;
    let answer: Timed<PushResponse>;
    try {
      answer = await api.push({ clientId, schemaVersion: CURRENT_SCHEMA_VERSION, mutations: batch.mutations });
    } catch (error) {
      const code = error instanceof HttpError ? SPLIT_ON.get(error.status) : undefined;
      if (!(error instanceof HttpError) || code === undefined) throw error;
      if (batch.entries.length > 1) {
        maxCount = Math.max(1, Math.floor(batch.entries.length / 2));
        maxBytes = Math.max(1, Math.floor(batch.bytes / 2));
        continue;
      }
      const [only] = batch.entries;
      if (error.status !== 413 && mutationSchema.safeParse(batch.mutations[0]).success) throw error;
      const message = error.code === 'unknown' ? error.message : error.code;
      await store.applyPushResult({ acked: [], rejected: [{ id: only!.id, code, message }], at: new Date(now()).toISOString() });
      stats.rejected += 1;
      done += 1;
      continue;
    }
    const sent = new Set(batch.entries.map((entry) => entry.id));
    const acked = answer.body.acked.filter((id) => sent.has(id));
    const rejected = answer.body.rejected.filter((rejection) => sent.has(rejection.id));
    const outcome = await store.applyPushResult({ acked, rejected, at: answer.body.serverTime, serverClock: serverClock(answer) });
    // An answer that settles nothing would make this loop push the same batch forever.
    if (outcome.settled === 0) throw new ProtocolError('push answer acknowledged none of the mutations sent');
    stats.pushed += outcome.settled;
    stats.rejected += rejected.length;
    done += outcome.settled;
  }
}

async function pullAll(options: RoundOptions, stats: RoundStats, from: Promise<string | undefined>): Promise<void> {
  const { store, api, onProgress } = options;
  const limit = options.pullLimit ?? LIMITS.pullMax;
  // After an app update, tables this version learned were skipped by an earlier one: pullCursor
  // then starts from the beginning.
  const cursor = await from;
  let next = startPull(api, cursor, limit, stats);
  let firstPage = true;
  // The page being written while the next one is read and prepared (docs/sync.md §3): pages are
  // still written one after the other, in order, each with its own cursor.
  let writing: Promise<void> | undefined;
  try {
    for (;;) {
      let answer: Timed<PulledPage>;
      try {
        answer = await next;
      } catch (error) {
        // A cursor the server cannot read (a server replaced by another): start from the beginning
        // once. Re-applying records by rebase is harmless; staying stuck on the cursor is not.
        if (!(firstPage && cursor !== undefined && error instanceof HttpError && error.status === 400)) throw error;
        await store.resetCursor();
        next = startPull(api, undefined, limit, stats);
        firstPage = false;
        continue;
      }
      firstPage = false;
      const { changes, skippedTables } = decodePage(answer.body);
      const { hasMore } = answer.body;
      // Ask for the next page while this one is written: on a slow link the request's round trip
      // overlaps the IndexedDB work. Its cursor comes from this answer, and is stored only with
      // this page, so an interruption still resumes after the last page really applied.
      if (hasMore) next = startPull(api, answer.body.cursor, limit, stats);
      const prepared = store.preparePulledPage ? store.preparePulledPage(changes) : Promise.resolve(changes);
      prepared.catch(() => undefined);
      await writing;
      const page = { changes: await prepared, cursor: answer.body.cursor, serverClock: serverClock(answer), skippedTables, hasMore };
      writing = store.applyPulledPage(page).then(() => {
        stats.pulled += changes.length;
        onProgress?.({ stage: 'pull', received: stats.pulled });
      });
      if (!hasMore) return await writing;
    }
  } catch (error) {
    // A page already on its way to the disk is finished first (its cursor with it), so the round
    // ends with nothing written behind the caller's back, and the next round resumes after it.
    await writing?.catch(() => undefined);
    throw error;
  }
}

function startPull(api: EngineApi, cursor: string | undefined, limit: number, stats: RoundStats): Promise<Timed<PulledPage>> {
  stats.pullRequests += 1;
  const request = api.pull(cursor, limit);
  // If the page before it fails to apply, nobody awaits this one: keep its rejection handled.
  request.catch(() => undefined);
  return request;
}

function decodePage(page: PulledPage): { changes: PulledChange[]; skippedTables: string[] } {
  const changes: PulledChange[] = [];
  const skipped = new Set<string>();
  try {
    for (const raw of page.changes) {
      // A table this version does not know is set aside (protocol.ts pulledPageSchema).
      if (!isSyncTable(raw.table)) {
        skipped.add(raw.table);
        continue;
      }
      changes.push({ table: raw.table, record: fromWireRecord(wireRecordOf(raw.id, raw.record)) });
    }
  } catch (error) {
    // A page that cannot be decoded is not applied and its cursor not stored (pitfall 4).
    throw error instanceof ProtocolError ? error : new ProtocolError(`pulled page cannot be decoded: ${String(error)}`);
  }
  return { changes, skippedTables: [...skipped] };
}

/**
 * changeSchema's check of a pulled record, without zod copying every field of every record (a
 * tenth of a first sync's time): a plain object whose id is the change's (pulledPageSchema has
 * checked that one is a UUID) and whose `_c` maps clocks to lists of field names. The clocks
 * themselves are checked as they are decoded (fromWireRecord).
 */
function wireRecordOf(id: string, record: unknown): WireRecord {
  if (!isPlainObject(record)) throw new ProtocolError(`change ${id}: the record is not an object`);
  if (record.id !== id) throw new ProtocolError(`change ${id} carries record ${String(record.id)}`);
  const clocks = record[CLOCKS_KEY];
  if (!isPlainObject(clocks)) throw new ProtocolError(`change ${id}: no field clocks`);
  for (const fields of Object.values(clocks)) {
    if (!Array.isArray(fields) || !fields.every((field) => typeof field === 'string')) throw new ProtocolError(`change ${id}: field clocks are not lists of field names`);
  }
  return record as WireRecord;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function serverClock(answer: Timed<{ serverTime: string }>): ServerClock {
  try {
    return { offsetMs: clockOffset(answer.body.serverTime, answer.sentAt, answer.receivedAt), now: answer.receivedAt };
  } catch {
    throw new ProtocolError(`serverTime is not a date: ${answer.body.serverTime}`);
  }
}
