// The audit log's service (docs/privacy.md "Audit log"): what may be appended, by whom, and who
// reads what. The store only stores; every event passes through here so its details are checked
// against its kind's schema (src/shared/privacy/audit.ts) and the server's clock is the one kept.
import { randomUUID } from 'node:crypto';
import { can } from '../../shared/permissions';
import {
  AUDIT_LIMITS,
  parseAuditDetails,
  phoneAuditEventSchema,
  SERVER_OPERATOR_ID,
  type AuditDetails,
  type AuditEntry,
  type AuditKind,
  type AuditPage,
  type AuditPostResponse,
} from '../../shared/privacy/audit';
import type { UserRow } from '../storage/account-types';
import type { AuditRow, AuditScope, AuditStore, NewAuditEvent } from '../storage/audit-types';

/** Who did it: an account as the server knows it (the authenticated user). */
export type AuditActor = Pick<UserRow, 'id' | 'role' | 'communeId' | 'provinceId'>;

/** The admin CLI's operator, run without `--as`: no account, no role; filed under a province so its admins read it. */
export interface OperatorActor {
  id: typeof SERVER_OPERATOR_ID;
  role: null;
  communeId: null;
  provinceId: string | null;
}

export function serverOperator(provinceId: string | null): OperatorActor {
  return { id: SERVER_OPERATOR_ID, role: null, communeId: null, provinceId };
}

export interface AppendInput<K extends AuditKind> {
  kind: K;
  actor: AuditActor | OperatorActor;
  details: AuditDetails<K>;
  /** The record or account concerned. */
  subjectId?: string | null;
  /** The commune the event concerns, when it is not the actor's (an admin acting on a commune). */
  communeId?: string | null;
}

/** The details did not fit the kind's schema: a bug in the caller, never a user's mistake. */
export class AuditDetailsError extends Error {
  override readonly name = 'AuditDetailsError';
}

export class AuditLog {
  constructor(
    private readonly store: AuditStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends one event the server itself observed (an erasure, a refusal, an account change). */
  async append<K extends AuditKind>(input: AppendInput<K>): Promise<void> {
    await this.store.append([this.serverEvent(input)]);
  }

  /** Appends several server events in one transaction (a push that changed many citizens). */
  async appendAll(inputs: readonly AppendInput<AuditKind>[]): Promise<void> {
    if (inputs.length > 0) await this.store.append(inputs.map((input) => this.serverEvent(input)));
  }

  /**
   * Events a phone recorded (views, exports). The actor, commune and server time are the
   * server's; an event that is malformed, or an export by a role that may not export, is refused
   * (and the refusal itself is logged). Returns which ids were taken, stored now or before.
   */
  async appendFromPhone(actor: AuditActor, raw: readonly unknown[]): Promise<AuditPostResponse> {
    const recordedAt = this.now();
    const accepted: NewAuditEvent[] = [];
    const refused: string[] = [];
    const refusals: AppendInput<'access.refused'>[] = [];
    for (const item of raw) {
      const parsed = phoneAuditEventSchema.safeParse(item);
      const id = (item as { id?: unknown } | null)?.id;
      if (!parsed.success) {
        if (typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) refused.push(id);
        continue;
      }
      const event = parsed.data;
      const details = parseAuditDetails(event.kind, event.details);
      const allowed = event.kind === 'citizen.exported' ? can(actor.role, 'citizen.export') : can(actor.role, 'citizen.view');
      if (!details || !allowed || !actor.communeId) {
        refused.push(event.id);
        if (details && !allowed) refusals.push({ kind: 'access.refused', actor, details: { action: event.kind, role: actor.role } });
        continue;
      }
      accepted.push({
        id: event.id,
        kind: event.kind,
        actorId: actor.id,
        actorRole: actor.role,
        communeId: actor.communeId,
        provinceId: actor.provinceId,
        subjectId: event.subjectId,
        details,
        occurredAt: Date.parse(event.occurredAt),
        recordedAt,
      });
    }
    if (accepted.length > 0) await this.store.append(accepted);
    await this.appendAll(refusals);
    return { accepted: accepted.map((event) => event.id), refused };
  }

  /**
   * One page of the log, newest first: a leader reads their commune's, a province admin every
   * event of their province; anyone else gets undefined (the caller refuses and logs it).
   */
  async read(reader: AuditActor, before: number | undefined): Promise<AuditPage | undefined> {
    const scope = readScope(reader);
    if (!scope) return undefined;
    const rows = await this.store.list({ scope, before, limit: AUDIT_LIMITS.pageSize + 1 });
    const page = rows.slice(0, AUDIT_LIMITS.pageSize);
    const events = page.map(entryOf);
    return { events, next: rows.length > AUDIT_LIMITS.pageSize ? page[page.length - 1]!.seq : null };
  }

  /**
   * The commune's events about these records (views, changes of a log's citizen section, steps of
   * a request) and every export of citizen columns, newest first: the raw material of one
   * citizen's history (privacy/citizen-history.ts). The caller has checked the reader.
   */
  async about(communeId: string, subjectIds: readonly string[], limit: number): Promise<AuditEntry[]> {
    const rows = await this.store.listAbout({ communeId, subjectIds, kinds: ['citizen.exported'], limit });
    return rows.map(entryOf);
  }

  private serverEvent<K extends AuditKind>(input: AppendInput<K>): NewAuditEvent {
    const details = parseAuditDetails(input.kind, input.details);
    if (!details) throw new AuditDetailsError(`details do not fit the audit kind ${input.kind}`);
    const { actor } = input;
    return {
      id: randomUUID(),
      kind: input.kind,
      actorId: actor.id,
      actorRole: actor.role,
      communeId: input.communeId === undefined ? actor.communeId : input.communeId,
      provinceId: actor.provinceId,
      subjectId: input.subjectId ?? null,
      details,
      occurredAt: null,
      recordedAt: this.now(),
    };
  }
}

function entryOf(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    kind: row.kind as AuditKind,
    actorName: row.actorName,
    actorRole: row.actorRole,
    communeName: row.communeName,
    subjectId: row.subjectId,
    subjectName: row.subjectName,
    details: row.details,
    occurredAt: row.occurredAt,
    recordedAt: row.recordedAt,
  };
}

/** Leaders read their commune; province admins their province; members and reviewers nothing. */
function readScope(reader: AuditActor): AuditScope | undefined {
  if (!can(reader.role, 'audit.read')) return undefined;
  if (reader.communeId) return { communeId: reader.communeId };
  return reader.provinceId ? { provinceId: reader.provinceId } : undefined;
}
