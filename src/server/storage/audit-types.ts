// The audit store: an append-only log of who did what to citizens' details and accounts
// (docs/privacy.md "Audit log"). Both databases implement it (sqlite/audit.ts, postgres/audit.ts)
// and refuse UPDATE and DELETE on its table themselves (migration 3's triggers).
import type { Role } from '../../shared/permissions';

export interface AuditStore {
  /** Appends events; an id already stored is skipped (a resend). Returns the ids newly stored. */
  append(events: readonly NewAuditEvent[]): Promise<string[]>;
  /** Newest first, at most `limit`, older than `before` when given, within one commune or province. */
  list(query: AuditQuery): Promise<AuditRow[]>;
  /**
   * Newest first, at most `limit`: the commune's events about these subjects, or of these kinds
   * (a citizen's history, AuditLog.citizenHistory). Reads the commune's index, so one commune's log.
   */
  listAbout(query: AuditAboutQuery): Promise<AuditRow[]>;
}

export interface AuditAboutQuery {
  communeId: string;
  subjectIds: readonly string[];
  kinds: readonly string[];
  limit: number;
}

/** The WHERE of listAbout with `?` placeholders, and its parameters (`mark(i)` numbers them for PostgreSQL). */
export function auditAboutWhere(query: AuditAboutQuery, mark: (index: number) => string = () => '?'): { where: string; params: unknown[] } {
  const params: unknown[] = [query.communeId];
  const list = (values: readonly string[]) => values.map((value) => (params.push(value), mark(params.length))).join(', ');
  const either = [
    ...(query.subjectIds.length > 0 ? [`a.subject_id IN (${list(query.subjectIds)})`] : []),
    ...(query.kinds.length > 0 ? [`a.kind IN (${list(query.kinds)})`] : []),
  ];
  params.push(query.limit);
  const limit = mark(params.length);
  return { where: `WHERE a.commune_id = ${mark(1)} AND (${either.length > 0 ? either.join(' OR ') : 'FALSE'}) ORDER BY a.seq DESC LIMIT ${limit}`, params };
}

export interface NewAuditEvent {
  id: string;
  kind: string;
  actorId: string;
  actorRole: Role | null;
  communeId: string | null;
  provinceId: string | null;
  subjectId: string | null;
  /** Checked against the kind's schema by the service (src/shared/privacy/audit.ts). */
  details: Record<string, unknown>;
  /** The phone's clock, for events a phone recorded; null for the server's own. */
  occurredAt: number | null;
  /** The server's clock. */
  recordedAt: number;
}

export type AuditScope = { communeId: string } | { provinceId: string };

export interface AuditQuery {
  scope: AuditScope;
  before?: number | undefined;
  limit: number;
}

export interface AuditRow extends Omit<NewAuditEvent, 'details'> {
  seq: number;
  details: Record<string, unknown>;
  /** The actor's display name (or their id when the account is unknown, e.g. a deleted one). */
  actorName: string;
  communeName: string | null;
  /** The subject by name (see auditSelect), or null. */
  subjectName: string | null;
}

/** The SQL both databases share: columns in insert order and the read's joins. */
export const AUDIT_INSERT_COLUMNS = 'id, kind, actor_id, actor_role, commune_id, province_id, subject_id, details, occurred_at, recorded_at';

/** A text value at a JSON path of a text column, in the database's dialect (`path` like 'name.vi'). */
export type JsonText = (column: string, path: string) => string;

/**
 * The read with its joins. The subject's name is the account's display name (account.*, device.*),
 * the commune's name (commune.*) or the reference entry's name or title in Vietnamese
 * (reference.changed); never a citizen's (citizen.* and requests have none).
 */
export function auditSelect(json: JsonText): string {
  return `SELECT a.seq, a.id, a.kind, a.actor_id, a.actor_role, a.commune_id, a.province_id, a.subject_id, a.details,
  a.occurred_at, a.recorded_at, coalesce(u.display_name, a.actor_id) AS actor_name, c.name AS commune_name,
  CASE WHEN a.kind LIKE 'account.%' OR a.kind LIKE 'device.%' THEN su.display_name
    WHEN a.kind LIKE 'commune.%' THEN sc.name
    WHEN a.kind = 'reference.changed' THEN coalesce(${json('r.fields', 'name.vi')}, ${json('r.fields', 'title.vi')}, ${json('r.fields', 'name')})
    ELSE NULL END AS subject_name
  FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN communes c ON c.id = a.commune_id
  LEFT JOIN users su ON su.id = a.subject_id LEFT JOIN communes sc ON sc.id = a.subject_id
  LEFT JOIN records r ON a.kind = 'reference.changed' AND r.table_name = ${json('a.details', 'table')} AND r.id = a.subject_id AND r.scope = 'province:' || a.province_id`;
}

export interface AuditDbRow {
  seq: number | string;
  id: string;
  kind: string;
  actor_id: string;
  actor_role: Role | null;
  commune_id: string | null;
  province_id: string | null;
  subject_id: string | null;
  details: string;
  occurred_at: number | string | null;
  recorded_at: number | string;
  actor_name: string;
  commune_name: string | null;
  subject_name: string | null;
}

export function auditValues(event: NewAuditEvent): unknown[] {
  return [event.id, event.kind, event.actorId, event.actorRole, event.communeId, event.provinceId, event.subjectId, JSON.stringify(event.details), event.occurredAt, event.recordedAt];
}

export function decodeAuditRow(row: AuditDbRow): AuditRow {
  return {
    seq: Number(row.seq),
    id: row.id,
    kind: row.kind,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    communeId: row.commune_id,
    provinceId: row.province_id,
    subjectId: row.subject_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
    occurredAt: row.occurred_at === null ? null : Number(row.occurred_at),
    recordedAt: Number(row.recorded_at),
    actorName: row.actor_name,
    communeName: row.commune_name,
    subjectName: row.subject_name,
  };
}

/** The WHERE of a read: one commune, or every commune (and the admins) of a province. */
export function auditScopeColumn(scope: AuditScope): { column: string; value: string } {
  return 'communeId' in scope ? { column: 'a.commune_id', value: scope.communeId } : { column: 'a.province_id', value: scope.provinceId };
}
