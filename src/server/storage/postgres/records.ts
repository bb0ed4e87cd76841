// Synced records on PostgreSQL (RecordStore): pushes serialized per scope by its counter row,
// snapshot pulls, seeding, idempotency-key pruning and the reports' reads.
import pg from 'pg';
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
import { isUniqueViolation, type PostgresConnection } from './connection';

/** A push that meets another scope's fresh row is planned again; a handful of times is plenty (each retry sees one more commit). */
const PUSH_ATTEMPTS = 5;

export class PostgresRecordStore implements RecordStore {
  constructor(private readonly connection: PostgresConnection) {}

  /**
   * Pushes of two scopes lock two different counter rows, so both may read "no such record" (or
   * "no such mutation id") before either writes; the second insert then meets the first's row in
   * a unique index (records_commune_unique, the applied_mutations key). PostgreSQL raises that
   * only once the first has committed, so the whole push is planned again on the state that now
   * holds the winner's row, and answers what a serial run answers (wrong_commune, a duplicate
   * mutation id) instead of a 500. The plan is pure, so running it again is safe.
   */
  async push<P extends PushPlan>(batch: PushBatch<P>): Promise<PushCommitted<P>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pushOnce(batch);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= PUSH_ATTEMPTS) throw error;
      }
    }
  }

  private pushOnce<P extends PushPlan>(batch: PushBatch<P>): Promise<PushCommitted<P>> {
    // READ COMMITTED (the default): the counter row lock is taken first and held to COMMIT, so
    // writers of one scope queue on it, each sees the previous one's commit, and row_seq order
    // equals commit order (docs/sync.md §7.1). REPEATABLE READ would fail the second writer instead.
    // Four round trips (docs/performance.md "PostgreSQL"): BEGIN with the lock, one read of the
    // state, one statement for every write, COMMIT; the reads and writes are prepared statements.
    return this.connection.transaction(async (client, locked) => {
      let seq = Number((locked as pg.QueryResult<{ seq: string }>).rows[0]!.seq);
      // After the lock, in a statement of its own: its snapshot holds every earlier writer's commit.
      const { rows: state } = await client.query<RecordRow & { kind: 'a' | 'r' }>({
        name: 'push-state',
        text: `SELECT 'a' AS kind, mutation_id AS table_name, user_id AS id, NULL::text AS scope, result AS fields, NULL::text AS clocks, NULL::bigint AS row_seq
                 FROM applied_mutations WHERE mutation_id = ANY($1::text[])
               UNION ALL
               SELECT 'r', ${RECORD_COLUMNS} FROM records WHERE (table_name, id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
        values: [[...new Set(batch.mutationIds)], batch.recordKeys.map((key) => key.table), batch.recordKeys.map((key) => key.id)],
      });
      const applied = new Map<string, AppliedMutation>();
      const records = [];
      for (const row of state) {
        if (row.kind === 'r') records.push(decodeRecordRow(row));
        else applied.set(row.table_name, { mutationId: row.table_name, userId: row.id, outcome: decodeOutcome(row.fields) });
      }

      const plan = batch.plan({ applied, records });

      const encoded = plan.writes.map((write) => encodeRecord(write.record));
      const lookups = plan.writes.map((write) => recordLookups(write.table, write.record));
      const seqs = plan.writes.map(() => (seq += 1));
      await client.query({
        name: 'push-write',
        text: `WITH written AS (
                 INSERT INTO records (${RECORD_COLUMNS}, ${LOOKUP_COLUMNS})
                 SELECT t, i, $3, f, c, s, n, p, a FROM unnest($1::text[], $2::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::bigint[]) AS u (t, i, f, c, s, n, p, a)
                 ON CONFLICT (table_name, id, scope) DO UPDATE SET fields = excluded.fields, clocks = excluded.clocks, row_seq = excluded.row_seq,
                   lookup_name = excluded.lookup_name, lookup_phone = excluded.lookup_phone, personal_at = excluded.personal_at
               ), remembered AS (
                 INSERT INTO applied_mutations (mutation_id, user_id, client_id, result, applied_at)
                 SELECT m, $11, $12, r, $13 FROM unnest($10::text[], $14::text[]) AS u (m, r)
               )
               UPDATE scope_seq SET seq = $15 WHERE scope = $3`,
        values: [
          plan.writes.map((write) => write.table),
          plan.writes.map((write) => write.record.id),
          batch.scope,
          encoded.map((e) => e.fields),
          encoded.map((e) => e.clocks),
          seqs,
          lookups.map((l) => l.lookupName),
          lookups.map((l) => l.lookupPhone),
          lookups.map((l) => l.personalAt),
          plan.remember.map((entry) => entry.mutationId),
          batch.userId,
          batch.clientId,
          batch.now,
          plan.remember.map((entry) => JSON.stringify(entry.outcome)),
          seq,
        ],
      });
      return { plan, scopeSeq: seq };
    }, `BEGIN; ${lockScopeSql(batch.scope)}`);
  }

  async pull(request: PullRequest): Promise<PullPage> {
    // One statement, so one snapshot for the epoch, the heads and every scope's rows: the page is
    // a state that existed, and a push committed meanwhile is wholly in the next page or wholly
    // not. One round trip (docs/performance.md "PostgreSQL"). Each scope is read up to the whole
    // page (plus one, to know whether more follow); the page is then filled scope after scope.
    const { rows } = await this.connection.pool.query<PullRow>({
      name: 'pull-page',
      text: `SELECT s.ord, (SELECT value FROM meta WHERE key = 'epoch') AS epoch, (SELECT seq FROM scope_seq q WHERE q.scope = s.scope) AS head,
               ${RECORD_COLUMNS.split(', ').map((column) => `r.${column}`).join(', ')}
             FROM (SELECT 0 AS ord, NULL::text AS scope, NULL::bigint AS after
                   UNION ALL SELECT ord, scope, after FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS u (scope, after, ord)) s
             LEFT JOIN LATERAL (SELECT ${RECORD_COLUMNS} FROM records WHERE records.scope = s.scope AND row_seq > s.after ORDER BY row_seq LIMIT $3) r ON true
             ORDER BY s.ord, r.row_seq`,
      values: [request.scopes.map((s) => s.scope), request.scopes.map((s) => s.after), request.limit + 1],
    });
    const scopes: PullPage['scopes'] = [];
    let remaining = request.limit;
    for (const [index, { scope }] of request.scopes.entries()) {
      const own = rows.filter((row) => Number(row.ord) === index + 1);
      const { rows: fitted, hasMore } = fitPage(own.filter((row) => row.id !== null), remaining);
      remaining -= fitted.length;
      scopes.push({ scope, rows: fitted.map(decodeRecordRow), hasMore, headSeq: Number(own[0]?.head ?? 0) });
    }
    return { epoch: rows[0]!.epoch, scopes };
  }

  async seedRecords(scope: string, records: readonly { table: SyncTable; record: SyncedRecord }[]): Promise<number> {
    return this.connection.transaction(async (client) => {
      let seq = await lockScope(client, scope);
      let inserted = 0;
      for (const { table, record } of records) {
        const encoded = encodeRecord(record);
        const result = await client.query(
          `INSERT INTO records (${RECORD_COLUMNS}, ${LOOKUP_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (table_name, id, scope) DO NOTHING`,
          [table, record.id, scope, encoded.fields, encoded.clocks, seq + 1, ...lookupValues(recordLookups(table, record))],
        );
        if (result.rowCount === 1) {
          seq += 1;
          inserted += 1;
        }
      }
      await client.query('UPDATE scope_seq SET seq = $1 WHERE scope = $2', [seq, scope]);
      return inserted;
    });
  }

  async pruneAppliedMutations(before: number): Promise<number> {
    const result = await this.connection.pool.query('DELETE FROM applied_mutations WHERE applied_at < $1', [before]);
    return result.rowCount ?? 0;
  }

  async listRecords(query: RecordQuery): Promise<StoredRecord[]> {
    if (query.tables.length === 0) return [];
    // COLLATE "C": ISO instants compare byte by byte, whatever the database's locale.
    const period = query.occurredAt ? ` AND (fields::json ->> 'occurredAt') COLLATE "C" >= $3 AND (fields::json ->> 'occurredAt') COLLATE "C" < $4` : '';
    const { rows } = await this.connection.pool.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM records WHERE scope = $1 AND table_name = ANY($2::text[])${period}`,
      [query.scope, [...query.tables], ...(query.occurredAt ? [query.occurredAt.from, query.occurredAt.before] : [])],
    );
    return rows.map(decodeRecordRow);
  }

  async findByLookup(query: LookupQuery): Promise<StoredRecord[]> {
    const params: string[] = [query.scope, query.table];
    let keys = '';
    for (const [column, key] of [['lookup_name', query.lookupName], ['lookup_phone', query.lookupPhone]] as const) {
      if (key === undefined) continue;
      params.push(key);
      keys += ` AND ${column} = $${params.length}`;
    }
    if (keys === '') return [];
    const { rows } = await this.connection.pool.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM records WHERE scope = $1 AND table_name = $2${keys}`, params);
    return rows.map(decodeRecordRow);
  }

  async listPersonalBefore(scope: string, before: number, limit: number): Promise<StoredRecord[]> {
    const { rows } = await this.connection.pool.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM records WHERE scope = $1 AND personal_at IS NOT NULL AND personal_at < $2 ORDER BY personal_at LIMIT $3`,
      [scope, before, limit],
    );
    return rows.map(decodeRecordRow);
  }

  async backfillLookups(after: RecordKey | null, limit: number): Promise<RecordKey | null> {
    return this.connection.transaction(async (client) => {
      // FOR UPDATE: a push of the same record waits until this batch's values are written. The
      // key comparison and the order use the same collation, so the pages follow the primary key.
      const from = after ? ' AND (table_name, id, scope) > ($3, $4, $5)' : '';
      const { rows } = await client.query<RecordRow>(
        `SELECT ${RECORD_COLUMNS} FROM records WHERE table_name = ANY($1::text[])${from} ORDER BY table_name, id, scope LIMIT $2 FOR UPDATE`,
        [[...PERSONAL_TABLES], limit, ...(after ? [after.table, after.id, after.scope] : [])],
      );
      const decoded = rows.map(decodeRecordRow);
      if (decoded.length > 0) {
        const lookups = decoded.map((row) => recordLookups(row.table, row.record));
        await client.query(
          `UPDATE records r SET lookup_name = u.n, lookup_phone = u.p, personal_at = u.a
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[]) AS u (t, i, s, n, p, a)
           WHERE r.table_name = u.t AND r.id = u.i AND r.scope = u.s`,
          [decoded.map((row) => row.table), decoded.map((row) => row.record.id), decoded.map((row) => row.scope), lookups.map((l) => l.lookupName), lookups.map((l) => l.lookupPhone), lookups.map((l) => l.personalAt)],
        );
      }
      const last = decoded.at(-1);
      return last ? { table: last.table, id: last.record.id, scope: last.scope } : null;
    });
  }
}

/** A pull's row: a scope's record (or none: id null) with the epoch and the scope's head. */
interface PullRow extends RecordRow {
  ord: string | number;
  epoch: string;
  head: string | null;
}

/** lockScope as text, sent with BEGIN in one round trip (no parameters there: the scope is quoted). */
function lockScopeSql(scope: string): string {
  return `INSERT INTO scope_seq (scope, seq) VALUES (${pg.escapeLiteral(scope)}, 0) ON CONFLICT (scope) DO UPDATE SET seq = scope_seq.seq RETURNING seq`;
}

/**
 * Takes the scope's counter row lock (creating the row on first use) and returns its value. The
 * no-op DO UPDATE is what locks an existing row; a concurrent writer waits here until COMMIT.
 */
async function lockScope(client: pg.PoolClient, scope: string): Promise<number> {
  const { rows } = await client.query<{ seq: string }>(
    'INSERT INTO scope_seq (scope, seq) VALUES ($1, 0) ON CONFLICT (scope) DO UPDATE SET seq = scope_seq.seq RETURNING seq',
    [scope],
  );
  return Number(rows[0]!.seq);
}
