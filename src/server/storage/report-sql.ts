// The report store's statements that read the same on both databases (report-types.ts), written once
// with the few words each database spells its own way (a ReportDialect, defined beside each store):
// sqlite/reports.ts and postgres/reports.ts only run them and decode the rows. The logs' and
// sessions' counts differ in shape (SQLite asks commune by commune) and stay in each store.
import { RECORD_COLUMNS } from './rows';
import type { ProvinceCommuneRow } from './report-types';

export interface ReportDialect {
  /** The n-th parameter (from 1): `?` or `$n`. */
  param: (n: number) => string;
  /** The latest submissions' ids compare byte by byte, whatever the database's locale. */
  byBytes: (column: string) => string;
  /** A submission row that is not deleted (`s`). */
  notDeleted: string;
  /** The period report's `returned` field as text, from its JSON (`d.fields`). */
  returned: string;
  /** A typed NULL for the rows of the union that carry no such column. */
  nullText: string;
  nullInteger: string;
  /** A whole number from an aggregate: a sum, or a mean rounded down (readiness is never negative). */
  sum: (expression: string) => string;
  floor: (expression: string) => string;
}

/**
 * The compiled view of a period: each commune's latest submission (found by the index
 * report_submissions_period; only those rows' JSON is read, for the texts the view shows), how many
 * there are, their mean readiness and their results summed from report_figures. The four parts share
 * the CTE, so one statement reads one state. Parameters: province, period start, period end.
 */
export function periodStatement(d: ReportDialect): string {
  return `
  WITH l AS MATERIALIZED (
    SELECT scope, id, report_id, submitted_by, readiness FROM (
      SELECT s.scope, s.id, s.report_id, s.submitted_by, s.readiness,
        ROW_NUMBER() OVER (PARTITION BY s.scope ORDER BY s.version DESC, s.submitted_at DESC, ${d.byBytes('s.id')} DESC) AS n
      FROM report_submissions s JOIN communes c ON c.id = s.scope
      WHERE c.province_id = ${d.param(1)} AND s.period_start = ${d.param(2)} AND s.period_end = ${d.param(3)} AND s.kind = 'period' AND ${d.notDeleted}) ranked
    WHERE n = 1)
  SELECT 'l' AS row_kind, l.scope AS commune_id, l.id, r.fields, ${d.returned} AS returned,
    u.display_name AS submitted_by_name, ${d.nullText} AS path, ${d.nullInteger} AS total
  FROM l JOIN records r ON r.table_name = 'reportSubmissions' AND r.id = l.id AND r.scope = l.scope
    LEFT JOIN users u ON u.id = l.submitted_by
    LEFT JOIN records d ON d.table_name = 'periodReports' AND d.id = l.report_id AND d.scope = l.scope
  UNION ALL SELECT 't', NULL, NULL, NULL, NULL, NULL, 'reports', COUNT(*) FROM l
  UNION ALL SELECT 't', NULL, NULL, NULL, NULL, NULL, 'readiness', ${d.floor('AVG(readiness)')} FROM l
  UNION ALL SELECT 's', NULL, NULL, NULL, NULL, NULL, f.path, ${d.sum('f.value')} FROM l JOIN report_figures f ON f.scope = l.scope AND f.id = l.id GROUP BY f.path`;
}

/** The province's communes with their accounts' latest sync. Parameter: province. */
export const communesStatement = (d: ReportDialect): string => `
  SELECT c.id, c.name, c.active, MAX(u.last_sync_at) AS last_sync_at
  FROM communes c LEFT JOIN users u ON u.commune_id = c.id
  WHERE c.province_id = ${d.param(1)} GROUP BY c.id, c.name, c.active`;

/** A row of communesStatement: SQLite gives the flag as 0/1, PostgreSQL a bigint as text. */
export function communeOf(row: { id: string; name: string; active: boolean | number; last_sync_at: string | number | null }): ProvinceCommuneRow {
  return { id: row.id, name: row.name, active: row.active === true || row.active === 1, lastSyncAt: row.last_sync_at === null ? null : Number(row.last_sync_at) };
}

/** The start of a statement reading whole records (`r`) of the province's communes (`c`). */
export const PROVINCE_RECORDS = `SELECT ${RECORD_COLUMNS.split(', ').map((column) => `r.${column}`).join(', ')} FROM records r JOIN communes c ON c.id = r.scope`;
