// Synced records on SQLite (RecordStore): group-committed pushes, snapshot pulls, seeding,
// idempotency-key pruning and the reports' reads.
import type { SyncTable } from '../../../shared/schemas/tables';
import type { SyncedRecord } from '../../../shared/sync/merge';
import { LOOKUP_COLUMNS, PERSONAL_TABLES, lookupValues, recordLookups } from '../lookups';
import type {
  AppliedMutation,
  LookupQuery,
  PullPage,
  PullRequest,
  PushBatch,
  PushCommitted,
  PushPlan,
  RecordKey,
  RecordQuery,
  RecordStore,
  StoredRecord,
} from '../record-types';
import { RECORD_COLUMNS, decodeOutcome, decodeRecordRow, encodeRecord, fitPage, type RecordRow } from '../rows';
import { run, type SqliteConnection } from './connection';

/** Most pushes written in one group commit (bounds how long one transaction blocks the event loop). */
const MAX_GROUP_COMMIT = 64;

export class SqliteRecordStore implements RecordStore {
  private readonly pendingPushes: { run: () => () => void; reject: (error: unknown) => void }[] = [];
  private flushScheduled = false;

  constructor(private readonly connection: SqliteConnection) {}

  /**
   * Group commit: pushes that arrive together are written in one transaction, each inside its own
   * savepoint (a push that fails rolls back alone), so they share one fsync. With
   * synchronous=FULL the fsync is most of a push's cost; this keeps durability chosen (docs/sync.md §1)
   * without one fsync per phone. Every push still resolves only after the COMMIT.
   */
  push<P extends PushPlan>(batch: PushBatch<P>): Promise<PushCommitted<P>> {
    return new Promise<PushCommitted<P>>((resolve, reject) => {
      this.pendingPushes.push({
        // A nested better-sqlite3 transaction is a SAVEPOINT: a throw undoes this push only.
        run: () => {
          const committed = this.connection.nested(() => this.pushOne(batch));
          return () => resolve(committed);
        },
        reject,
      });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flushPushes());
      }
    });
  }

  private flushPushes(): void {
    this.flushScheduled = false;
    const group = this.pendingPushes.splice(0, MAX_GROUP_COMMIT);
    if (this.pendingPushes.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => this.flushPushes());
    }
    // Outcomes are settled only after COMMIT: an acknowledged push is a durable push.
    const settle: (() => void)[] = [];
    try {
      // BEGIN IMMEDIATE: SQLite has one writer at a time, so row_seq order is commit order (§4.1).
      this.connection.transaction(() => {
        for (const item of group) {
          try {
            settle.push(item.run());
          } catch (error) {
            settle.push(() => item.reject(error));
          }
        }
      });
    } catch (error) {
      for (const item of group) item.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    for (const done of settle) done();
  }

  private pushOne<P extends PushPlan>(batch: PushBatch<P>): PushCommitted<P> {
    const sql = this.connection.sql.bind(this.connection);
    let seq = this.lockScope(batch.scope);
    const appliedStatement = sql('SELECT mutation_id, user_id, result FROM applied_mutations WHERE mutation_id = ?');
    const applied = new Map<string, AppliedMutation>();
    for (const mutationId of new Set(batch.mutationIds)) {
      const row = appliedStatement.get(mutationId) as { mutation_id: string; user_id: string; result: string } | undefined;
      if (row) applied.set(mutationId, { mutationId, userId: row.user_id, outcome: decodeOutcome(row.result) });
    }
    const recordStatement = sql(`SELECT ${RECORD_COLUMNS} FROM records WHERE table_name = ? AND id = ?`);
    const records: StoredRecord[] = [];
    const seen = new Set<string>();
    for (const { table, id } of batch.recordKeys) {
      const key = `${table}\u0000${id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      records.push(...(recordStatement.all(table, id) as RecordRow[]).map(decodeRecordRow));
    }

    const plan = batch.plan({ applied, records });

    const upsert = sql(
      `INSERT INTO records (${RECORD_COLUMNS}, ${LOOKUP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (table_name, id, scope) DO UPDATE SET fields = excluded.fields, clocks = excluded.clocks, row_seq = excluded.row_seq,
         lookup_name = excluded.lookup_name, lookup_phone = excluded.lookup_phone, personal_at = excluded.personal_at`,
    );
    for (const write of plan.writes) {
      seq += 1;
      const encoded = encodeRecord(write.record);
      upsert.run(write.table, write.record.id, batch.scope, encoded.fields, encoded.clocks, seq, ...lookupValues(recordLookups(write.table, write.record)));
    }
    const remember = sql('INSERT INTO applied_mutations (mutation_id, user_id, client_id, result, applied_at) VALUES (?, ?, ?, ?, ?)');
    for (const entry of plan.remember) remember.run(entry.mutationId, batch.userId, batch.clientId, JSON.stringify(entry.outcome), batch.now);
    sql('UPDATE scope_seq SET seq = ? WHERE scope = ?').run(seq, batch.scope);
    return { plan, scopeSeq: seq };
  }

  pull(request: PullRequest): Promise<PullPage> {
    const sql = this.connection.sql.bind(this.connection);
    return run(() =>
      // A deferred transaction of reads only: under WAL it is one snapshot, and writers go on.
      this.connection.read((): PullPage => {
        const epoch = (sql("SELECT value FROM meta WHERE key = 'epoch'").get() as { value: string }).value;
        const head = sql('SELECT seq FROM scope_seq WHERE scope = ?');
        const page = sql(`SELECT ${RECORD_COLUMNS} FROM records WHERE scope = ? AND row_seq > ? ORDER BY row_seq LIMIT ?`);
        let remaining = request.limit;
        const scopes = request.scopes.map(({ scope, after }) => {
          const headSeq = (head.get(scope) as { seq: number } | undefined)?.seq ?? 0;
          const { rows, hasMore } = fitPage((page.all(scope, after, remaining + 1) as RecordRow[]).map(decodeRecordRow), remaining);
          remaining -= rows.length;
          return { scope, rows, hasMore, headSeq };
        });
        return { epoch, scopes };
      }),
    );
  }

  seedRecords(scope: string, records: readonly { table: SyncTable; record: SyncedRecord }[]): Promise<number> {
    return run(() =>
      this.connection.transaction(() => {
        let seq = this.lockScope(scope);
        const exists = this.connection.sql('SELECT 1 FROM records WHERE table_name = ? AND id = ? AND scope = ?');
        const insert = this.connection.sql(`INSERT INTO records (${RECORD_COLUMNS}, ${LOOKUP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
        let inserted = 0;
        for (const { table, record } of records) {
          if (exists.get(table, record.id, scope)) continue;
          seq += 1;
          inserted += 1;
          const encoded = encodeRecord(record);
          insert.run(table, record.id, scope, encoded.fields, encoded.clocks, seq, ...lookupValues(recordLookups(table, record)));
        }
        this.connection.sql('UPDATE scope_seq SET seq = ? WHERE scope = ?').run(seq, scope);
        return inserted;
      }),
    );
  }

  pruneAppliedMutations(before: number): Promise<number> {
    return run(() => this.connection.sql('DELETE FROM applied_mutations WHERE applied_at < ?').run(before).changes);
  }

  listRecords(query: RecordQuery): Promise<StoredRecord[]> {
    if (query.tables.length === 0) return Promise.resolve([]);
    const tables = query.tables.map(() => '?').join(', ');
    const period = query.occurredAt ? " AND json_extract(fields, '$.occurredAt') >= ? AND json_extract(fields, '$.occurredAt') < ?" : '';
    const params = [query.scope, ...query.tables, ...(query.occurredAt ? [query.occurredAt.from, query.occurredAt.before] : [])];
    return run(() =>
      (this.connection.sql(`SELECT ${RECORD_COLUMNS} FROM records WHERE scope = ? AND table_name IN (${tables})${period}`).all(...params) as RecordRow[]).map(
        decodeRecordRow,
      ),
    );
  }

  findByLookup(query: LookupQuery): Promise<StoredRecord[]> {
    const keys = [query.lookupName === undefined ? '' : ' AND lookup_name = ?', query.lookupPhone === undefined ? '' : ' AND lookup_phone = ?'].join('');
    if (keys === '') return Promise.resolve([]);
    const params = [query.scope, query.table, ...[query.lookupName, query.lookupPhone].filter((key) => key !== undefined)];
    return run(() => (this.connection.sql(`SELECT ${RECORD_COLUMNS} FROM records WHERE scope = ? AND table_name = ?${keys}`).all(...params) as RecordRow[]).map(decodeRecordRow));
  }

  listPersonalBefore(scope: string, before: number, limit: number): Promise<StoredRecord[]> {
    const page = `SELECT ${RECORD_COLUMNS} FROM records WHERE scope = ? AND personal_at IS NOT NULL AND personal_at < ? ORDER BY personal_at LIMIT ?`;
    return run(() => (this.connection.sql(page).all(scope, before, limit) as RecordRow[]).map(decodeRecordRow));
  }

  backfillLookups(after: RecordKey | null, limit: number): Promise<RecordKey | null> {
    const tables = PERSONAL_TABLES.map(() => '?').join(', ');
    const from = after ? ' AND (table_name, id, scope) > (?, ?, ?)' : '';
    const params = [...PERSONAL_TABLES, ...(after ? [after.table, after.id, after.scope] : []), limit];
    return run(() =>
      this.connection.transaction(() => {
        const rows = (this.connection.sql(`SELECT ${RECORD_COLUMNS} FROM records WHERE table_name IN (${tables})${from} ORDER BY table_name, id, scope LIMIT ?`).all(...params) as RecordRow[]).map(decodeRecordRow);
        const update = this.connection.sql('UPDATE records SET lookup_name = ?, lookup_phone = ?, personal_at = ? WHERE table_name = ? AND id = ? AND scope = ?');
        for (const row of rows) update.run(...lookupValues(recordLookups(row.table, row.record)), row.table, row.record.id, row.scope);
        const last = rows.at(-1);
        return last ? { table: last.table, id: last.record.id, scope: last.scope } : null;
      }),
    );
  }

  /** Creates the scope's counter row if needed and returns its value; the caller is inside a write transaction. */
  private lockScope(scope: string): number {
    this.connection.sql('INSERT INTO scope_seq (scope, seq) VALUES (?, 0) ON CONFLICT (scope) DO NOTHING').run(scope);
    return (this.connection.sql('SELECT seq FROM scope_seq WHERE scope = ?').get(scope) as { seq: number }).seq;
  }
}
