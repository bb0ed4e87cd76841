// The province's compiled view on SQLite (ReportStore): window function for each commune's latest
// submission, json_extract for the fields, SUM/AVG over the same rows (window aggregates) for the totals.
import { decodePeriodRows, sumColumns, type LatestSubmissionDbRow, type LatestSubmissionRow, type PeriodQuery, type ProvinceCommuneRow, type ReportStore, type SubmissionTotals } from '../report-types';
import { run, type SqliteConnection } from './connection';

/** A JSON path of `fields`; keys are quoted because catalogue keys hold dashes ("public-service"). */
const read = (path: readonly string[]) => `json_extract(l.fields, '$${path.map((key) => `."${key}"`).join('')}')`;

// The period's submissions only, found through the partial index records_report_period (migration
// 8) by the same expressions, so neither a log nor another period's report is read. Each
// submission's text is turned into SQLite's binary JSON once (MATERIALIZED), so the paths the
// ranking and the ~50 sums read do not parse the text again each.
const LATEST = `
  WITH docs AS MATERIALIZED (
    SELECT r.scope, r.id, jsonb(r.fields) AS fields
    FROM records r JOIN communes c ON c.id = r.scope
    WHERE r.table_name = 'reportSubmissions' AND c.province_id = ?
      AND json_extract(r.fields, '$.periodStart') = ? AND json_extract(r.fields, '$.periodEnd') = ?
  ), ranked AS (
    SELECT scope, id, fields, ROW_NUMBER() OVER (
      PARTITION BY scope ORDER BY json_extract(fields, '$.version') DESC, json_extract(fields, '$.submittedAt') DESC, id DESC) AS n
    FROM docs
    WHERE json_extract(fields, '$.kind') = 'period' AND json_extract(fields, '$.deleted') IS NOT 1
  ), l AS MATERIALIZED (SELECT scope, id, fields FROM ranked WHERE n = 1)`;

const LATEST_ROWS = `${LATEST}
  SELECT l.scope AS commune_id, l.id, ${read(['version'])} AS version, ${read(['documentNumber'])} AS document_number,
    ${read(['documentDate'])} AS document_date, ${read(['submittedAt'])} AS submitted_at, u.display_name AS submitted_by_name,
    ${read(['difficulties'])} AS difficulties, ${read(['proposals'])} AS proposals, json(json_extract(l.fields, '$.results')) AS results,
    json_extract(d.fields, '$.returned') AS returned, COUNT(*) OVER () AS reports, CAST(AVG(${read(['results', 'readinessPercent'])}) OVER () AS INTEGER) AS readiness, ${sumColumns(read)}
  FROM l LEFT JOIN users u ON u.id = ${read(['submittedBy'])}
    LEFT JOIN records d ON d.table_name = 'periodReports' AND d.id = ${read(['reportId'])} AND d.scope = l.scope`;

const COMMUNES = `
  SELECT c.id, c.name, c.active, MAX(u.last_sync_at) AS last_sync_at
  FROM communes c LEFT JOIN users u ON u.commune_id = c.id
  WHERE c.province_id = ? GROUP BY c.id, c.name, c.active`;

export class SqliteReportStore implements ReportStore {
  constructor(private readonly connection: SqliteConnection) {}

  provinceCommunes(provinceId: string): Promise<ProvinceCommuneRow[]> {
    return run(() =>
      (this.connection.sql(COMMUNES).all(provinceId) as { id: string; name: string; active: number; last_sync_at: number | null }[]).map((row) => ({
        id: row.id,
        name: row.name,
        active: row.active === 1,
        lastSyncAt: row.last_sync_at,
      })),
    );
  }

  periodSubmissions(query: PeriodQuery): Promise<{ latest: LatestSubmissionRow[]; totals: SubmissionTotals }> {
    return run(() => decodePeriodRows(this.connection.sql(LATEST_ROWS).all(query.provinceId, query.periodStart, query.periodEnd) as (LatestSubmissionDbRow & Record<string, unknown>)[]));
  }
}
