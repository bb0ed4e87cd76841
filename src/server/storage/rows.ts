// Row ↔ object conversions shared by both stores, so SQLite and PostgreSQL cannot drift apart in
// how a record or a user is read back.
import { isRole } from '../../shared/permissions';
import { isSyncTable, type SyncTable } from '../../shared/schemas/tables';
import type { Hlc } from '../../shared/sync/hlc';
import type { SyncedRecord } from '../../shared/sync/merge';
import type { CommuneRow, MutationOutcome, StoredRecord, UserRow } from './types';

export interface RecordRow {
  table_name: string;
  id: string;
  scope: string;
  fields: string;
  clocks: string;
  row_seq: number | string;
}

/** A record as two JSON texts: fields without id and clocks, and the clocks. */
export function encodeRecord(record: SyncedRecord): { fields: string; clocks: string } {
  const { id: _id, clocks, ...fields } = record;
  return { fields: JSON.stringify(fields), clocks: JSON.stringify(clocks) };
}

export function decodeRecordRow(row: RecordRow): StoredRow {
  if (!isSyncTable(row.table_name)) throw new Error(`Unknown table in records: ${row.table_name}`);
  return new StoredRow(row.table_name, row.scope, Number(row.row_seq), row.id, row.fields, row.clocks);
}

/**
 * A record as read from its row. Its JSON is parsed when `record` is first read, not before: a
 * pull page is mostly sent as stored (sync/pull-json.ts), and parsing then re-serializing every
 * record was a tenth of the HTTP thread's time per sync round.
 */
export class StoredRow implements StoredRecord {
  private decoded: SyncedRecord | undefined;

  constructor(
    readonly table: SyncTable,
    readonly scope: string,
    readonly rowSeq: number,
    readonly id: string,
    /** The record's fields as stored: a JSON object without id and clocks (encodeRecord). */
    readonly fieldsJson: string,
    /** The per-field clocks as stored: a JSON object of field → HLC. */
    readonly clocksJson: string,
  ) {}

  get record(): SyncedRecord {
    this.decoded ??= { ...(JSON.parse(this.fieldsJson) as Record<string, unknown>), id: this.id, clocks: JSON.parse(this.clocksJson) as Record<string, Hlc> };
    return this.decoded;
  }
}

export interface UserDbRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  commune_id: string | null;
  province_id: string | null;
  password_hash: string;
  disabled: number | boolean;
  created_at: number | string;
  password_changed_at: number | string;
}

/** Selects a user with the effective province (their commune's, or the admin's own). */
export const USER_COLUMNS = `u.id, u.username, u.display_name, u.role, u.commune_id,
  COALESCE(c.province_id, u.province_id) AS province_id, u.password_hash, u.disabled, u.created_at, u.password_changed_at`;
export const USER_FROM = 'users u LEFT JOIN communes c ON c.id = u.commune_id';

export function decodeUserRow(row: UserDbRow): UserRow {
  if (!isRole(row.role)) throw new Error(`Unknown role in users: ${row.role}`);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    communeId: row.commune_id,
    provinceId: row.province_id,
    passwordHash: row.password_hash,
    disabled: Boolean(row.disabled),
    createdAt: Number(row.created_at),
    passwordChangedAt: Number(row.password_changed_at),
  };
}

export interface CommuneDbRow {
  id: string;
  name: string;
  province_id: string;
  created_at: number | string;
}

export function decodeCommuneRow(row: CommuneDbRow): CommuneRow {
  return { id: row.id, name: row.name, provinceId: row.province_id, createdAt: Number(row.created_at) };
}

/** Usernames are unique and matched without regard to case ("Lan" and "lan" are one account). */
export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

export function decodeOutcome(text: string): MutationOutcome {
  return JSON.parse(text) as MutationOutcome;
}
