// The one storage contract the server codes against. SQLite (embedded default) and
// PostgreSQL implement it and pass the same contract suite (test/server/store-contract.ts).
//
// How it grows: the sync issue adds domain methods here (apply a push, read changes
// since a cursor, idempotency keys). Each implementation runs them inside its own
// private transaction helper, because the two drivers differ in kind (better-sqlite3 is
// synchronous, pg is asynchronous) and a shared transaction abstraction would leak SQL
// dialects into the callers.

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
  /** Releases the connection(s); calling it again does nothing. */
  close(): Promise<void>;
}

/** Keys of the `meta` table. */
export const META_KEYS = {
  /** The sync cursor epoch (SYNC.md §5): rotated when the database is restored or re-seeded. */
  epoch: 'epoch',
} as const;

/** Callback for errors that happen outside any request, e.g. an idle PostgreSQL connection dropping. */
export type BackgroundErrorHandler = (error: Error) => void;
