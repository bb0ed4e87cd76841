// The audit log's calls a screen makes (docs/privacy.md "Audit log"; PROTOCOL.md "Audit"): asking
// the server to check and log an export of citizen columns before the file is written, and
// reading a page of the log (leaders, province admins). The recorded views go out with sync
// (audit-outbox.ts).
import { auditPageSchema, auditPostResponseSchema, type AuditDetails, type AuditPage, type PhoneAuditEvent } from '../../shared/privacy/audit';
import { uuidv7 } from '../../shared/sync/ids';
import { callJson } from './api-call';
import { getSyncRuntime } from './runtime';

/** The server refused to log (so to allow) an export: the role may not export citizens' details. */
export class ExportRefusedError extends Error {
  override readonly name = 'ExportRefusedError';
}

/**
 * Asks the server to log an export of citizen columns with its reason; resolves only when the
 * server accepted it, so the caller writes the file after that. Offline: NetworkError.
 */
export async function logCitizenExport(details: AuditDetails<'citizen.exported'>): Promise<void> {
  const event: PhoneAuditEvent = { id: uuidv7(), kind: 'citizen.exported', subjectId: null, occurredAt: new Date().toISOString(), details };
  const answer = await getSyncRuntime().token.call((token) => callJson('/api/audit/events', token, auditPostResponseSchema, { events: [event] }));
  if (!answer.accepted.includes(event.id)) throw new ExportRefusedError('the server did not accept the export');
}

/** GET /api/audit/events: a page of the log, newest first. */
export function fetchAuditPage(before?: number): Promise<AuditPage> {
  const query = before === undefined ? '' : `?before=${before}`;
  return getSyncRuntime().token.call((token) => callJson(`/api/audit/events${query}`, token, auditPageSchema));
}
