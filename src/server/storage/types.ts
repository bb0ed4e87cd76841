// The one storage contract the server codes against. SQLite (embedded default) and
// PostgreSQL implement it and pass the same contract suite (test/server/store-contract.ts).
//
// How it grows: the sync issue adds domain methods here (apply a push, read changes
// since a cursor, idempotency keys). Each implementation runs them inside its own
// private transaction helper, because the two drivers differ in kind (better-sqlite3 is
// synchronous, pg is asynchronous) and a shared transaction abstraction would leak SQL
// dialects into the callers.

import type { Role } from '../../shared/permissions';
import type { SyncTable } from '../../shared/schemas/tables';
import type { SyncedRecord } from '../../shared/sync/merge';

export type StoreKind = 'sqlite' | 'postgres';

export interface StoreHealth {
  /** Reachable and migrated to the schema version this code expects. */
  ok: boolean;
  /** Highest applied migration; 0 before the first migration or when unreachable. */
  schemaVersion: number;
}

export interface MigrationResult {
  /** Versions applied by this call, in order; empty when the schema was already current. */
  applied: number[];
  schemaVersion: number;
}

export interface SyncStore {
  readonly kind: StoreKind;
  /** Brings the schema up to date in one transaction; safe to call again and from two processes at once. */
  migrate(): Promise<MigrationResult>;
  /** Never rejects: a failing database reports `ok: false`. */
  health(): Promise<StoreHealth>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** Stores `value` unless the key already has one; returns the value that is stored (race-safe). */
  ensureMeta(key: string, value: string): Promise<string>;
  /** Releases the connection(s); calling it again does nothing. */
  close(): Promise<void>;

  // ---------- communes and users ----------
  /** Throws DuplicateError when the id is taken. */
  createCommune(commune: CommuneRow): Promise<void>;
  getCommune(id: string): Promise<CommuneRow | undefined>;
  listCommunes(): Promise<CommuneRow[]>;
  /** Throws DuplicateError when the username is taken (case-insensitive). */
  createUser(user: NewUser): Promise<void>;
  /** Case-insensitive. */
  findUserByUsername(username: string): Promise<UserRow | undefined>;
  listUsers(): Promise<UserRow[]>;
  /** Sets a new password hash and revokes every session of the user, in one transaction. */
  setPassword(userId: string, passwordHash: string, now: number): Promise<void>;
  /** Disables (and revokes every session of) or re-enables an account. */
  setUserDisabled(userId: string, disabled: boolean, now: number): Promise<void>;

  // ---------- sessions (refresh-token families) ----------
  createSession(session: NewSession): Promise<void>;
  /** The session and its user, for checking an access token; undefined when unknown. */
  getSession(sessionId: string): Promise<SessionWithUser | undefined>;
  /**
   * Atomically replaces a refresh token by a new one in the same session. A token that was
   * already replaced is a reuse: the whole session is revoked (PRIVACY-SECURITY B.2 item 7).
   */
  rotateRefreshToken(rotation: RefreshRotation): Promise<RefreshOutcome>;
  /** The session a refresh token belongs to, whatever its state (for logout). */
  findSessionByRefreshHash(tokenHash: string): Promise<string | undefined>;
  revokeSession(sessionId: string, reason: string, now: number): Promise<void>;

  // ---------- login rate limit ----------
  /** Failures per key since `since`, with the oldest one's time (to compute Retry-After). */
  recentLoginFailures(keys: readonly string[], since: number): Promise<Map<string, { count: number; oldest: number }>>;
  /** Records a failure under every key and forgets failures older than `forgetBefore`. */
  recordLoginFailure(keys: readonly string[], at: number, forgetBefore: number): Promise<void>;
  clearLoginFailures(key: string): Promise<void>;

  // ---------- sync ----------
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
  /** Forgets idempotency keys applied before `before` (kept ≥ 180 days, SYNC.md §5). */
  pruneAppliedMutations(before: number): Promise<number>;

  // ---------- reports ----------
  /** The records of some tables in one scope (read-only), for the province report (issue #6). */
  listRecords(query: RecordQuery): Promise<StoredRecord[]>;
}

/** A store row that would break a uniqueness rule (commune id, username). */
export class DuplicateError extends Error {
  override readonly name = 'DuplicateError';
}

export interface CommuneRow {
  id: string;
  name: string;
  provinceId: string;
  createdAt: number;
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** null for admins. */
  communeId: string | null;
  /** Admins only; a commune user's province is their commune's. */
  provinceId: string | null;
  passwordHash: string;
  now: number;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  communeId: string | null;
  /** The admin's province, or the province of the user's commune. */
  provinceId: string | null;
  passwordHash: string;
  disabled: boolean;
  createdAt: number;
  passwordChangedAt: number;
}

export interface NewSession {
  sessionId: string;
  userId: string;
  tokenHash: string;
  now: number;
  tokenExpiresAt: number;
  sessionExpiresAt: number;
}

export interface SessionWithUser {
  sessionId: string;
  expiresAt: number;
  revokedAt: number | null;
  user: UserRow;
}

export interface RefreshRotation {
  oldHash: string;
  newHash: string;
  now: number;
  /** Expiry of the new token (never beyond the session's own). */
  tokenExpiresAt: number;
}

export type RefreshOutcome =
  | { kind: 'rotated'; sessionId: string; userId: string }
  | { kind: 'reused'; sessionId: string; userId: string }
  | { kind: 'expired' | 'revoked'; sessionId: string; userId: string }
  | { kind: 'unknown' };

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
}

export interface PushPlan {
  /** Mutation ids seen for the first time and their outcome, to remember. */
  remember: readonly { mutationId: string; outcome: MutationOutcome }[];
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

export interface RecordQuery {
  scope: string;
  tables: readonly SyncTable[];
  /** Only records whose `occurredAt` (an ISO UTC string) is ≥ from and < before. */
  occurredAt?: { from: string; before: string };
}

export interface PullPage {
  /** The epoch read in the same snapshot as the rows. */
  epoch: string;
  scopes: { scope: string; rows: StoredRecord[]; hasMore: boolean; headSeq: number }[];
}

/** Keys of the `meta` table. */
export const META_KEYS = {
  /** The sync cursor epoch (SYNC.md §5): rotated when the database is restored or re-seeded. */
  epoch: 'epoch',
  /** The HMAC key of access tokens when AUTH_SECRET is not set: generated once, shared by every instance. */
  authSecret: 'auth_secret',
} as const;

/** Callback for errors that happen outside any request, e.g. an idle PostgreSQL connection dropping. */
export type BackgroundErrorHandler = (error: Error) => void;
