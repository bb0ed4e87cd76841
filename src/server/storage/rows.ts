// Row ↔ object conversions and decisions shared by both stores, so SQLite and PostgreSQL cannot
// drift apart in how a record or a user is read back, or in what a refresh token's state means.
import { isRole } from '../../shared/permissions';
import { isSyncTable, type SyncTable } from '../../shared/schemas/tables';
import type { Hlc } from '../../shared/sync/hlc';
import type { SyncedRecord } from '../../shared/sync/merge';
import type { AccountListRow, CommuneRow, NewUser, UserPatch, UserRow } from './account-types';
import type { MutationOutcome, StoredRecord } from './record-types';
import type { RefreshOutcome, RefreshRotation, SessionWithUser } from './session-types';
import { DuplicateError } from './types';

/** The columns of `records` that make a RecordRow, in its order. */
export const RECORD_COLUMNS = 'table_name, id, scope, fields, clocks, row_seq';

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
    if (this.decoded) return this.decoded;
    // The parsed object itself, completed: a spread into a new one copied every field again.
    // encodeRecord stored the fields without id and clocks, so these two come last as before.
    const record = JSON.parse(this.fieldsJson) as Record<string, unknown>;
    record.id = this.id;
    record.clocks = JSON.parse(this.clocksJson) as Record<string, Hlc>;
    this.decoded = record as SyncedRecord;
    return this.decoded;
  }
}

/**
 * Cuts a scope's rows (read with one row more than `remaining`) to what a pull page still has
 * room for; `hasMore` says whether the scope has rows beyond the page.
 */
export function fitPage<T>(rows: T[], remaining: number): { rows: T[]; hasMore: boolean } {
  const hasMore = rows.length > remaining;
  if (hasMore) rows.length = remaining;
  return { rows, hasMore };
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
  phone: string | null;
  village_ids: string;
  last_sync_at: number | string | null;
}

/** Selects a user with the effective province (their commune's, or the admin's own). */
export const USER_COLUMNS = `u.id, u.username, u.display_name, u.role, u.commune_id,
  COALESCE(c.province_id, u.province_id) AS province_id, u.password_hash, u.disabled, u.created_at, u.password_changed_at, u.phone, u.village_ids, u.last_sync_at`;
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
    phone: row.phone,
    villageIds: JSON.parse(row.village_ids) as string[],
    lastSyncAt: row.last_sync_at === null ? null : Number(row.last_sync_at),
  };
}

export const COMMUNE_COLUMNS = 'id, name, province_id, created_at, active';

export interface CommuneDbRow {
  id: string;
  name: string;
  province_id: string;
  created_at: number | string;
  active: number | boolean;
}

export function decodeCommuneRow(row: CommuneDbRow): CommuneRow {
  return { id: row.id, name: row.name, provinceId: row.province_id, createdAt: Number(row.created_at), active: Boolean(row.active) };
}

export function duplicateCommune(commune: Pick<CommuneRow, 'id'>): DuplicateError {
  return new DuplicateError(`A commune with id "${commune.id}" already exists.`);
}

export function duplicateUsername(user: NewUser): DuplicateError {
  return new DuplicateError(`The username "${user.username}" is taken.`);
}

/** Usernames are unique and matched without regard to case ("Lan" and "lan" are one account). */
export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

export function decodeOutcome(text: string): MutationOutcome {
  return JSON.parse(text) as MutationOutcome;
}

/** A session with its user, as both stores select it (sessionWithUserSelect). */
export interface SessionUserDbRow extends UserDbRow {
  s_expires_at: number | string;
  s_revoked_at: number | string | null;
  s_revoked_reason: string | null;
}

/** Selects a session by id (the one parameter) with its user. */
export function sessionWithUserSelect(idParameter: string): string {
  return `SELECT s.expires_at AS s_expires_at, s.revoked_at AS s_revoked_at, s.revoked_reason AS s_revoked_reason, ${USER_COLUMNS}
    FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN communes c ON c.id = u.commune_id WHERE s.id = ${idParameter}`;
}

