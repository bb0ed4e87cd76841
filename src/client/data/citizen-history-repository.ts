// One citizen's history as this phone holds it (docs/privacy.md "One citizen's history"): the
// commune's logs naming the citizen and the register's requests they made (both matched as an
// erasure matches: citizenMatches), and this phone's views of those logs still waiting to be sent.
// The server's audit log adds the rest when there is a connection (sync/privacy-api.ts). A leader's
// read only; it opens every log of the commune, as the access request's copy does: a rare request.
import { citizenMatches, type CitizenQuery } from '../../shared/privacy/erasure';
import { communeUserWhoMay } from './access';
import { db, type OpenedRecord } from './db';
import { openRows } from './sealed-records';

export interface HistoryLog {
  id: string;
  occurredAt: string;
  createdBy: string;
  createdAt: string;
}

export interface LocalCitizenHistory {
  logs: HistoryLog[];
  requests: OpenedRecord<'rightsRequests'>[];
  /** This phone's views of those logs not yet sent (who, which log, when). */
  waitingViews: { userId: string; subjectId: string; occurredAt: string }[];
}

export async function localCitizenHistory(query: CitizenQuery): Promise<LocalCitizenHistory> {
  const user = await communeUserWhoMay('audit.read');
  const ours = <R extends { communeId: string; deleted: boolean }>(rows: readonly R[]) => rows.filter((row) => row.communeId === user.communeId && !row.deleted);
  const [sealedLogs, sealedRequests] = await Promise.all([db.records('assistanceLogs').toArray(), db.records('rightsRequests').toArray()]);
  const [logRows, requestRows] = await Promise.all([
    openRows('assistanceLogs', ours(sealedLogs).filter((row) => row.citizen)),
    openRows('rightsRequests', ours(sealedRequests).filter((row) => row.requester)),
  ]);
  const logs = logRows
    .filter((row) => citizenMatches(row.citizen, query))
    .map((row) => ({ id: row.id, occurredAt: row.occurredAt, createdBy: row.createdBy, createdAt: row.createdAt }))
    .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1));
  const requests = requestRows.filter((row) => citizenMatches(row.requester, query)).sort((a, b) => (a.receivedOn < b.receivedOn ? 1 : -1));
  const ids = new Set(logs.map((log) => log.id));
  const waitingViews = (await db.auditEvents.toArray())
    .filter((event) => event.kind === 'citizen.viewed' && event.subjectId !== null && ids.has(event.subjectId))
    .map((event) => ({ userId: event.userId, subjectId: event.subjectId!, occurredAt: event.occurredAt }));
  return { logs, requests, waitingViews };
}
