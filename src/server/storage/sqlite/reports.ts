// The province's reports on SQLite (ReportStore; report-types.ts): the statements both databases
// share (report-sql.ts) in SQLite's words, and the logs and sessions counted through records_facts
// commune by commune.
import { decodeRecordRow, type RecordRow } from '../rows';
import type { StoredRecord } from '../record-types';
import { communeOf, communesStatement, periodStatement, PROVINCE_RECORDS, type ReportDialect } from '../report-sql';
import { decodeActivityRow, decodePeriodRows, type ActivityCountRow, type ActivityDbRow, type ActivityQuery, type LatestSubmissionRow, type PeriodDbRow, type PeriodQuery, type ProvinceCommuneRow, type ReportStore, type SubmissionTotals } from '../report-types';
import { run, type SqliteConnection } from './connection';

const SQLITE: ReportDialect = {
  param: () => '?',
  // SQLite's default collation (BINARY) already compares bytes.
  byBytes: (column) => column,
  notDeleted: 's.deleted = 0',
  returned: "json_extract(d.fields, '$.returned')",
  nullText: 'NULL',
  nullInteger: 'NULL',
  sum: (expression) => `SUM(${expression})`,
  floor: (expression) => `CAST(${expression} AS INTEGER)`,
};

const PERIOD = periodStatement(SQLITE);
const COMMUNES = communesStatement(SQLITE);

// One commune's range of records_facts (scope, fact_at, …): the index holds every column read.
// better-sqlite3 runs a statement on the event loop, so the view asks commune by commune and lets
// the loop turn between them: a sync round waits for one commune's count at most, not the province's.
const ACTIVITY = `
  SELECT scope AS commune_id, table_name, fact_outcome AS outcome, fact_service AS service, COUNT(*) AS n, SUM(fact_count) AS participants
  FROM records INDEXED BY records_facts WHERE scope = ? AND fact_at >= ? AND fact_at < ?
  GROUP BY table_name, fact_outcome, fact_service`;

const PROVINCE_COMMUNES = 'SELECT id FROM communes WHERE province_id = ?';

export class SqliteReportStore implements ReportStore {
  constructor(private readonly connection: SqliteConnection) {}

  provinceCommunes(provinceId: string): Promise<ProvinceCommuneRow[]> {
    return run(() => (this.connection.sql(COMMUNES).all(provinceId) as Parameters<typeof communeOf>[0][]).map(communeOf));
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
    const sql = `${PROVINCE_RECORDS} WHERE c.province_id = ? AND r.table_name IN (${tables.map(() => '?').join(', ')})`;
    return run(() => (this.connection.sql(sql).all(provinceId, ...tables) as RecordRow[]).map(decodeRecordRow));
  }
}
