// The one Dexie instance: the only code in the app that opens IndexedDB.
// Repositories beside this file expose domain functions; screens never touch `db`.
import { Dexie, type EntityTable, type PromiseExtended, type Table } from 'dexie';
import type { z } from 'zod';
import type { FieldClocks, SyncedRecord } from '../../shared/sync/merge';
import type { Hlc } from '../../shared/sync/hlc';
import type { Relay } from '../../shared/sync/protocol';
import type { SyncTable, TABLE_SCHEMAS } from '../../shared/schemas/tables';
import type { PhoneAuditKind } from '../../shared/privacy/audit';
import { DATABASE_NAME } from './boot-settings';
import type { SEALED_FIELDS } from './sealed-fields';
import type { Sealed } from './vault/crypto';

/** A device-local preference or state (language, signed-in user, clock…). Never synced. */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** A local change waiting for the server's acknowledgement (docs/sync.md §3). */
export interface OutboxEntry {
  /** Local insertion order: the outbox is pushed oldest first. */
  seq?: number;
  /** The mutation id (UUIDv7): pushing it twice applies it once. */
  id: string;
  table: SyncTable;
  recordId: string;
  hlc: Hlc;
  fields: Record<string, unknown>;
  createdAt: string;
  /** A colleague's change handed over to this phone: its author and the author's MAC (docs/field-aids.md §2). */
  relay?: Relay;
}

/**
 * A change the server refused for good (docs/sync.md §3): it left the outbox, and stays here, visible,
 * until the user has read it and dismissed it. Never dropped silently.
 */
export interface RejectedChange extends OutboxEntry {
  /** A REJECTION_CODES value, or 'conflict' / 'unknown' for refusals of a whole request. */
  code: string;
  /** A validation key (validation.*) or the server's short explanation. */
  message: string;
  rejectedAt: string;
  /**
   * Set while another member uses a shared phone: the member whose change it was. Kept for them,
   * sealed with their key, and shown again when they sign in (docs/security.md "Shared phone").
   * Absent: the signed-in member's.
   */
  heldFor?: string;
}

/** The signed-in member's refused change (not one held for another member of this phone). */
export const isOwnRejected = (change: RejectedChange): boolean => change.heldFor === undefined;

/** A form draft, per user, so a crash or reload never loses what was typed. */
export interface DraftRow {
  key: string;
  userId: string;
  value: unknown;
  updatedAt: string;
}

/** A synced record of one table as the shared schema defines it (metadata and fields, no clocks). */
export type RecordOf<T extends SyncTable> = z.infer<(typeof TABLE_SCHEMAS)[T]['record']>;

/** The fields of table T stored sealed (sealed-fields.ts); never for a table with none. */
export type SealedName<T extends SyncTable> = T extends keyof typeof SEALED_FIELDS ? (typeof SEALED_FIELDS)[T][number] : never;

/**
 * Fields F as they lie on disk: each field named in K holds its sealed envelope, or the plaintext a
 * release before encryption left there (seal-migration.ts seals it after the next unlock); null
 * stays null. The other fields are as F has them.
 */
export type AtRest<F, K extends PropertyKey> = { [P in keyof F]: P extends K ? F[P] | Sealed : F[P] };

/** Fields F with the values of K opened: what sealed-records.ts gives back (never an envelope). */
export type Opened<F, K extends PropertyKey> = { [P in keyof F]: P extends K ? Exclude<F[P], Sealed> : F[P] };

/**
 * A row of a synced table as IndexedDB holds it: the record, fields flat, plus `clocks` (the HLC of
 * each field's write), its sealed fields possibly envelopes (AtRest). The type is the schema's
 * because every row passed it before it was stored: a local write is validated by the repository
 * before writeRecord, a pulled record by the server before it is served, a seeded one when the
 * seed is built. Fields a newer server adds are carried along unread. One gap is known and
 * short-lived: when the server refuses a change, the fields it set are taken out of the row
 * (sync-repository.ts undoRejectedWrite) and the next pull, which the engine starts at once,
 * brings the server's values back.
 */
export type StoredRecord<T extends SyncTable> = AtRest<RecordOf<T>, SealedName<T>> & RowKeys;

/**
 * `id` and `clocks` are never sealed; said again so that code generic over the table reads them (a
 * type, not an interface: a row must stay assignable to a record of unknown fields).
 */
