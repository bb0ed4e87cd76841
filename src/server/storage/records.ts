// Synced records (RecordStore), written once for both databases: what a push reads, plans and
// writes, how a pull page is filled, seeding, pruning, the reads of reports and erasure, and the
// lookup backfill. What differs — how a write holds its scope's counter and in how many round
// trips, how a snapshot is read, placeholders and JSON — sits behind RecordDialect
// (sqlite/records.ts, postgres/records.ts). Both pass test/server/sync-store-contract.ts.
import type { SyncTable } from '../../shared/schemas/tables';
import type { SyncedRecord } from '../../shared/sync/merge';
import { PERSONAL_TABLES, recordLookups, type RecordLookups } from './lookups';
import { FACT_TABLES, recordFacts, submissionFacts, type RecordFacts, type SubmissionFacts } from './report-facts';
import type {
  AppliedMutation,
  LookupQuery,
  PullPage,
  PullRequest,
  PushBatch,
  PushCommitted,
  PushPlan,
  PushState,
  QuotaKeys,
  QuotaWindow,
  RecentWrites,
  RecordFind,
  RecordKey,
  RecordQuery,
  RecordStore,
  StoredRecord,
} from './record-types';
import { RECORD_COLUMNS, decodeOutcome, decodeRecordRow, encodeRecord, fitPage, type RecordRow } from './rows';

/** What a scope write reads after taking the scope's counter: these mutation ids and records (any scope). */
export interface StateKeys {
  mutationIds: readonly string[];
  recordKeys: readonly { table: SyncTable; id: string }[];
  /** Also count the recent writes of this member and commune (StateRows.recentWrites). */
  quota?: QuotaKeys | undefined;
  /** Also read the scope's records this finds through the lookup columns (StateRows.found; lookupSelect). */
  find?: RecordFind | undefined;
}

/** The rows read for StateKeys. */
export interface StateRows {
  applied: readonly { mutation_id: string; user_id: string; result: string }[];
  records: readonly RecordRow[];
  recentWrites?: RecentWrites;
  /** With StateKeys.find (a dialect may also hand an empty list without it). */
  found?: readonly RecordRow[];
}

/** One row of `records` to upsert, with its lookup columns (lookups.ts) and its reports' facts (report-facts.ts). */
export interface RecordWriteRow extends RecordLookups, RecordFacts {
  table: SyncTable;
  id: string;
  fields: string;
  clocks: string;
  seq: number;
  /** A submitted report's header and figures, written to report_submissions and report_figures. */
  submission: SubmissionFacts | null;
}

/** A stored record's facts, recomputed (the start-up backfill). */
export interface RecordFactsRow extends RecordFacts {
  table: SyncTable;
  id: string;
  scope: string;
  submission: SubmissionFacts | null;
}

/** What a scope write stores, decided from its StateRows, and what it answers. */
export interface ScopeWrite<T> {
  rows: readonly RecordWriteRow[];
  /**
   * Mutation ids to remember with their outcome as JSON and the bytes of their fields, by whom (a
   * relayed change: its author) and when.
   */
  remember: readonly { mutationId: string; result: string; bytes: number; userId?: string }[];
  by: { userId: string; clientId: string; at: number } | null;
  /** The scope's counter after the write. */
  seq: number;
  result: T;
}

/** Reads one scope of a pull page: its rows after its cursor (at least `remaining` + 1 if it has them) and its head. */
export type ScopeReader = (index: number, remaining: number) => { rows: readonly RecordRow[]; head: number };

/** Where the two databases differ; everything else is in RecordsOnSql. */
export interface RecordDialect {
  /**
   * One write transaction holding the scope's counter row (created at 0 on first use): reads the
   * rows of `keys` after the lock, hands them and the counter to `decide` (pure, synchronous: a
   * SQLite transaction cannot await), stores what it decided and the new counter. Writers of one
   * scope run one after the other, so row_seq order is commit order. Resolves after COMMIT.
   */
  writeScope<T>(scope: string, keys: StateKeys, decide: (state: StateRows, seq: number) => ScopeWrite<T>): Promise<T>;
  /** Reads the epoch and every scope of `request` in one snapshot, and fills the page with `fill`. */
  readPage<T>(request: PullRequest, fill: (epoch: string, readScope: ScopeReader) => T): Promise<T>;
  /** A read-only query of RECORD_COLUMNS, written with `?` placeholders. */
  select(sql: string, params: readonly unknown[]): Promise<RecordRow[]>;
  /** A read-only query with `?` placeholders: the first column of its first row as a number, or null. */
  selectNumber(sql: string, params: readonly unknown[]): Promise<number | null>;
  /** A statement with `?` placeholders; resolves with the number of rows it changed. */
  execute(sql: string, params: readonly unknown[]): Promise<number>;
  /**
   * In one transaction: selects rows with `sql` (`?` placeholders), kept from writers until COMMIT,
   * and sets each one's lookup columns to `lookups(row)`. Resolves with the rows read.
   */
  relookup(sql: string, params: readonly unknown[], lookups: (row: StoredRecord) => RecordLookups): Promise<StoredRecord[]>;
  /**
   * In one transaction: selects rows with `sql` (`?` placeholders), kept from writers until COMMIT,
   * and writes each one's facts (report-facts.ts) as `facts(row)` gives them. Resolves with the rows read.
   */
  refact(sql: string, params: readonly unknown[], facts: (row: StoredRecord) => RecordFactsRow): Promise<StoredRecord[]>;
  /** SQL of a top-level text field of `fields` that compares byte by byte (ISO instants). */
  fieldText(field: string): string;
}

