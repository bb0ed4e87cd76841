// The one storage contract the server codes against: a facade over one store per area, each in
// its own file pair (sqlite/<area>.ts, postgres/<area>.ts) behind an interface of its own
// (account-types.ts, session-types.ts, record-types.ts, audit-types.ts, report-types.ts,
// indicator-types.ts). SQLite (embedded default) and PostgreSQL
// implement it and pass the same contract suites (test/server/store-contract.ts,
// test/server/sync-store-contract.ts).
//
// Adding an area (say devices): write its interface in <area>-types.ts, one class per database
// in sqlite/<area>.ts and postgres/<area>.ts over that database's connection, and a property
// here. Each implementation runs its methods inside its own connection's transaction helper,
// because the two drivers differ in kind (better-sqlite3 is synchronous, pg is asynchronous)
// and a shared transaction abstraction would leak SQL dialects into the callers.
import type { AccountStore } from './account-types';
import type { AuditStore } from './audit-types';
import type { IndicatorValueStore } from './indicator-types';
import type { RecordStore } from './record-types';
import type { ReportStore } from './report-types';
import type { SessionStore } from './session-types';

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
  /** Communes and users. */
  readonly accounts: AccountStore;
  /** Refresh-token sessions and the login rate limit. */
  readonly sessions: SessionStore;
  /** Synced records: pushes, pulls, seeding, idempotency keys, reports' reads. */
  readonly records: RecordStore;
  /** The append-only audit log (docs/privacy.md "Audit log"). */
  readonly audit: AuditStore;
  /** The province's compiled view of a reporting period, in SQL (docs/reports.md). */
  readonly reports: ReportStore;
  /** The communes' hand-entered indicator values of a period, in SQL (docs/reports.md). */
  readonly indicatorValues: IndicatorValueStore;

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
}

/** A store row that would break a uniqueness rule (commune id, username). */
export class DuplicateError extends Error {
  override readonly name = 'DuplicateError';
}

/** Keys of the `meta` table. */
export const META_KEYS = {
  /** The sync cursor epoch (docs/sync.md §5): rotated when the database is restored or re-seeded. */
  epoch: 'epoch',
  /** The HMAC key of access tokens when AUTH_SECRET is not set: generated once, shared by every instance. */
  authSecret: 'auth_secret',
} as const;

/** Callback for errors that happen outside any request, e.g. an idle PostgreSQL connection dropping. */
export type BackgroundErrorHandler = (error: Error) => void;
