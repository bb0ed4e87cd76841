// The report store: what the province reads of its communes, in SQL on both databases
// (sqlite/reports.ts, postgres/reports.ts; docs/reports.md "Computed in the database"), from the
// facts every record write stores beside the record (report-facts.ts, migration 10):
// - the compiled view of a reporting period: each commune's latest submission of the period and the
//   results summed, from report_submissions and report_figures — no submission's JSON is parsed
//   but the latest ones' (a row per commune);
// - the province view over any range: logs and group sessions counted per commune, outcome and kind
//   of help through the index records_facts — never a log's JSON, never a log in memory.
// The same contract suites run on both (test/server/compiled-report.test.ts, province-sql.test.ts).
import { RESULT_COUNT_PATHS, type ResultSums } from '../../shared/reports/compiled';
import { itemsOf } from '../../shared/reports/report-items';
import type { ReportItem } from '../../shared/schemas/period-report';
import type { StoredRecord } from './record-types';

export interface ReportStore {
  /** The province's communes by id, with whether they are active and their accounts' latest sync (Unix ms). */
  provinceCommunes(provinceId: string): Promise<ProvinceCommuneRow[]>;
  /**
   * Each commune's latest submission (highest version, then latest sent, then id) of the period
   * report for `period`, and their results summed with the mean of their readiness (rounded down),
   * in one statement (one snapshot).
   */
  periodSubmissions(query: PeriodQuery): Promise<{ latest: LatestSubmissionRow[]; totals: SubmissionTotals }>;
  /** The province's logs and group sessions that happened in [from, before) (Unix ms), counted per commune, outcome and kind of help. */
  activityCounts(query: ActivityQuery): Promise<ActivityCountRow[]>;
  /** Every record of `tables` in the province's communes (checklists: a few hundred rows per commune, never logs). */
  provinceRecords(provinceId: string, tables: readonly ('checklists' | 'checklistItems')[]): Promise<StoredRecord[]>;
}

export interface PeriodQuery {
  provinceId: string;
  periodStart: string;
  periodEnd: string;
}

export interface ActivityQuery {
  provinceId: string;
  from: number;
  before: number;
}

/** A count of one commune's logs (by outcome and kind of help) or group sessions (with their participants). */
export interface ActivityCountRow {
  communeId: string;
  table: 'assistanceLogs' | 'groupSessions';
  outcome: string | null;
  service: string | null;
  count: number;
  participants: number;
}

export interface ProvinceCommuneRow {
  id: string;
  name: string;
  active: boolean;
  lastSyncAt: number | null;
}

export interface LatestSubmissionRow {
  communeId: string;
  id: string;
  version: number;
  documentNumber: string;
  documentDate: string;
  submittedAt: string;
  submittedByName: string | null;
  /** Its difficulties and proposals as items (an old text-only report: one untagged item). */
  difficulties: ReportItem[];
  proposals: ReportItem[];
  /** The submission's results as stored (checked against the shared schema by the service). */
  results: unknown;
  /** The draft's `returned` (the province's return of some version), null when none. */
  returned: unknown;
}

export interface SubmissionTotals {
  reports: number;
  sums: ResultSums;
  readinessPercent: number | null;
}

/**
 * A row of the compiled view's statement, as both dialects alias it: `l` a commune's latest
 * submission (its stored fields and its draft's `returned` as JSON text), `t` a total (`reports`,
 * `readiness`) and `s` the sum of one figure over the latest submissions (`path`, `total`).
 */
export interface PeriodDbRow {
  row_kind: 'l' | 't' | 's';
  commune_id: string | null;
  id: string | null;
  fields: string | null;
  returned: string | null;
  submitted_by_name: string | null;
  path: string | null;
  total: number | string | null;
}

const number = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export function decodePeriodRows(rows: readonly PeriodDbRow[]): { latest: LatestSubmissionRow[]; totals: SubmissionTotals } {
  const latest: LatestSubmissionRow[] = [];
  const totals = new Map<string, number | null>();
  const figures = new Map<string, number | null>();
  for (const row of rows) {
    if (row.row_kind === 'l') latest.push(decodeLatest(row));
    else (row.row_kind === 't' ? totals : figures).set(row.path ?? '', number(row.total));
  }
  const sums: Record<string, number | null> = {};
  for (const path of RESULT_COUNT_PATHS) sums[path.join('.')] = figures.get(path.join('.')) ?? null;
  return { latest, totals: { reports: totals.get('reports') ?? 0, sums, readinessPercent: totals.get('readiness') ?? null } };
}

/** One latest submission: its fields parsed (one row per commune, the only JSON the view reads). */
function decodeLatest(row: PeriodDbRow): LatestSubmissionRow {
  const fields = JSON.parse(row.fields ?? '{}') as Record<string, unknown>;
  return {
    communeId: row.commune_id ?? '',
    id: row.id ?? '',
    version: Number(fields.version),
    documentNumber: String(fields.documentNumber),
    documentDate: String(fields.documentDate),
    submittedAt: String(fields.submittedAt),
    submittedByName: row.submitted_by_name,
    difficulties: itemsOf(fields, 'difficulties'),
    proposals: itemsOf(fields, 'proposals'),
    results: fields.results,
    returned: row.returned === null ? null : (JSON.parse(row.returned) as unknown),
  };
}

/** An activity count row as the drivers give it (bigints and numerics may come as strings). */
export interface ActivityDbRow {
  commune_id: string;
  table_name: 'assistanceLogs' | 'groupSessions';
  outcome: string | null;
  service: string | null;
  n: number | string;
  participants: number | string | null;
}

export function decodeActivityRow(row: ActivityDbRow): ActivityCountRow {
  return {
    communeId: row.commune_id,
    table: row.table_name,
    outcome: row.outcome,
    service: row.service,
    count: Number(row.n),
    participants: Number(row.participants ?? 0),
  };
}