export function decodeSessionRow(sessionId: string, row: SessionUserDbRow): SessionWithUser {
  return {
    sessionId,
    expiresAt: Number(row.s_expires_at),
    revokedAt: row.s_revoked_at === null ? null : Number(row.s_revoked_at),
    revokedReason: row.s_revoked_reason,
    user: decodeUserRow(row),
  };
}

/** A refresh token with its session, as both stores select it (REFRESH_TOKEN_SELECT). */
export interface RefreshTokenDbRow {
  session_id: string;
  expires_at: number | string;
  replaced_at: number | string | null;
  user_id: string;
  s_expires_at: number | string;
  revoked_at: number | string | null;
  revoked_reason: string | null;
  /** The successor the rotation would issue, when it is stored already (a retry): its hash, and when it was itself replaced. */
  n_hash: string | null;
  n_replaced_at: number | string | null;
}

/**
 * Selects a refresh token by its hash with its session's state, and the successor the rotation
 * would issue if it exists in the same session (the parameters: the successor's hash, then the token's).
 */
export function refreshTokenSelect(successorParameter: string, hashParameter: string): string {
  return `SELECT t.session_id, t.expires_at, t.replaced_at, s.user_id, s.expires_at AS s_expires_at, s.revoked_at, s.revoked_reason,
      n.token_hash AS n_hash, n.replaced_at AS n_replaced_at
    FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
    LEFT JOIN refresh_tokens n ON n.token_hash = ${successorParameter} AND n.session_id = t.session_id
    WHERE t.token_hash = ${hashParameter}`;
}

/**
 * What presenting this refresh token at `now` means. `rotated` tells the store to replace it
 * (the token was valid); `reused` tells it to revoke the session (the token was replaced
 * before: someone else holds the family). The store writes; this decides, once for both.
 */
export function judgeRefreshToken(token: RefreshTokenDbRow | undefined, rotation: Pick<RefreshRotation, 'now' | 'acceptRevoked' | 'graceMs'>): RefreshOutcome {
  if (!token) return { kind: 'unknown' };
  const now = rotation.now;
  const ids = { sessionId: token.session_id, userId: token.user_id };
  // A revoked session never counts a reuse (its reason must stay what the administrator set); one
  // whose revocation still allows a final push rotates like a live one (auth/revocation.ts).
  if (token.revoked_at !== null) {
    const finalPush = token.replaced_at === null && rotation.acceptRevoked?.(token.revoked_reason, Number(token.revoked_at), now) === true;
    if (!finalPush) return { kind: 'revoked', ...ids };
  }
  if (token.replaced_at !== null) {
    // The same refresh again, its answer lost (auth/tokens.ts REFRESH_GRACE_MS): the successor
    // it issued has not been used and the window is open, so the same successor is given again.
    const retry = token.n_hash !== null && token.n_replaced_at === null && now - Number(token.replaced_at) <= (rotation.graceMs ?? 0);
    return { kind: retry ? 'retried' : 'reused', ...ids };
  }
  if (Number(token.expires_at) <= now || Number(token.s_expires_at) <= now) return { kind: 'expired', ...ids };
  return { kind: 'rotated', ...ids };
}

export interface AccountListDbRow extends UserDbRow {
  code_expires_at: number | string | null;
}

/** The accounts list: users with their live code's expiry (a LEFT JOIN on sign_in_codes). */
export const ACCOUNT_LIST_SELECT = `SELECT ${USER_COLUMNS}, s.expires_at AS code_expires_at FROM ${USER_FROM} LEFT JOIN sign_in_codes s ON s.user_id = u.id`;

export function decodeAccountListRow(row: AccountListDbRow): AccountListRow {
  return { ...decodeUserRow(row), codeExpiresAt: row.code_expires_at === null ? null : Number(row.code_expires_at) };
}

/** The columns updateUser may set, and how each value is stored. */
export function userPatchColumns(patch: UserPatch): [string, unknown][] {
  const columns: [string, unknown][] = [];
  if (patch.displayName !== undefined) columns.push(['display_name', patch.displayName]);
  if (patch.role !== undefined) columns.push(['role', patch.role]);
  if (patch.phone !== undefined) columns.push(['phone', patch.phone]);
  if (patch.villageIds !== undefined) columns.push(['village_ids', JSON.stringify(patch.villageIds)]);
  return columns;
}
