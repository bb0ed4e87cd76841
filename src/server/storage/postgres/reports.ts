// The province's reports on PostgreSQL (ReportStore; report-types.ts): the same statements as
// sqlite/reports.ts over the facts stored at write time (migration 10). report_submissions' text
// columns are COLLATE "C", so dates and instants compare byte by byte whatever the locale.
import { RECORD_COLUMNS, decodeRecordRow, type RecordRow } from '../rows';
import type { StoredRecord } from '../record-types';
import {
  decodeActivityRow,
  decodePeriodRows,
  type ActivityCountRow,
  type ActivityDbRow,
  type ActivityQuery,
  type LatestSubmissionRow,
  type PeriodDbRow,
  type PeriodQuery,
  type ProvinceCommuneRow,
  type ReportStore,
  type SubmissionTotals,
} from '../report-types';
import type { PostgresConnection } from './connection';

const PERIOD = `
  WITH l AS MATERIALIZED (
    SELECT scope, id, report_id, submitted_by, readiness FROM (
      SELECT s.scope, s.id, s.report_id, s.submitted_by, s.readiness,
        ROW_NUMBER() OVER (PARTITION BY s.scope ORDER BY s.version DESC, s.submitted_at DESC, s.id COLLATE "C" DESC) AS n
      FROM report_submissions s JOIN communes c ON c.id = s.scope
      WHERE c.province_id = $1 AND s.period_start = $2 AND s.period_end = $3 AND s.kind = 'period' AND NOT s.deleted) ranked
    WHERE n = 1)
  SELECT 'l' AS row_kind, l.scope AS commune_id, l.id, r.fields, (d.fields::jsonb -> 'returned')::text AS returned,
    u.display_name AS submitted_by_name, NULL::text AS path, NULL::bigint AS total
  FROM l JOIN records r ON r.table_name = 'reportSubmissions' AND r.id = l.id AND r.scope = l.scope
    LEFT JOIN users u ON u.id = l.submitted_by
    LEFT JOIN records d ON d.table_name = 'periodReports' AND d.id = l.report_id AND d.scope = l.scope
  UNION ALL SELECT 't', NULL, NULL, NULL, NULL, NULL, 'reports', COUNT(*) FROM l
  UNION ALL SELECT 't', NULL, NULL, NULL, NULL, NULL, 'readiness', FLOOR(AVG(readiness))::bigint FROM l
  UNION ALL SELECT 's', NULL, NULL, NULL, NULL, NULL, f.path, SUM(f.value)::bigint FROM l JOIN report_figures f ON f.scope = l.scope AND f.id = l.id GROUP BY f.path`;

const ACTIVITY = `
  SELECT r.scope AS commune_id, r.table_name, r.fact_outcome AS outcome, r.fact_service AS service, COUNT(*) AS n, SUM(r.fact_count) AS participants
  FROM communes c JOIN records r ON r.scope = c.id AND r.fact_at >= $1 AND r.fact_at < $2
  WHERE c.province_id = $3
  GROUP BY r.scope, r.table_name, r.fact_outcome, r.fact_service`;

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
    const { rows } = await this.connection.pool.query<PeriodDbRow>(PERIOD, [query.provinceId, query.periodStart, query.periodEnd]);
    return decodePeriodRows(rows);
  }

  async activityCounts(query: ActivityQuery): Promise<ActivityCountRow[]> {
    const { rows } = await this.connection.pool.query<ActivityDbRow>(ACTIVITY, [query.from, query.before, query.provinceId]);
    return rows.map(decodeActivityRow);
  }

  async provinceRecords(provinceId: string, tables: readonly ('checklists' | 'checklistItems')[]): Promise<StoredRecord[]> {
    const columns = RECORD_COLUMNS.split(', ').map((column) => `r.${column}`).join(', ');
    const sql = `SELECT ${columns} FROM records r JOIN communes c ON c.id = r.scope WHERE c.province_id = $1 AND r.table_name = ANY($2::text[])`;
    const { rows } = await this.connection.pool.query<RecordRow>(sql, [provinceId, [...tables]]);
    return rows.map(decodeRecordRow);
  }
}
