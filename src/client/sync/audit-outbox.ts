// The audit events this phone recorded go to the server after each sync round (docs/privacy.md
// "Audit log"; PROTOCOL.md "Audit"), in batches, and are forgotten once the server settled them.
import { AUDIT_LIMITS, auditPostResponseSchema } from '../../shared/privacy/audit';
import { forgetAuditEvents, pendingAuditEvents } from '../data/audit-repository';
import { log } from '../lib/log';
import type { AccessToken } from './access-token';
import { callJson } from './api-call';

/**
 * Sends the member's recorded events and forgets those the server settled. A refused event never
 * will be taken (malformed, or a role that may not), so it is forgotten too, with a warning.
 * Network errors propagate: the events stay for the next round.
 */
export async function sendAuditEvents(token: AccessToken, userId: string): Promise<number> {
  let sent = 0;
  for (;;) {
    const rows = await pendingAuditEvents(userId, AUDIT_LIMITS.eventsPerPost);
    if (rows.length === 0) return sent;
    const events = rows.map(({ id, kind, subjectId, occurredAt, details }) => ({ id, kind, subjectId, occurredAt, details }));
    const answer = await token.call((accessToken) => callJson('/api/audit/events', accessToken, auditPostResponseSchema, { events }));
    if (answer.refused.length > 0) log.warn(`audit: the server refused ${answer.refused.length} event(s)`);
    const settled = [...answer.accepted, ...answer.refused];
    if (settled.length === 0) return sent;
    await forgetAuditEvents(settled);
    sent += answer.accepted.length;
  }
}
