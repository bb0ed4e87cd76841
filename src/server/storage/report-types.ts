// The report store: the province's compiled view of a reporting period, read in SQL on both
// databases (sqlite/reports.ts, postgres/reports.ts; docs/reports.md "The province's compiled
// view"). It reads the communes' submissions of one period only (through the partial index
// records_report_period, migration 8), never their logs, and sums the reports' results in the
// database; the same contract suite runs on both (test/server/compiled-report.test.ts).
import { RESULT_COUNT_PATHS, type ResultSums } from '../../shared/reports/compiled';

export interface ReportStore {
  /** The province's communes by id, with whether they are active and their accounts' latest sync (Unix ms). */
  provinceCommunes(provinceId: string): Promise<ProvinceCommuneRow[]>;
  /**
   * Each commune's latest submission (highest version, then latest sent) of the period report for
   * `period`, and their results summed with the mean of their readiness (rounded down) — in one
   * statement: the sums are window aggregates over the same rows, so the submissions are read and
   * ranked once.
   */
  periodSubmissions(query: PeriodQuery): Promise<{ latest: LatestSubmissionRow[]; totals: SubmissionTotals }>;
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
  /** The draft's `returned` (the province's return of some version), null when none. */
  returned: unknown;
}

export interface SubmissionTotals {
  reports: number;
  sums: ResultSums;
  readinessPercent: number | null;
}

/** The SELECT list of the sums over every row (`s0`, `s1`… as window aggregates), from a dialect's way of reading a path. */
export function sumColumns(readPath: (path: readonly string[]) => string): string {
  return RESULT_COUNT_PATHS.map((path, i) => `SUM(${readPath(['results', ...path])}) OVER () AS s${i}`).join(', ');
}

/** The latest rows and, from the first (every row carries them), the totals; none when nothing was sent. */
export function decodePeriodRows(rows: readonly (LatestSubmissionDbRow & Record<string, unknown>)[]): { latest: LatestSubmissionRow[]; totals: SubmissionTotals } {
  return { latest: rows.map(decodeLatest), totals: decodeTotals(rows[0]) };
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
  returned: string | null;
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
    returned: row.returned === null ? null : (JSON.parse(row.returned) as unknown),
  };
}
