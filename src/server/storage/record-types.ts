// The record store: synced records, pushes, pulls, idempotency keys and the reads of reports.
// One implementation for both databases (records.ts, their differences in sqlite/records.ts and
// postgres/records.ts) passes the contract suite (test/server/sync-store-contract.ts).
import type { SyncTable } from '../../shared/schemas/tables';
import type { SyncedRecord } from '../../shared/sync/merge';
import type { CitizenLookup } from './lookups';

export interface RecordStore {
  /**
   * Applies one push in one write transaction: locks the scope's counter row first, loads the
   * mutations already applied and the records named, calls `batch.plan` (pure, synchronous) and
   * writes what it decided, each changed record with the next row_seq of the scope. Resolves only
   * after COMMIT.
   */
  push<P extends PushPlan>(batch: PushBatch<P>): Promise<PushCommitted<P>>;
  /** Reads one page over several scopes from one consistent snapshot (read-only). */
  pull(request: PullRequest): Promise<PullPage>;
  /** Inserts records the scope does not have yet (seeded reference data); returns how many. */
  seedRecords(scope: string, records: readonly { table: SyncTable; record: SyncedRecord }[]): Promise<number>;
  /** Forgets idempotency keys applied before `before` (kept ≥ 180 days, docs/sync.md §5). */
  pruneAppliedMutations(before: number): Promise<number>;
  /** The records of some tables in one scope (read-only), for the province report (issue #6). */
  listRecords(query: RecordQuery): Promise<StoredRecord[]>;
  /** The records of `table` in `scope` whose lookup keys equal every key given (lookups.ts), read through their index. */
  findByLookup(query: LookupQuery): Promise<StoredRecord[]>;
  /** Up to `limit` records of `scope` holding personal data dated before `before` (Unix ms), oldest first. */
  listPersonalBefore(scope: string, before: number, limit: number): Promise<StoredRecord[]>;
  /**
   * Writes the lookup columns of up to `limit` records of `tables` (default: every personal table)
   * after `after` (in key order), each batch in one transaction; returns the last key read, or null
   * when none remain.
   */
  backfillLookups(after: RecordKey | null, limit: number, tables?: readonly SyncTable[]): Promise<RecordKey | null>;
  /**
   * Writes the reports' facts (report-facts.ts) of up to `limit` logs, sessions and submissions
   * after `after` (in key order) in one transaction; returns the last key read, or null when none remain.
   */
  backfillFacts(after: RecordKey | null, limit: number): Promise<RecordKey | null>;
  /**
   * When enough of a quota's rolling window has aged out (Unix ms, add the window's length): the
   * applied_at of the window's oldest changes (from `keys.since`) that together reach `excess`
   * changes or bytes. null when the window holds less than that (the push alone is too large).
   */
  quotaFreesAt(keys: QuotaKeys, window: QuotaWindow, excess: number): Promise<number | null>;
}

/** Where a record is stored: its table, id and scope (the primary key of `records`). */
export interface RecordKey {
  table: string;
  id: string;
  scope: string;
}

/** Records of one table found through the lookup columns (lookups.ts): every key given must match; none given finds nothing. */
export interface RecordFind extends CitizenLookup {
  table: SyncTable;
}

export interface LookupQuery extends RecordFind {
  scope: string;
}

/** A synced record as stored: the record (fields flat + clocks), where it lives and its sequence. */
export interface StoredRecord {
  table: SyncTable;
  scope: string;
  record: SyncedRecord;
  rowSeq: number;
}

export type MutationOutcome = { status: 'acked' } | { status: 'rejected'; code: string; message: string };

export interface AppliedMutation {
  mutationId: string;
  userId: string;
  outcome: MutationOutcome;
}

/** What a push's planner sees, read inside the write transaction after the scope lock. */
export interface PushState {
  /** Mutations of this batch the server has already applied, by id. */
  applied: ReadonlyMap<string, AppliedMutation>;
  /** Every stored row with the (table, id) of a record the batch names, in any scope. */
  records: readonly StoredRecord[];
  /** With PushBatch.quota: the changes applied since `quota.since`, read after the scope's lock. */
  recentWrites?: RecentWrites;
  /** With PushBatch.find: the batch scope's records it finds, read after the scope's lock. */
  found?: readonly StoredRecord[];
}

/** Changes applied (remembered mutation ids, whatever their outcome) since a moment. */
export interface RecentWrites {
  /** By the pushing member. */
  user: number;
  /** By every member of the pushing member's commune (0 without a commune). */
  commune: number;
  /** The bytes of those changes' fields (migration 11), by the member and by the commune. */
  userBytes: number;
  communeBytes: number;
}

/** Whose window a quota counts, and whether it counts changes or their bytes. */
export interface QuotaWindow {
  of: 'user' | 'commune';
  measure: 'changes' | 'bytes';
}

/** Whose recent changes a push counts for the write quotas (docs/sync.md "Write quotas"). */
export interface QuotaKeys {
  userId: string;
  communeId: string | null;
  /** Unix ms: changes applied at or after it count. */
  since: number;
}

export interface PushPlan {
  /** Mutation ids seen for the first time and their outcome, to remember; `userId`: a relayed change's author (else the pusher). */
  remember: readonly { mutationId: string; outcome: MutationOutcome; userId?: string }[];
  /** Records that changed, in their final state; each gets the next row_seq of the scope. */
  writes: readonly { table: SyncTable; record: SyncedRecord }[];
}

export interface PushBatch<P extends PushPlan = PushPlan> {
  scope: string;
  userId: string;
  clientId: string;
  mutationIds: readonly string[];
  recordKeys: readonly { table: SyncTable; id: string }[];
  now: number;
  /** Count recent writes (PushState.recentWrites) under the scope's lock, so racing pushes see each other. */
  quota?: QuotaKeys;
  /**
   * Also find records of this scope through their lookup columns under the scope's lock
   * (PushState.found): an erasure searches and writes in one transaction, so what it erases is
   * what the store holds when it writes, and it reads each row once.
   */
  find?: RecordFind;
  /** The bytes of each mutation's fields, by mutation id, remembered with it for the quotas (absent: 0). */
  sizes?: ReadonlyMap<string, number>;
  /** Pure and synchronous: SQLite transactions cannot await. */
  plan: (state: PushState) => P;
}

export interface PushCommitted<P extends PushPlan = PushPlan> {
  plan: P;
  /** The scope's sequence after the push. */
  scopeSeq: number;
}

export interface PullRequest {
  /** Scopes in delivery order, each after the sequence the client has seen. */
  scopes: readonly { scope: string; after: number }[];
  limit: number;
}

export interface PullPage {
  /** The epoch read in the same snapshot as the rows. */
  epoch: string;
  scopes: { scope: string; rows: StoredRecord[]; hasMore: boolean; headSeq: number }[];
}

export interface RecordQuery {
  scope: string;
  tables: readonly SyncTable[];
  /** Only records whose `occurredAt` (an ISO UTC string) is ≥ from and < before. */
  occurredAt?: { from: string; before: string };
}
