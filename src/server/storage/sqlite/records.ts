// How synced records differ on SQLite (RecordDialect; the shared logic is storage/records.ts):
// group-committed scope writes, per-scope reads in one deferred transaction, `?` placeholders.
import type { RecordLookups } from '../lookups';
import { LOOKUP_COLUMNS } from '../lookups';
import type { PullRequest, QuotaKeys, RecentWrites, StoredRecord } from '../record-types';
import { lookupSelect, type RecordDialect, type RecordFactsRow, type ScopeReader, type ScopeWrite, type StateKeys, type StateRows } from '../records';
import { FACT_COLUMNS, factValues } from '../report-facts';
import { RECORD_COLUMNS, decodeRecordRow, type RecordRow } from '../rows';
import { run, type SqliteConnection } from './connection';

/** Most writes in one group commit (bounds how long one transaction blocks the event loop). */
const MAX_GROUP_COMMIT = 64;

export class SqliteRecordDialect implements RecordDialect {
  private readonly pending: { run: () => () => void; reject: (error: unknown) => void }[] = [];
  private flushScheduled = false;

  constructor(private readonly connection: SqliteConnection) {}

  /**
   * Group commit: scope writes that arrive together are written in one transaction, each inside
   * its own savepoint (one that fails rolls back alone), so they share one fsync. With
   * synchronous=FULL the fsync is most of a push's cost; this keeps durability chosen (docs/sync.md §1)
   * without one fsync per phone. Every write still resolves only after the COMMIT.
   */
  writeScope<T>(scope: string, keys: StateKeys, decide: (state: StateRows, seq: number) => ScopeWrite<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({
        // A nested better-sqlite3 transaction is a SAVEPOINT: a throw undoes this write only.
        run: () => {
          const result = this.connection.nested(() => this.writeOne(scope, keys, decide));
          return () => resolve(result);
        },
        reject,
      });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const group = this.pending.splice(0, MAX_GROUP_COMMIT);
    if (this.pending.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
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

  private writeOne<T>(scope: string, keys: StateKeys, decide: (state: StateRows, seq: number) => ScopeWrite<T>): T {
    const sql = this.connection.sql.bind(this.connection);
    sql('INSERT INTO scope_seq (scope, seq) VALUES (?, 0) ON CONFLICT (scope) DO NOTHING').run(scope);
    const seq = (sql('SELECT seq FROM scope_seq WHERE scope = ?').get(scope) as { seq: number }).seq;
    const appliedStatement = sql('SELECT mutation_id, user_id, result FROM applied_mutations WHERE mutation_id = ?');
    const applied: StateRows['applied'][number][] = [];
    for (const mutationId of keys.mutationIds) {
      const row = appliedStatement.get(mutationId) as StateRows['applied'][number] | undefined;
      if (row) applied.push(row);
    }
    const recordStatement = sql(`SELECT ${RECORD_COLUMNS} FROM records WHERE table_name = ? AND id = ?`);
    const records = keys.recordKeys.flatMap(({ table, id }) => recordStatement.all(table, id) as RecordRow[]);
    const state: StateRows = { applied, records };
    if (keys.quota) state.recentWrites = countRecentWrites(sql, keys.quota);
    if (keys.find) {
      const select = lookupSelect(scope, keys.find);
      state.found = select ? (sql(select.text).all(...select.params) as RecordRow[]) : [];
    }
    const write = decide(state, seq);

    const upsert = sql(
      `INSERT INTO records (${RECORD_COLUMNS}, ${LOOKUP_COLUMNS}, ${FACT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (table_name, id, scope) DO UPDATE SET fields = excluded.fields, clocks = excluded.clocks, row_seq = excluded.row_seq,
         lookup_name = excluded.lookup_name, lookup_phone = excluded.lookup_phone, personal_at = excluded.personal_at,
         fact_at = excluded.fact_at, fact_outcome = excluded.fact_outcome, fact_service = excluded.fact_service, fact_count = excluded.fact_count`,
    );
    for (const row of write.rows) {
      upsert.run(row.table, row.id, scope, row.fields, row.clocks, row.seq, row.lookupName, row.lookupPhone, row.personalAt, ...factValues(row));
      writeSubmission(sql, { ...row, scope });
    }
    const remember = sql('INSERT INTO applied_mutations (mutation_id, user_id, client_id, result, applied_at, bytes) VALUES (?, ?, ?, ?, ?, ?)');
    for (const entry of write.remember) remember.run(entry.mutationId, entry.userId ?? write.by?.userId, write.by?.clientId, entry.result, write.by?.at, entry.bytes);
    sql('UPDATE scope_seq SET seq = ? WHERE scope = ?').run(write.seq, scope);
    return write.result;
  }

  readPage<T>(request: PullRequest, fill: (epoch: string, readScope: ScopeReader) => T): Promise<T> {
    const sql = this.connection.sql.bind(this.connection);
    return run(() =>
      // A deferred transaction of reads only: under WAL it is one snapshot, and writers go on.
      this.connection.read(() => {
        const epoch = (sql("SELECT value FROM meta WHERE key = 'epoch'").get() as { value: string }).value;
        const head = sql('SELECT seq FROM scope_seq WHERE scope = ?');
        const page = sql(`SELECT ${RECORD_COLUMNS} FROM records WHERE scope = ? AND row_seq > ? ORDER BY row_seq LIMIT ?`);
        return fill(epoch, (index, remaining) => {
          const { scope, after } = request.scopes[index]!;
          return { rows: page.all(scope, after, remaining + 1) as RecordRow[], head: (head.get(scope) as { seq: number } | undefined)?.seq ?? 0 };
        });
      }),
    );
  }

  select(text: string, params: readonly unknown[]): Promise<RecordRow[]> {
    return run(() => this.connection.sql(text).all(...params) as RecordRow[]);
  }

  selectNumber(text: string, params: readonly unknown[]): Promise<number | null> {
    return run(() => {
      const row = this.connection.sql(text).get(...params) as Record<string, unknown> | undefined;
      const value = row === undefined ? null : Object.values(row)[0];
      return value === null || value === undefined ? null : Number(value);
    });
  }

  execute(text: string, params: readonly unknown[]): Promise<number> {
    return run(() => this.connection.sql(text).run(...params).changes);
  }

  relookup(text: string, params: readonly unknown[], lookups: (row: StoredRecord) => RecordLookups): Promise<StoredRecord[]> {
    return run(() =>
      // One writer at a time: no push changes these rows between the read and the update.
      this.connection.transaction(() => {
        const rows = (this.connection.sql(text).all(...params) as RecordRow[]).map(decodeRecordRow);
        const update = this.connection.sql('UPDATE records SET lookup_name = ?, lookup_phone = ?, personal_at = ? WHERE table_name = ? AND id = ? AND scope = ?');
        for (const row of rows) {
          const values = lookups(row);
          update.run(values.lookupName, values.lookupPhone, values.personalAt, row.table, row.record.id, row.scope);
        }
        return rows;
      }),
    );
  }

  refact(text: string, params: readonly unknown[], facts: (row: StoredRecord) => RecordFactsRow): Promise<StoredRecord[]> {
    const sql = this.connection.sql.bind(this.connection);
    return run(() =>
      // One writer at a time: no push changes these rows between the read and the update.
      this.connection.transaction(() => {
        const rows = (sql(text).all(...params) as RecordRow[]).map(decodeRecordRow);
        const update = sql('UPDATE records SET fact_at = ?, fact_outcome = ?, fact_service = ?, fact_count = ? WHERE table_name = ? AND id = ? AND scope = ?');
        for (const row of rows) {
          const values = facts(row);
          update.run(...factValues(values), values.table, values.id, values.scope);
          writeSubmission(sql, values);
        }
        return rows;
      }),
    );
  }

  fieldText(field: string): string {
    return `json_extract(fields, '$.${field}')`;
  }
}

/** A submitted report's header and figures as the record now stands (report-facts.ts), replacing what was there. */
function writeSubmission(sql: SqliteConnection['sql'], row: Pick<RecordFactsRow, 'id' | 'scope' | 'submission'>): void {
  const s = row.submission;
  if (!s) return;
  sql(
    `INSERT OR REPLACE INTO report_submissions (scope, id, report_id, kind, period_start, period_end, version, submitted_at, submitted_by, deleted, readiness)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(row.scope, row.id, s.reportId, s.kind, s.periodStart, s.periodEnd, s.version, s.submittedAt, s.submittedBy, s.deleted ? 1 : 0, s.readiness);
  sql('DELETE FROM report_figures WHERE scope = ? AND id = ?').run(row.scope, row.id);
  const figure = sql('INSERT INTO report_figures (scope, id, path, value) VALUES (?, ?, ?, ?)');
  for (const { path, value } of s.figures) figure.run(row.scope, row.id, path, value);
}

/** The write quotas' counts and bytes (docs/sync.md "Write quotas"), from the (user_id, applied_at, bytes) index alone. */
function countRecentWrites(sql: SqliteConnection['sql'], quota: QuotaKeys): RecentWrites {
  const read = (row: unknown) => ({ n: Number((row as { n: number }).n), b: Number((row as { b: number }).b) });
  const user = read(sql('SELECT count(*) AS n, coalesce(sum(bytes), 0) AS b FROM applied_mutations WHERE user_id = ? AND applied_at >= ?').get(quota.userId, quota.since));
  const commune =
    quota.communeId === null
      ? { n: 0, b: 0 }
      : read(sql('SELECT count(*) AS n, coalesce(sum(a.bytes), 0) AS b FROM users u JOIN applied_mutations a ON a.user_id = u.id AND a.applied_at >= ? WHERE u.commune_id = ?').get(quota.since, quota.communeId));
  return { user: user.n, commune: commune.n, userBytes: user.b, communeBytes: commune.b };
}
