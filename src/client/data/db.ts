// The one Dexie instance: the only code in the app that opens IndexedDB.
// Repositories beside this file expose domain functions; screens never touch `db`.
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { SyncedRecord } from '../../shared/sync/merge';
import type { Hlc } from '../../shared/sync/hlc';
import type { SyncTable } from '../../shared/schemas/tables';
import { DATABASE_NAME } from './boot-settings';

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
}

/** A form draft, per user, so a crash or reload never loses what was typed. */
export interface DraftRow {
  key: string;
  userId: string;
  value: unknown;
  updatedAt: string;
}

/** Every synced table stores SyncedRecord rows: the fields flat, plus `clocks`. */
export type RecordTable = Table<SyncedRecord, string>;

export class AppDatabase extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  drafts!: EntityTable<DraftRow, 'key'>;
  syncState!: EntityTable<SettingRow, 'key'>;
  rejectedChanges!: EntityTable<RejectedChange, 'id'>;

  constructor(name = DATABASE_NAME) {
    // Durability is chosen, not assumed (docs/sync.md §1): a commit is on disk before Dexie resolves,
    // so a phone that dies right after "saved" keeps the record and its outbox entry.
    super(name, { chromeTransactionDurability: 'strict' });
    // Version 1 is not released yet: its indexes may still change. After the first release,
    // every change is a new version (with an upgrade that also migrates outbox payloads).
    this.version(1).stores({
      settings: 'key',
      outbox: '++seq, &id, [table+recordId]',
      drafts: 'key, userId',
      syncState: 'key',
      rejectedChanges: 'id, rejectedAt',
      // Compound [filter+occurredAt] indexes let the log list page newest-first inside one filter value
      // without scanning other rows (assistance-repository.ts listLogs).
      assistanceLogs: 'id, occurredAt, followUpAt, updatedAt, [serviceId+occurredAt], [villageId+occurredAt], [createdBy+occurredAt], [outcome+occurredAt]',
      groupSessions: 'id, occurredAt, villageId, createdBy',
      contacts: 'id, communeId, roleId, *phones, zalo',
      checklists: 'id, templateId',
      checklistItems: 'id, checklistId',
      checklistTemplates: 'id, templateId, [templateId+version]',
      services: 'id, code',
      villages: 'id, name',
      signOffs: 'id, checklistId',
    } satisfies Record<SyncTable | 'settings' | 'outbox' | 'drafts' | 'syncState' | 'rejectedChanges', string>);
  }

  /** The Dexie table holding a synced record type. */
  records(table: SyncTable): RecordTable {
    return this.table(table);
  }
}

export const db = new AppDatabase();