export class RecordsOnSql implements RecordStore {
  constructor(private readonly dialect: RecordDialect) {}

  push<P extends PushPlan>(batch: PushBatch<P>): Promise<PushCommitted<P>> {
    const keys = { mutationIds: [...new Set(batch.mutationIds)], recordKeys: uniqueKeys(batch.recordKeys), quota: batch.quota, find: batch.find };
    return this.dialect.writeScope(batch.scope, keys, (state, before) => {
      const applied = new Map<string, AppliedMutation>();
      for (const row of state.applied) applied.set(row.mutation_id, { mutationId: row.mutation_id, userId: row.user_id, outcome: decodeOutcome(row.result) });
      const records = state.records.map(decodeRecordRow);
      const seen: PushState = state.recentWrites ? { applied, records, recentWrites: state.recentWrites } : { applied, records };
      const plan = batch.plan(keys.find ? { ...seen, found: (state.found ?? []).map(decodeRecordRow) } : seen);
      let seq = before;
      const rows = plan.writes.map((write) => writeRow(write.table, write.record, (seq += 1)));
      const remember = plan.remember.map((entry) => ({
        mutationId: entry.mutationId,
        result: JSON.stringify(entry.outcome),
        bytes: batch.sizes?.get(entry.mutationId) ?? 0,
        ...(entry.userId ? { userId: entry.userId } : {}),
      }));
      return { rows, remember, by: { userId: batch.userId, clientId: batch.clientId, at: batch.now }, seq, result: { plan, scopeSeq: seq } };
    });
  }

  pull(request: PullRequest): Promise<PullPage> {
    return this.dialect.readPage(request, (epoch, readScope): PullPage => {
      let remaining = request.limit;
      const scopes = request.scopes.map(({ scope }, index) => {
        const read = readScope(index, remaining);
        const { rows, hasMore } = fitPage([...read.rows], remaining);
        remaining -= rows.length;
        return { scope, rows: rows.map(decodeRecordRow), hasMore, headSeq: read.head };
      });
      return { epoch, scopes };
    });
  }

  seedRecords(scope: string, records: readonly { table: SyncTable; record: SyncedRecord }[]): Promise<number> {
    const keys = { mutationIds: [], recordKeys: uniqueKeys(records.map(({ table, record }) => ({ table, id: record.id }))) };
    return this.dialect.writeScope(scope, keys, (state, before) => {
      // Only what the scope lacks: a seed never overwrites a record someone has since changed.
      const present = new Set(state.records.filter((row) => row.scope === scope).map((row) => recordKey(row.table_name, row.id)));
      let seq = before;
      const rows: RecordWriteRow[] = [];
      for (const { table, record } of records) {
        const key = recordKey(table, record.id);
        if (present.has(key)) continue;
        present.add(key);
        rows.push(writeRow(table, record, (seq += 1)));
      }
      return { rows, remember: [], by: null, seq, result: rows.length };
    });
  }

  pruneAppliedMutations(before: number): Promise<number> {
    return this.dialect.execute('DELETE FROM applied_mutations WHERE applied_at < ?', [before]);
  }

  async listRecords(query: RecordQuery): Promise<StoredRecord[]> {
    if (query.tables.length === 0) return [];
    const occurredAt = this.dialect.fieldText('occurredAt');
    const period = query.occurredAt ? ` AND ${occurredAt} >= ? AND ${occurredAt} < ?` : '';
    const params = [query.scope, ...query.tables, ...(query.occurredAt ? [query.occurredAt.from, query.occurredAt.before] : [])];
    const rows = await this.dialect.select(`SELECT ${RECORD_COLUMNS} FROM records WHERE scope = ? AND table_name IN (${marks(query.tables.length)})${period}`, params);
    return rows.map(decodeRecordRow);
  }

  async findByLookup(query: LookupQuery): Promise<StoredRecord[]> {
    const select = lookupSelect(query.scope, query);
    return select ? (await this.dialect.select(select.text, select.params)).map(decodeRecordRow) : [];
  }

  async listPersonalBefore(scope: string, before: number, limit: number): Promise<StoredRecord[]> {
    const page = `SELECT ${RECORD_COLUMNS} FROM records WHERE scope = ? AND personal_at IS NOT NULL AND personal_at < ? ORDER BY personal_at LIMIT ?`;
    return (await this.dialect.select(page, [scope, before, limit])).map(decodeRecordRow);
  }

