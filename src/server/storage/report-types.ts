// The report store: the province's compiled view of a reporting period, read in SQL on both
// databases (sqlite/reports.ts, postgres/reports.ts; docs/reports.md "The province's compiled
// view"). It reads the communes' submissions only (the rows of one table, reached through the
// primary key's table_name prefix), never their logs, and sums the reports' results in the
// database; the same contract suite runs on both (test/server/compiled-report.test.ts).
import { RESULT_COUNT_PATHS, type ResultSums } from '../../shared/reports/compiled';

export interface ReportStore {
  /** The province's communes by id, with whether they are active and their accounts' latest sync (Unix ms). */
  provinceCommunes(provinceId: string): Promise<ProvinceCommuneRow[]>;
  /** Each commune's latest submission (highest version, then latest sent) of the period report for `period`. */
  latestSubmissions(query: PeriodQuery): Promise<LatestSubmissionRow[]>;
  /** The results of those latest submissions summed, and the mean of their readiness (rounded down). */
  submissionTotals(query: PeriodQuery): Promise<SubmissionTotals>;
}

export interface PeriodQuery {
  provinceId: string;
  periodStart: string;
  periodEnd: string;
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
  difficulties: string | null;
  proposals: string | null;
  /** The submission's results as stored (checked against the shared schema by the service). */
  results: unknown;
}

export interface SubmissionTotals {
  reports: number;
  sums: ResultSums;
  readinessPercent: number | null;
}

/** The SELECT list of the sums, one aliased column per path (`s0`, `s1`…), from a dialect's way of reading a path. */
export function sumColumns(readPath: (path: readonly string[]) => string): string {
  return RESULT_COUNT_PATHS.map((path, i) => `SUM(${readPath(['results', ...path])}) AS s${i}`).join(', ');
}

/** A totals row (`reports`, `readiness`, `s0`…) as numbers; the drivers give bigints and numerics as strings. */
export function decodeTotals(row: Record<string, unknown> | undefined): SubmissionTotals {
  const number = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
  const sums: Record<string, number | null> = {};
  RESULT_COUNT_PATHS.forEach((path, i) => (sums[path.join('.')] = number(row?.[`s${i}`])));
  return { reports: number(row?.reports) ?? 0, sums, readinessPercent: number(row?.readiness) };
}

/** The text columns of a latest-submission row, as both dialects alias them. */
export interface LatestSubmissionDbRow {
  commune_id: string;
  id: string;
  version: number | string;
  document_number: string;
  document_date: string;
  submitted_at: string;
  submitted_by_name: string | null;
  difficulties: string | null;
  proposals: string | null;
  results: string;
}

export function decodeLatest(row: LatestSubmissionDbRow): LatestSubmissionRow {
  return {
    communeId: row.commune_id,
    id: row.id,
    version: Number(row.version),
    documentNumber: row.document_number,
    documentDate: row.document_date,
    submittedAt: row.submitted_at,
    submittedByName: row.submitted_by_name,
    difficulties: row.difficulties,
    proposals: row.proposals,
    results: JSON.parse(row.results) as unknown,
  };
}
