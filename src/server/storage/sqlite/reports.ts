// The province's compiled view on SQLite (ReportStore): window function for each commune's latest
// submission, json_extract for the fields, SUM/AVG for the totals.
import { decodeLatest, decodeTotals, sumColumns, type LatestSubmissionDbRow, type LatestSubmissionRow, type PeriodQuery, type ProvinceCommuneRow, type ReportStore, type SubmissionTotals } from '../report-types';
import { run, type SqliteConnection } from './connection';

/** A JSON path of `fields`; keys are quoted because catalogue keys hold dashes ("public-service"). */
const read = (path: readonly string[]) => `json_extract(l.fields, '$${path.map((key) => `."${key}"`).join('')}')`;

// Submissions are the rows of one table, so the primary key (table_name, id, scope) reaches them
// without touching a log; a province has about a hundred communes × a few versions per period.
const LATEST = `
  WITH ranked AS (
    SELECT r.scope, r.id, r.fields, ROW_NUMBER() OVER (
      PARTITION BY r.scope ORDER BY json_extract(r.fields, '$.version') DESC, json_extract(r.fields, '$.submittedAt') DESC, r.id DESC) AS n
    FROM records r JOIN communes c ON c.id = r.scope
    WHERE r.table_name = 'reportSubmissions' AND c.province_id = ?
      AND json_extract(r.fields, '$.kind') = 'period'
      AND json_extract(r.fields, '$.periodStart') = ? AND json_extract(r.fields, '$.periodEnd') = ?
      AND json_extract(r.fields, '$.deleted') IS NOT 1
  ), l AS (SELECT scope, id, fields FROM ranked WHERE n = 1)`;

const LATEST_ROWS = `${LATEST}
  SELECT l.scope AS commune_id, l.id, ${read(['version'])} AS version, ${read(['documentNumber'])} AS document_number,
    ${read(['documentDate'])} AS document_date, ${read(['submittedAt'])} AS submitted_at, u.display_name AS submitted_by_name,
    ${read(['difficulties'])} AS difficulties, ${read(['proposals'])} AS proposals, json_extract(l.fields, '$.results') AS results
  FROM l LEFT JOIN users u ON u.id = ${read(['submittedBy'])}`;

const TOTALS = `${LATEST}
  SELECT COUNT(*) AS reports, CAST(AVG(${read(['results', 'readinessPercent'])}) AS INTEGER) AS readiness, ${sumColumns(read)} FROM l`;

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

  latestSubmissions(query: PeriodQuery): Promise<LatestSubmissionRow[]> {
    return run(() => (this.connection.sql(LATEST_ROWS).all(query.provinceId, query.periodStart, query.periodEnd) as LatestSubmissionDbRow[]).map(decodeLatest));
  }

  submissionTotals(query: PeriodQuery): Promise<SubmissionTotals> {
    return run(() => decodeTotals(this.connection.sql(TOTALS).get(query.provinceId, query.periodStart, query.periodEnd) as Record<string, unknown> | undefined));
  }
}
