// The province's reports on SQLite (ReportStore; report-types.ts): the statements both databases
// share (report-sql.ts) in SQLite's words, and the logs and sessions counted through records_facts
// commune by commune.
import { decodeRecordRow, type RecordRow } from '../rows';
import type { StoredRecord } from '../record-types';
import { communeOf, communesStatement, periodStatement, PROVINCE_RECORDS, type ReportDialect } from '../report-sql';
import { decodeActivityRow, decodePeriodRows, type ActivityCountRow, type ActivityDbRow, type ActivityQuery, type LatestSubmissionRow, type PeriodDbRow, type PeriodQuery, type ProvinceCommuneRow, type ReportStore, type SubmissionTotals } from '../report-types';
import type { SqliteConnection } from './connection';

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

// One commune's range of records_facts (scope, fact_at, …): the index holds every column read. The
// view asks commune by commune, each statement its own short read: a read that held its snapshot
// for the province's whole count would hold up a WAL checkpoint that rewinds the log (RESTART waits
// for older readers while it blocks writers), and the pushes behind it. On the server these and the
// other statements run on the reader thread (reader-thread.ts), not on the event loop that answers
// sync rounds.
const ACTIVITY = `
  SELECT scope AS commune_id, table_name, fact_outcome AS outcome, fact_service AS service, COUNT(*) AS n, SUM(fact_count) AS participants
  FROM records INDEXED BY records_facts WHERE scope = ? AND fact_at >= ? AND fact_at < ?
  GROUP BY table_name, fact_outcome, fact_service`;

const PROVINCE_COMMUNES = 'SELECT id FROM communes WHERE province_id = ?';

export class SqliteReportStore implements ReportStore {
  constructor(private readonly connection: SqliteConnection) {}

  async provinceCommunes(provinceId: string): Promise<ProvinceCommuneRow[]> {
    return (await this.connection.readAll<Parameters<typeof communeOf>[0]>(COMMUNES, [provinceId])).map(communeOf);
  }

  async periodSubmissions(query: PeriodQuery): Promise<{ latest: LatestSubmissionRow[]; totals: SubmissionTotals }> {
    return decodePeriodRows(await this.connection.readAll<PeriodDbRow>(PERIOD, [query.provinceId, query.periodStart, query.periodEnd]));
  }

  async activityCounts(query: ActivityQuery): Promise<ActivityCountRow[]> {
    const communes = await this.connection.readAll<{ id: string }>(PROVINCE_COMMUNES, [query.provinceId]);
    const counts = await Promise.all(communes.map(({ id }) => this.connection.readAll<ActivityDbRow>(ACTIVITY, [id, query.from, query.before])));
    return counts.flat().map(decodeActivityRow);
  }

  async provinceRecords(provinceId: string, tables: readonly ('checklists' | 'checklistItems')[]): Promise<StoredRecord[]> {
    if (tables.length === 0) return [];
    const sql = `${PROVINCE_RECORDS} WHERE c.province_id = ? AND r.table_name IN (${tables.map(() => '?').join(', ')})`;
    return (await this.connection.readAll<RecordRow>(sql, [provinceId, ...tables])).map(decodeRecordRow);
  }
}
