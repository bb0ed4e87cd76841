// The province's reports on SQLite (ReportStore; report-types.ts): each commune's latest submission
// by a window function over report_submissions and the figures summed from report_figures (the
// facts stored at write time, migration 10); the logs and sessions counted through records_facts.
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
import { run, type SqliteConnection } from './connection';

// Found by report_submissions_period; only the latest rows' JSON is read (one per commune), for
// the texts the view shows. The four parts share the CTE, so one statement reads one state.
const PERIOD = `
  WITH l AS MATERIALIZED (
    SELECT scope, id, report_id, submitted_by, readiness FROM (
      SELECT s.scope, s.id, s.report_id, s.submitted_by, s.readiness,
        ROW_NUMBER() OVER (PARTITION BY s.scope ORDER BY s.version DESC, s.submitted_at DESC, s.id DESC) AS n
      FROM report_submissions s JOIN communes c ON c.id = s.scope
      WHERE c.province_id = ? AND s.period_start = ? AND s.period_end = ? AND s.kind = 'period' AND s.deleted = 0)
    WHERE n = 1)
  SELECT 'l' AS row_kind, l.scope AS commune_id, l.id, r.fields, json_extract(d.fields, '$.returned') AS returned,
    u.display_name AS submitted_by_name, NULL AS path, NULL AS total
  FROM l JOIN records r ON r.table_name = 'reportSubmissions' AND r.id = l.id AND r.scope = l.scope
    LEFT JOIN users u ON u.id = l.submitted_by
    LEFT JOIN records d ON d.table_name = 'periodReports' AND d.id = l.report_id AND d.scope = l.scope
  UNION ALL SELECT 't', NULL, NULL, NULL, NULL, NULL, 'reports', COUNT(*) FROM l
  UNION ALL SELECT 't', NULL, NULL, NULL, NULL, NULL, 'readiness', CAST(AVG(readiness) AS INTEGER) FROM l
  UNION ALL SELECT 's', NULL, NULL, NULL, NULL, NULL, f.path, SUM(f.value) FROM l JOIN report_figures f ON f.scope = l.scope AND f.id = l.id GROUP BY f.path`;

// One commune's range of records_facts (scope, fact_at, …): the index holds every column read.
// better-sqlite3 runs a statement on the event loop, so the view asks commune by commune and lets
// the loop turn between them: a sync round waits for one commune's count at most, not the province's.
const ACTIVITY = `
  SELECT scope AS commune_id, table_name, fact_outcome AS outcome, fact_service AS service, COUNT(*) AS n, SUM(fact_count) AS participants
  FROM records INDEXED BY records_facts WHERE scope = ? AND fact_at >= ? AND fact_at < ?
  GROUP BY table_name, fact_outcome, fact_service`;

const PROVINCE_COMMUNES = 'SELECT id FROM communes WHERE province_id = ?';

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
    return run(() => decodePeriodRows(this.connection.sql(PERIOD).all(query.provinceId, query.periodStart, query.periodEnd) as PeriodDbRow[]));
  }

  async activityCounts(query: ActivityQuery): Promise<ActivityCountRow[]> {
    const communes = this.connection.sql(PROVINCE_COMMUNES).all(query.provinceId) as { id: string }[];
    const rows: ActivityCountRow[] = [];
    for (const { id } of communes) {
      await new Promise((resolve) => setImmediate(resolve));
      for (const row of this.connection.sql(ACTIVITY).all(id, query.from, query.before) as ActivityDbRow[]) rows.push(decodeActivityRow(row));
    }
    return rows;
  }

  provinceRecords(provinceId: string, tables: readonly ('checklists' | 'checklistItems')[]): Promise<StoredRecord[]> {
    if (tables.length === 0) return Promise.resolve([]);
    const columns = RECORD_COLUMNS.split(', ').map((column) => `r.${column}`).join(', ');
    const sql = `SELECT ${columns} FROM records r JOIN communes c ON c.id = r.scope WHERE c.province_id = ? AND r.table_name IN (${tables.map(() => '?').join(', ')})`;
    return run(() => (this.connection.sql(sql).all(provinceId, ...tables) as RecordRow[]).map(decodeRecordRow));
  }
}