type RowKeys = { readonly id: string; readonly clocks: FieldClocks };

/**
 * A synced record as a screen reads it: a StoredRecord with its sealed fields opened, which only
 * sealed-records.ts openRows / openRow / openFields produce. An opened value is the one that was
 * sealed (AES-GCM authenticates it with its table, record and field), so it has the field's type.
 * Every domain type a screen receives is built from this one, so a screen can never be handed an
 * envelope: the type system refuses it.
 */
export type OpenedRecord<T extends SyncTable> = Opened<StoredRecord<T>, SealedName<T>>;

/**
 * An audit event this phone recorded (a view of a citizen's details), kept until the server
 * accepts it (docs/privacy.md "Audit log"). It names a log id, never a citizen.
 */
export interface AuditEventRow {
  id: string;
  /** The member who was signed in: only their own events are sent with their token. */
  userId: string;
  kind: PhoneAuditKind;
  subjectId: string | null;
  occurredAt: string;
  details: Record<string, unknown>;
}

/** The logs' indexes of version 1 (the list's single filters: [field+occurredAt], log-scan.ts). */
const LOG_INDEXES_V1 = 'id, occurredAt, followUpAt, updatedAt, [serviceId+occurredAt], [villageId+occurredAt], [createdBy+occurredAt], [outcome+occurredAt]';

/**
 * The log list's filters, most selective first (a commune has some 30 kinds of help, 5–15
 * villages, 3–10 members, 6 outcomes of which "done" is most): log-scan.ts reads through the
 * index of the first two a filter uses.
 */
export const LOG_FILTER_FIELDS = ['serviceId', 'villageId', 'createdBy', 'outcome'] as const;

/** Version 9: one [a+b+occurredAt] index for each pair of LOG_FILTER_FIELDS, in that order. */
export const LOG_PAIR_INDEXES: readonly string[] = LOG_FILTER_FIELDS.flatMap((a, i) => LOG_FILTER_FIELDS.slice(i + 1).map((b) => `[${a}+${b}+occurredAt]`));

