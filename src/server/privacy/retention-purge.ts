// The retention purge (docs/privacy.md "Retention"): citizens' details leave the records older
// than their province's limit (default 12 months after the log's date), and who asked leaves the
// requests closed longer ago than the same limit. The records stay, so every count in every report
// and the register's proof of each answer stay. Like an erasure, each purge is an ordinary record write with
// a server clock later than the details' clocks and a new row_seq: every phone of the commune
// receives it in its next pull, and a stale edit from a phone loses the merge.
//
// Batches of `batch` records, each in its own write transaction, with a pause between them, so a
// purge of a million records never holds the write lock long enough to stall a sync round. Each
// batch runs where the server's sync writes run (SyncRequests.purge): on SQLite the push thread,
// the one writer, so a batch queues with the pushes (and may share their commit) instead of
// fighting them for the write lock from the main thread, whose event loop serves the pulls.
// Idempotent and resumable without any state of its own: a purged record leaves the lookup index
// the purge reads (storage/lookups.ts), so a run that stops half-way is finished by the next.
import { holdsPersonalData, retentionStartOf, withoutPersonalData } from '../../shared/privacy/erasure';
import { DEFAULT_RETENTION_MONTHS, retentionCutoff, retentionMonthsSchema } from '../../shared/privacy/retention';
import type { SyncTable } from '../../shared/schemas/tables';
import type { SyncedRecord } from '../../shared/sync/merge';
import type { RecordStore } from '../storage/record-types';
import type { SyncStore } from '../storage/types';

export const PURGE_BATCH = 50;
/** A pause between two batches: sync rounds that arrived meanwhile go first. */
export const PURGE_PAUSE_MS = 20;

/** The server's pause between two batches (a timer that never keeps the process alive). */
export const purgePause = (): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, PURGE_PAUSE_MS).unref());
/** The user and client id of the purge's writes (never an account). */
const PURGE_CLIENT = 'server-retention';

/** The `meta` key of a province's limit in months (absent: the default). */
export const retentionMetaKey = (provinceId: string) => `retention_months:${provinceId}`;

/** The province's limit in months. */
export async function retentionMonths(store: Pick<SyncStore, 'getMeta'>, provinceId: string): Promise<number> {
  const raw = await store.getMeta(retentionMetaKey(provinceId));
  const parsed = retentionMonthsSchema.safeParse(raw === undefined ? undefined : Number(raw));
  return parsed.success ? parsed.data : DEFAULT_RETENTION_MONTHS;
}

/** One batch of one commune: its records holding personal data from before `cutoff`. */
export interface PurgeBatch {
  scope: string;
  cutoff: number;
  limit: number;
  now: number;
}

export interface PurgeOptions {
  now: number;
  batch?: number;
  /**
   * Runs one batch and resolves with the records it changed (the server: SyncRequests.purge, on
   * SQLite's push thread); by default `purgeBatch` on this store.
   */
  runBatch?: (batch: PurgeBatch) => Promise<number>;
  /** Awaited between two batches (the server waits a little so sync rounds go first). */
  pause?: () => Promise<void>;
  /** Stops the run before its next batch (the server is stopping); the next run resumes. */
  signal?: AbortSignal;
}

export interface PurgeResult {
  /** Records whose personal data this run removed. */
  records: number;
  /** Write transactions it took. */
  batches: number;
}

/** Purges every commune's records older than its province's limit. */
export async function purgeExpiredDetails(store: SyncStore, options: PurgeOptions): Promise<PurgeResult> {
  const { now, batch = PURGE_BATCH, pause = () => Promise.resolve() } = options;
  const runBatch = options.runBatch ?? ((job: PurgeBatch) => purgeBatch(store.records, job));
  const months = new Map<string, number>();
  const result: PurgeResult = { records: 0, batches: 0 };
  for (const commune of await store.accounts.listCommunes()) {
    let limit = months.get(commune.provinceId);
    if (limit === undefined) {
      limit = await retentionMonths(store, commune.provinceId);
      months.set(commune.provinceId, limit);
    }
    const cutoff = retentionCutoff(now, limit);
    for (;;) {
      if (options.signal?.aborted) return result;
      const changed = await runBatch({ scope: commune.id, cutoff, limit: batch, now });
      // Nothing left, or nothing left to change in what was listed (it changed meanwhile): the next run sees it.
      if (changed === 0) break;
      result.records += changed;
      result.batches += 1;
      await pause();
    }
  }
  return result;
}

/**
 * One batch: lists up to `limit` of the commune's records holding personal data from before
 * `cutoff` (the personal_at index) and writes them without it, in one scope write. Resolves with
 * how many it changed (0: nothing left to purge, or everything listed changed meanwhile).
 */
export async function purgeBatch(records: RecordStore, { scope, cutoff, limit, now }: PurgeBatch): Promise<number> {
  const rows = await records.listPersonalBefore(scope, cutoff, limit);
  if (rows.length === 0) return 0;
  const expired = (table: SyncTable, record: SyncedRecord) => {
    const start = retentionStartOf(table, record);
    return start !== undefined && Date.parse(start) < cutoff;
  };
  const committed = await records.push({
    scope,
    userId: PURGE_CLIENT,
    clientId: PURGE_CLIENT,
    mutationIds: [],
    recordKeys: rows.map((row) => ({ table: row.table, id: row.record.id })),
    now,
    // Checked again inside the transaction: a record changed since it was listed is purged
    // only if it still holds personal data and is still past the limit.
    plan: (state) => ({
      remember: [],
      writes: state.records
        .filter((row) => row.scope === scope && holdsPersonalData(row.table, row.record) && expired(row.table, row.record))
        .map((row) => ({ table: row.table, record: withoutPersonalData(row.table, row.record, now) })),
    }),
  });
  return committed.plan.writes.length;
}
