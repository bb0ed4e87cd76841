// The province returns a commune's sent report for correction (docs/reports.md "Returned for
// correction"): the admin names the commune's latest submission of a report and a reason; the
// server writes `returned` on the commune's draft as an ordinary record write in the commune's
// scope (a server HLC later than every clock of the draft), so every leader's phone shows it at
// its next pull, however long it was offline. A correction (the next version) answers it: the
// compiled view shows the commune as returned only while its latest report is the one returned.
import type { ReturnRequest } from '../../shared/reports/compiled';
import { TABLE_SCHEMAS } from '../../shared/schemas/tables';
import type { SyncedRecord } from '../../shared/sync/merge';
import { Refusal } from '../errors';
import { serverWrite } from '../reference/server-write';
import type { SyncStore } from '../storage/types';

export class ReturnError extends Refusal<'not_found' | 'not_latest' | 'already_returned' | 'no_draft'> {
  override readonly name = 'ReturnError';
}

export interface Returned {
  submission: SyncedRecord;
  returnedAt: string;
}

/** The order the compiled view ranks a report's submissions by: version, then sent time, then id (descending). */
function newer(a: SyncedRecord, b: SyncedRecord): boolean {
  const key = (r: SyncedRecord) => [Number(r.version), String(r.submittedAt), r.id] as const;
  const [av, at, ai] = key(a);
  const [bv, bt, bi] = key(b);
  return av !== bv ? av > bv : at !== bt ? at > bt : ai > bi;
}

export async function returnReport(store: SyncStore, admin: { id: string; provinceId: string }, input: ReturnRequest, now: number): Promise<Returned> {
  const commune = await store.accounts.getCommune(input.communeId);
  if (!commune || commune.provinceId !== admin.provinceId) throw new ReturnError('not_found', 'No such commune in your province.');
  const rows = (await store.records.listRecords({ scope: commune.id, tables: ['reportSubmissions'] })).map((row) => row.record);
  const submission = rows.find((row) => row.id === input.submissionId && row.deleted !== true);
  if (!submission) throw new ReturnError('not_found', 'No such report sent by this commune.');
  if (rows.some((row) => row.reportId === submission.reportId && row.deleted !== true && newer(row, submission))) {
    throw new ReturnError('not_latest', 'A newer version of this report was sent: return that one.');
  }
  const reportId = String(submission.reportId);
  const returnedAt = new Date(now).toISOString();
  const returned = { submissionId: submission.id, version: Number(submission.version), reason: input.reason.normalize('NFC'), returnedAt };
  await store.records.push({
    scope: commune.id,
    userId: admin.id,
    clientId: 'server-admin',
    mutationIds: [],
    recordKeys: [{ table: 'periodReports', id: reportId }],
    now,
    plan: (state) => {
      const draft = state.records.find((row) => row.scope === commune.id && row.table === 'periodReports' && row.record.id === reportId)?.record;
      if (!draft || draft.deleted === true) throw new ReturnError('no_draft', "The commune's draft of this report has not reached the server.");
      if ((draft.returned as { submissionId?: unknown } | null | undefined)?.submissionId === submission.id) throw new ReturnError('already_returned', 'This report was already returned.');
      const record = serverWrite(draft, { returned }, now);
      const { clocks: _clocks, ...fields } = record;
      // The draft as it will be stored must still be a valid draft (the reason's length, its text).
      TABLE_SCHEMAS.periodReports.record.parse(fields);
      return { remember: [], writes: [{ table: 'periodReports', record }] };
    },
  });
  return { submission, returnedAt };
}
