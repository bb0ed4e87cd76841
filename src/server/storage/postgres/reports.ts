// The province's compiled view on PostgreSQL (ReportStore): the same queries as sqlite/reports.ts,
// each submission's JSON parsed once (the CTE's `doc`) and read with #>>.
import { decodePeriodRows, sumColumns, type LatestSubmissionDbRow, type LatestSubmissionRow, type PeriodQuery, type ProvinceCommuneRow, type ReportStore, type SubmissionTotals } from '../report-types';
import type { PostgresConnection } from './connection';

/** A JSON path of the submission as text (the path is an array literal: dashes need no quoting). */
const text = (path: readonly string[]) => `(l.doc #>> '{${path.join(',')}}')`;
const int = (path: readonly string[]) => `${text(path)}::bigint`;

// The period's submissions only, found through the partial index records_report_period (migration
// 8) by the same expressions; never a log, never another period's reports. COLLATE "C": dates
// compare byte by byte, whatever the locale. Each submission's JSON is parsed once (MATERIALIZED:
// otherwise PostgreSQL inlines the CTE and parses the text again for every path the sums read,
// ~50 per row): parsing is where this statement's time goes, so it parses only the period's rows.
const LATEST = `
  WITH docs AS MATERIALIZED (
    SELECT r.scope, r.id, r.fields::jsonb AS doc
    FROM records r JOIN communes c ON c.id = r.scope
    WHERE r.table_name = 'reportSubmissions' AND c.province_id = $1
      AND ((r.fields::jsonb) ->> 'periodStart') = $2 AND ((r.fields::jsonb) ->> 'periodEnd') = $3
  ), ranked AS (
    SELECT scope, id, doc, ROW_NUMBER() OVER (
      PARTITION BY scope ORDER BY (doc ->> 'version')::int DESC, (doc ->> 'submittedAt') COLLATE "C" DESC, id COLLATE "C" DESC) AS n
    FROM docs
    WHERE doc ->> 'kind' = 'period' AND (doc -> 'deleted') IS DISTINCT FROM 'true'::jsonb
  ), l AS MATERIALIZED (SELECT scope, id, doc FROM ranked WHERE n = 1)`;

const LATEST_ROWS = `${LATEST}
  SELECT l.scope AS commune_id, l.id, ${text(['version'])} AS version, ${text(['documentNumber'])} AS document_number,
    ${text(['documentDate'])} AS document_date, ${text(['submittedAt'])} AS submitted_at, u.display_name AS submitted_by_name,
    ${text(['difficulties'])} AS difficulties, ${text(['proposals'])} AS proposals, ${text(['results'])} AS results,
    (d.fields::jsonb -> 'returned')::text AS returned, COUNT(*) OVER () AS reports, FLOOR(AVG(${int(['results', 'readinessPercent'])}) OVER ())::int AS readiness, ${sumColumns(int)}
  FROM l LEFT JOIN users u ON u.id = ${text(['submittedBy'])}
    LEFT JOIN records d ON d.table_name = 'periodReports' AND d.id = ${text(['reportId'])} AND d.scope = l.scope`;

const COMMUNES = `
  SELECT c.id, c.name, c.active, MAX(u.last_sync_at) AS last_sync_at
  FROM communes c LEFT JOIN users u ON u.commune_id = c.id
  WHERE c.province_id = $1 GROUP BY c.id, c.name, c.active`;

export class PostgresReportStore implements ReportStore {
  constructor(private readonly connection: PostgresConnection) {}

  async provinceCommunes(provinceId: string): Promise<ProvinceCommuneRow[]> {
    const { rows } = await this.connection.pool.query<{ id: string; name: string; active: boolean; last_sync_at: string | null }>(COMMUNES, [provinceId]);
    return rows.map((row) => ({ id: row.id, name: row.name, active: row.active, lastSyncAt: row.last_sync_at === null ? null : Number(row.last_sync_at) }));
  }

  async periodSubmissions(query: PeriodQuery): Promise<{ latest: LatestSubmissionRow[]; totals: SubmissionTotals }> {
    const { rows } = await this.connection.pool.query<LatestSubmissionDbRow & Record<string, unknown>>(LATEST_ROWS, [query.provinceId, query.periodStart, query.periodEnd]);
    return decodePeriodRows(rows);
  }
}
