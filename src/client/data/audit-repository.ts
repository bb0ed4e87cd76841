// The audit events a phone records itself (docs/privacy.md "Audit log"): who opened a log showing
// a citizen's details. They wait here until the server accepts them (the sync runtime sends them
// after each round, sync/audit-api.ts), like the outbox: never dropped before that. A view of the
// same log by the same member is recorded once per VIEW_WINDOW_MS, so scrolling back and forth
// does not flood the log.
import type { AuditDetails, PhoneAuditKind } from '../../shared/privacy/audit';
import { uuidv7 } from '../../shared/sync/ids';
import { db, type AuditEventRow } from './db';

export const VIEW_WINDOW_MS = 30 * 60_000;

/** When each (member, log) view was last recorded in this tab. */
const lastViews = new Map<string, number>();

/** Records that `userId` saw the citizen's details of log `logId` (at most once per window). */
export async function recordCitizenView(userId: string, logId: string, now: number = Date.now()): Promise<void> {
  const key = `${userId}\u0000${logId}`;
  const last = lastViews.get(key);
  if (last !== undefined && now - last < VIEW_WINDOW_MS) return;
  lastViews.set(key, now);
  // A view still waiting to be sent already says the same.
  if ((await db.auditEvents.where('[userId+subjectId]').equals([userId, logId]).count()) > 0) return;
  await addEvent(userId, 'citizen.viewed', logId, { table: 'assistanceLogs' } satisfies AuditDetails<'citizen.viewed'>, now);
}

/**
 * Records that `userId` handed the citizen's details of log `logId` to colleague `to`'s phone
 * (docs/field-aids.md §2 "Handing over a follow-up"): the phone's own audit event, sent like a view.
 */
export async function recordCitizenHandOver(userId: string, logId: string, to: string, now: number = Date.now()): Promise<void> {
  await addEvent(userId, 'citizen.handedOver', logId, { table: 'assistanceLogs', to } satisfies AuditDetails<'citizen.handedOver'>, now);
}

async function addEvent(userId: string, kind: PhoneAuditKind, subjectId: string | null, details: Record<string, unknown>, now: number): Promise<void> {
  await db.auditEvents.add({ id: uuidv7(), userId, kind, subjectId, occurredAt: new Date(now).toISOString(), details });
}

/** The member's events waiting to be sent, at most `limit`. */
export function pendingAuditEvents(userId: string, limit: number): Promise<AuditEventRow[]> {
  return db.auditEvents.filter((row) => row.userId === userId).limit(limit).toArray();
}

/** Forgets events the server has settled (accepted, or refused for good). */
export async function forgetAuditEvents(ids: readonly string[]): Promise<void> {
  await db.auditEvents.bulkDelete([...ids]);
}

/** For tests: forget the in-memory de-duplication. */
export function resetAuditViewWindow(): void {
  lastViews.clear();
}