  async backfillLookups(after: RecordKey | null, limit: number, tables: readonly SyncTable[] = PERSONAL_TABLES): Promise<RecordKey | null> {
    if (tables.length === 0) return null;
    // Pages follow the primary key; the key comparison and the order use the same collation.
    const from = after ? ' AND (table_name, id, scope) > (?, ?, ?)' : '';
    const params = [...tables, ...(after ? [after.table, after.id, after.scope] : []), limit];
    const page = `SELECT ${RECORD_COLUMNS} FROM records WHERE table_name IN (${marks(tables.length)})${from} ORDER BY table_name, id, scope LIMIT ?`;
    const rows = await this.dialect.relookup(page, params, (row) => recordLookups(row.table, row.record));
    const last = rows.at(-1);
    return last ? { table: last.table, id: last.record.id, scope: last.scope } : null;
  }

  async backfillFacts(after: RecordKey | null, limit: number): Promise<RecordKey | null> {
    const from = after ? ' AND (table_name, id, scope) > (?, ?, ?)' : '';
    const params = [...FACT_TABLES, ...(after ? [after.table, after.id, after.scope] : []), limit];
    const page = `SELECT ${RECORD_COLUMNS} FROM records WHERE table_name IN (${marks(FACT_TABLES.length)})${from} ORDER BY table_name, id, scope LIMIT ?`;
    const rows = await this.dialect.refact(page, params, (row) => ({ table: row.table, id: row.record.id, scope: row.scope, ...factsOf(row.table, row.record) }));
    const last = rows.at(-1);
    return last ? { table: last.table, id: last.record.id, scope: last.scope } : null;
  }

  quotaFreesAt(keys: QuotaKeys, window: QuotaWindow, excess: number): Promise<number | null> {
    const owner = window.of === 'user' ? keys.userId : keys.communeId;
    if (owner === null || excess <= 0) return Promise.resolve(null);
    return this.dialect.selectNumber(quotaFreesAtSql(window), [owner, keys.since, excess]);
  }
}

/**
 * The query of RECORD_COLUMNS (`?` placeholders) for the records of `scope` that `find` finds,
 * through the partial lookup indexes; undefined when it names no key (it finds nothing).
 */
export function lookupSelect(scope: string, find: RecordFind): { text: string; params: unknown[] } | undefined {
  const params: unknown[] = [scope, find.table];
  let keys = '';
  for (const [column, key] of [['lookup_name', find.lookupName], ['lookup_phone', find.lookupPhone]] as const) {
    if (key === undefined) continue;
    params.push(key);
    keys += ` AND ${column} = ?`;
  }
  return keys === '' ? undefined : { text: `SELECT ${RECORD_COLUMNS} FROM records WHERE scope = ? AND table_name = ?${keys}`, params };
}

function factsOf(table: SyncTable, record: SyncedRecord): RecordFacts & { submission: SubmissionFacts | null } {
  return { ...recordFacts(table, record), submission: submissionFacts(table, record) };
}

/**
 * The window's rows of a member (or of every member of a commune) from `since`, oldest first, with
 * the running total of what the quota counts: the first row whose total reaches `excess` is the
 * one whose ageing out frees enough. Served by the (user_id, applied_at, bytes) index.
 */
function quotaFreesAtSql({ of, measure }: QuotaWindow): string {
  const weight = measure === 'bytes' ? 'a.bytes' : '1';
  const rows =
    of === 'user'
      ? 'FROM applied_mutations a WHERE a.user_id = ? AND a.applied_at >= ?'
      : 'FROM users u JOIN applied_mutations a ON a.user_id = u.id WHERE u.commune_id = ? AND a.applied_at >= ?';
  return `SELECT applied_at FROM (SELECT a.applied_at, SUM(${weight}) OVER (ORDER BY a.applied_at, a.mutation_id ROWS UNBOUNDED PRECEDING) AS total ${rows}) w
          WHERE total >= ? ORDER BY applied_at LIMIT 1`;
}

/**
 * The row a write stores for `record`. One literal, no spreads: each spread copied its object
 * property by property, and this runs for every record of every push (docs/performance.md
 * "Erasing one citizen").
 */
function writeRow(table: SyncTable, record: SyncedRecord, seq: number): RecordWriteRow {
  const { fields, clocks } = encodeRecord(record);
  const { lookupName, lookupPhone, personalAt } = recordLookups(table, record);
  const { factAt, factOutcome, factService, factCount } = recordFacts(table, record);
  return { table, id: record.id, fields, clocks, seq, lookupName, lookupPhone, personalAt, factAt, factOutcome, factService, factCount, submission: submissionFacts(table, record) };
}

const recordKey = (table: string, id: string) => `${table}\u0000${id}`;

function uniqueKeys<K extends { table: SyncTable; id: string }>(keys: readonly K[]): K[] {
  const seen = new Set<string>();
  return keys.filter((key) => !seen.has(recordKey(key.table, key.id)) && Boolean(seen.add(recordKey(key.table, key.id))));
}

const marks = (count: number) => Array.from({ length: count }, () => '?').join(', ');
