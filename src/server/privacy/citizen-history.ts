// One citizen's history for a commune leader (docs/privacy.md "Audit log", "One citizen's
// history"): which of the commune's logs and requests are theirs, found as an erasure finds them
// (the lookup index and citizenMatches), and what the audit log holds about them — who viewed or
// changed a log's citizen section, each step of their requests, and the exports of citizen
// columns whose period covers one of their logs (such a file may have held their row). The answer
// and the log lines name no one; the query itself is audited with its counts only.
import { CITIZEN_HISTORY_EVENTS, type CitizenHistory } from '../../shared/privacy/audit';
import { citizenMatches, type CitizenQuery } from '../../shared/privacy/erasure';
import { isWithin, localDateOf } from '../../shared/text/dates';
import { citizenLookup } from '../storage/lookups';
import type { RecordStore } from '../storage/record-types';
import type { AuditActor, AuditLog } from './audit-log';

/** Logs and requests of one citizen considered at most (a rare request; bounds the SQL lists). */
const MOST_RECORDS = 500;

export async function citizenHistory(records: RecordStore, audit: AuditLog, reader: AuditActor & { communeId: string }, query: CitizenQuery): Promise<CitizenHistory> {
  const scope = reader.communeId;
  const logs = (await records.findByLookup({ scope, table: 'assistanceLogs', ...citizenLookup(query) }))
    .filter((row) => citizenMatches(row.record.citizen, query))
    .slice(0, MOST_RECORDS);
  // A commune's register is short: read whole, matched on who asked.
  const requests = (await records.listRecords({ scope, tables: ['rightsRequests'] }))
    .filter((row) => row.record.deleted !== true && citizenMatches(row.record.requester, query))
    .slice(0, MOST_RECORDS);
  const logIds = logs.map((row) => row.record.id);
  const requestIds = requests.map((row) => row.record.id);
  const days = logs.map((row) => localDateOf(String(row.record.occurredAt)));
  const found = await audit.about(scope, [...logIds, ...requestIds], CITIZEN_HISTORY_EVENTS * 2);
  const events = found
    .filter((event) => event.kind !== 'citizen.exported' || days.some((day) => isWithin(day, { start: String(event.details.from), end: String(event.details.to) })))
    .slice(0, CITIZEN_HISTORY_EVENTS);
  await audit.append({ kind: 'citizen.historyRead', actor: reader, details: { logs: logIds.length, requests: requestIds.length } });
  return { logIds, requestIds, events };
}
