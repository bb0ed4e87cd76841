// The province's reports on PostgreSQL (ReportStore; report-types.ts): the statements both databases
// share (report-sql.ts) in PostgreSQL's words, over the facts stored at write time (migration 10).
// report_submissions' text columns are COLLATE "C", so dates and instants compare byte by byte
// whatever the locale. The statements run on the views' own connection (connection.ts `views`):
// one at a time, without parallel workers, beside the sync rounds' pool.
import { decodeRecordRow, type RecordRow } from '../rows';
import type { StoredRecord } from '../record-types';
import { communeOf, communesStatement, periodStatement, PROVINCE_RECORDS, type ReportDialect } from '../report-sql';
import { decodeActivityRow, decodePeriodRows, type ActivityCountRow, type ActivityDbRow, type ActivityQuery, type LatestSubmissionRow, type PeriodDbRow, type PeriodQuery, type ProvinceCommuneRow, type ReportStore, type SubmissionTotals } from '../report-types';
import type { PostgresConnection } from './connection';

const POSTGRES: ReportDialect = {
  param: (n) => `$${n}`,
  byBytes: (column) => `${column} COLLATE "C"`,
  notDeleted: 'NOT s.deleted',
  returned: "(d.fields::jsonb -> 'returned')::text",
  nullText: 'NULL::text',
  nullInteger: 'NULL::bigint',
  sum: (expression) => `SUM(${expression})::bigint`,
  floor: (expression) => `FLOOR(${expression})::bigint`,
};

const PERIOD = periodStatement(POSTGRES);
const COMMUNES = communesStatement(POSTGRES);

const ACTIVITY = `
  SELECT r.scope AS commune_id, r.table_name, r.fact_outcome AS outcome, r.fact_service AS service, COUNT(*) AS n, SUM(r.fact_count) AS participants
  FROM communes c JOIN records r ON r.scope = c.id AND r.fact_at >= $1 AND r.fact_at < $2
  WHERE c.province_id = $3
  GROUP BY r.scope, r.table_name, r.fact_outcome, r.fact_service`;

export class PostgresReportStore implements ReportStore {
  constructor(private readonly connection: PostgresConnection) {}

  async provinceCommunes(provinceId: string): Promise<ProvinceCommuneRow[]> {
    const { rows } = await this.connection.views.query<Parameters<typeof communeOf>[0]>(COMMUNES, [provinceId]);
    return rows.map(communeOf);
  }

  async periodSubmissions(query: PeriodQuery): Promise<{ latest: LatestSubmissionRow[]; totals: SubmissionTotals }> {
    const { rows } = await this.connection.views.query<PeriodDbRow>(PERIOD, [query.provinceId, query.periodStart, query.periodEnd]);
    return decodePeriodRows(rows);
  }

  async activityCounts(query: ActivityQuery): Promise<ActivityCountRow[]> {
    const { rows } = await this.connection.views.query<ActivityDbRow>(ACTIVITY, [query.from, query.before, query.provinceId]);
    return rows.map(decodeActivityRow);
  }

  async provinceRecords(provinceId: string, tables: readonly ('checklists' | 'checklistItems')[]): Promise<StoredRecord[]> {
    const sql = `${PROVINCE_RECORDS} WHERE c.province_id = $1 AND r.table_name = ANY($2::text[])`;
    const { rows } = await this.connection.views.query<RecordRow>(sql, [provinceId, [...tables]]);
    return rows.map(decodeRecordRow);
  }
}