export class AppDatabase extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  drafts!: EntityTable<DraftRow, 'key'>;
  syncState!: EntityTable<SettingRow, 'key'>;
  rejectedChanges!: EntityTable<RejectedChange, 'id'>;
  auditEvents!: EntityTable<AuditEventRow, 'id'>;
  /** Another tab deleted the database: this tab never opens it again (see the constructor). */
  private deletedElsewhere = false;

  constructor(name = DATABASE_NAME) {
    // Durability is chosen, not assumed (docs/sync.md §1): a commit is on disk before Dexie resolves,
    // so a phone that dies right after "saved" keeps the record and its outbox entry.
    // No query cache: a pulled page is written straight to IndexedDB, and a live query woken for
    // it (change-notice.ts) must read the disk (docs/performance.md "First sync").
    super(name, { chromeTransactionDurability: 'strict', cache: 'disabled' });
    // Version 1 is not released yet: its indexes may still change. After the first release,
    // every change is a new version (with an upgrade that also migrates outbox payloads).
    this.version(1).stores({
      settings: 'key',
      outbox: '++seq, &id, [table+recordId]',
      drafts: 'key, userId',
      syncState: 'key',
      rejectedChanges: 'id, rejectedAt',
      // Compound [filter+occurredAt] indexes let the log list page newest-first inside one filter value
      // without scanning other rows (log-scan.ts).
      assistanceLogs: LOG_INDEXES_V1,
      groupSessions: 'id, occurredAt, villageId, createdBy',
      contacts: 'id, communeId, roleId, *phones, zalo',
      checklists: 'id, templateId',
      checklistItems: 'id, checklistId',
      checklistTemplates: 'id, templateId, [templateId+version]',
      services: 'id, code',
      villages: 'id, name',
      signOffs: 'id, checklistId',
    } satisfies Record<Exclude<SyncTable, 'teamMembers' | 'communeProfiles' | 'provinceContacts' | 'periodReports' | 'reportSubmissions' | 'rightsRequests' | 'serviceGuides' | 'guideImages' | 'reportSettings' | 'indicatorValues'> | 'settings' | 'outbox' | 'drafts' | 'syncState' | 'rejectedChanges', string>);
    // The roster and the commune's name, published by the server (docs/accounts.md).
    this.version(2).stores({ teamMembers: 'id', communeProfiles: 'id' } satisfies Record<Extract<SyncTable, 'teamMembers' | 'communeProfiles'>, string>);
    // The audit events waiting to be sent (audit-repository.ts), per member.
    this.version(3).stores({ auditEvents: 'id, [userId+subjectId]' });
    // The province's support contacts, published by the province admin (docs/reference-data.md).
    this.version(4).stores({ provinceContacts: 'id' } satisfies Record<Extract<SyncTable, 'provinceContacts'>, string>);
    // One draft per commune and period; submissions are read per draft (period-report-repository.ts).
    this.version(5).stores({ periodReports: 'id, periodStart', reportSubmissions: 'id, reportId' } satisfies Record<Extract<SyncTable, 'periodReports' | 'reportSubmissions'>, string>);
    // The register of citizens' requests, newest received first (rights-request-repository.ts).
    this.version(6).stores({ rightsRequests: 'id, receivedOn' } satisfies Record<Extract<SyncTable, 'rightsRequests'>, string>);
    // The province's service guides and their pictures, read by service code (guide-repository.ts).
    this.version(7).stores({ serviceGuides: 'id, serviceCode', guideImages: 'id, serviceCode' } satisfies Record<Extract<SyncTable, 'serviceGuides' | 'guideImages'>, string>);
    // The province's report settings (one record) and the commune's indicator values, read per period.
    this.version(8).stores({ reportSettings: 'id', indicatorValues: 'id, periodStart' } satisfies Record<Extract<SyncTable, 'reportSettings' | 'indicatorValues'>, string>);
    // The log list's two filters together page newest-first through their own index
    // (docs/performance.md "The log list's filters"); IndexedDB builds them from the rows already stored.
    this.version(9).stores({ assistanceLogs: `${LOG_INDEXES_V1}, ${LOG_PAIR_INDEXES.join(', ')}` });
    // Another tab deletes the database (a withdrawn phone's wipe, device-wipe.ts): Dexie closes this
    // tab's connection so that the deletion goes on, and would open it again at the tab's next read,
    // making an empty database on a wiped phone. It stays closed here: reads fail from then on, and
    // the lock check starts the page again on the notice (app/lock-check.tsx, docs/security.md).
    this.on('versionchange', (event) => {
      if (event.newVersion !== null) return;
      this.deletedElsewhere = true;
      this.close();
    });
  }

  /** Refused once another tab deleted the database; Dexie's own opening on a read comes here too. */
  override open(): PromiseExtended<Dexie> {
    return this.deletedElsewhere ? Dexie.Promise.reject<Dexie>(new Dexie.DatabaseClosedError('deleted by another tab')) : super.open();
  }

  /** Once another tab deleted the database, every close (Dexie's own on `versionchange` too) also stops reads from opening it. */
  override close(options?: { disableAutoOpen: boolean }): void {
    super.close(this.deletedElsewhere ? { disableAutoOpen: true } : options);
  }

  /** The Dexie table of one synced record type, typed by its shared schema. */
  records<T extends SyncTable>(table: T): Table<StoredRecord<T>, string> {
    return this.table(table);
  }

  /**
   * Any synced table as bare SyncedRecords: for the code that moves records without reading their
   * fields (local-write, the sync repository, the reference seed).
   */
  syncedTable(table: SyncTable): Table<SyncedRecord, string> {
    return this.table(table);
  }
}

export const db = new AppDatabase();

// User Timing entries of the data layer's long or budgeted work, read by the benches (test/bench)
// and shown in a phone's DevTools. Here, beside the one database every repository imports, so the
// few lines need no chunk of their own in the precache.

/** Each retention purge, done or failed (retention-purge.ts; the benches wait for the unlock's). */
export const RETENTION_PURGE_TIMING = 'privacy:retention-purge';
/** Each run of the sealing of an older release's plaintext, done or failed (seal-migration.ts; likewise). */
export const SEAL_AT_REST_TIMING = 'privacy:seal-at-rest';

/** A measure named `name` from `start` (performance.now()) to now; never throws. */
export function recordTiming(name: string, start: number): void {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // User Timing missing or full: the work never depends on it.
  }
}
