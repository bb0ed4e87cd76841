// What the province's reports read of a record, stored with it at write time (migration 10;
// docs/reports.md "Computed in the database"): every store write fills them from the record itself,
// so they cannot disagree with it, and the reports sum them in SQL without parsing any JSON.
// - An assistance log or a group session: when it happened (Unix ms), a log's outcome and kind of
//   help, a session's participants — columns of `records` (fact_*), indexed by commune and time.
// - A submitted report: its header (period, kind, version, sender) in `report_submissions` and each
//   count of its results in `report_figures`, one row per path of RESULT_COUNT_PATHS.
// The facts are read with the same functions the phone's reports use (logFactOf,
// groupSessionFactOf), so a malformed or deleted record is left out in SQL as it is on the phone.
import { RESULT_COUNT_PATHS } from '../../shared/reports/compiled';
import { groupSessionFactOf, instantMs, logFactOf } from '../../shared/reports/facts';
import type { SyncTable } from '../../shared/schemas/tables';
import type { SyncedRecord } from '../../shared/sync/merge';

/** The fact columns of `records`, in the order of factValues. */
export const FACT_COLUMNS = 'fact_at, fact_outcome, fact_service, fact_count';

export interface RecordFacts {
  /** When the log or session happened (Unix ms); null for any other record, a deleted or a malformed one. */
  factAt: number | null;
  /** A log's outcome. */
  factOutcome: string | null;
  /** A log's kind of help (service code). */
  factService: string | null;
  /** A group session's participants. */
  factCount: number | null;
}

/** A submitted report's header and figures (report_submissions, report_figures). */
export interface SubmissionFacts {
  reportId: string | null;
  kind: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  version: number | null;
  submittedAt: string | null;
  submittedBy: string | null;
  deleted: boolean;
  readiness: number | null;
  /** One value per RESULT_COUNT_PATHS entry (joined with '.'), null when the report lacks it. */
  figures: readonly { path: string; value: number | null }[];
}

export const NO_FACTS: RecordFacts = { factAt: null, factOutcome: null, factService: null, factCount: null };

/** The fact columns of a record as it is about to be stored. */
export function recordFacts(table: SyncTable, record: SyncedRecord): RecordFacts {
  if (table === 'assistanceLogs') {
    const fact = logFactOf(record);
    if (!fact || fact.deleted) return NO_FACTS;
    return { factAt: instantMs(fact.occurredAt), factOutcome: fact.outcome, factService: fact.serviceId, factCount: null };
  }
  if (table === 'groupSessions') {
    const fact = groupSessionFactOf(record);
    if (!fact || fact.deleted) return NO_FACTS;
    return { factAt: instantMs(fact.occurredAt), factOutcome: null, factService: null, factCount: fact.participants };
  }
  return NO_FACTS;
}

export function factValues(facts: RecordFacts): [number | null, string | null, string | null, number | null] {
  return [facts.factAt, facts.factOutcome, facts.factService, facts.factCount];
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const integer = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) ? value : null);

/** A submission's header and figures; null for a record of any other table. */
export function submissionFacts(table: SyncTable, record: SyncedRecord): SubmissionFacts | null {
  if (table !== 'reportSubmissions') return null;
  const results = record.results !== null && typeof record.results === 'object' ? (record.results as Record<string, unknown>) : {};
  const at = (path: readonly string[]): unknown => path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), results);
  return {
    reportId: text(record.reportId),
    kind: text(record.kind),
    periodStart: text(record.periodStart),
    periodEnd: text(record.periodEnd),
    version: integer(record.version),
    submittedAt: text(record.submittedAt),
    submittedBy: text(record.submittedBy),
    deleted: record.deleted === true,
    readiness: integer(results.readinessPercent),
    figures: RESULT_COUNT_PATHS.map((path) => ({ path: path.join('.'), value: integer(at(path)) })),
  };
}

/** The tables whose records carry facts: the only ones the start-up backfill reads. */
export const FACT_TABLES: readonly SyncTable[] = ['assistanceLogs', 'groupSessions', 'reportSubmissions'];
