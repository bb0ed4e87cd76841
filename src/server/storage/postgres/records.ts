// How synced records differ on PostgreSQL (RecordDialect; the shared logic is storage/records.ts):
// scope writes serialized by the scope's counter row in four round trips, a pull page in one
// statement, `$n` placeholders.
import pg from 'pg';
import type { RecordLookups } from '../lookups';
import { LOOKUP_COLUMNS } from '../lookups';
import type { PullRequest, RecentWrites, StoredRecord } from '../record-types';
import type { RecordDialect, RecordFactsRow, ScopeReader, ScopeWrite, StateKeys, StateRows } from '../records';
import { FACT_COLUMNS } from '../report-facts';
import { submissionArrays, submissionUpserts } from './report-facts';
import { RECORD_COLUMNS, decodeRecordRow, type RecordRow } from '../rows';
import { isUniqueViolation, type PostgresConnection } from './connection';

/** A write that meets another scope's fresh row is planned again; a handful of times is plenty (each retry sees one more commit). */
const WRITE_ATTEMPTS = 5;

export class PostgresRecordDialect implements RecordDialect {
  constructor(private readonly connection: PostgresConnection) {}

  /**
   * Writes of two scopes lock two different counter rows, so both may read "no such record" (or
   * "no such mutation id") before either writes; the second insert then meets the first's row in
   * a unique index (records_commune_unique, the applied_mutations key). PostgreSQL raises that
   * only once the first has committed, so the whole write is decided again on the state that now
   * holds the winner's row, and answers what a serial run answers (wrong_commune, a duplicate
   * mutation id) instead of a 500. `decide` is pure, so running it again is safe.
   */
  async writeScope<T>(scope: string, keys: StateKeys, decide: (state: StateRows, seq: number) => ScopeWrite<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeOnce(scope, keys, decide);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  }

  private writeOnce<T>(scope: string, keys: StateKeys, decide: (state: StateRows, seq: number) => ScopeWrite<T>): Promise<T> {
    // READ COMMITTED (the default): the counter row lock is taken first and held to COMMIT, so
    // writers of one scope queue on it, each sees the previous one's commit, and row_seq order
    // equals commit order (docs/sync.md §7.1). REPEATABLE READ would fail the second writer instead.
    // Four round trips (docs/performance.md "PostgreSQL"): BEGIN with the lock, one read of the
    // state, one statement for every write, COMMIT; the reads and writes are prepared statements.
    return this.connection.transaction(async (client, locked) => {
      const seq = Number((locked as pg.QueryResult<{ seq: string }>).rows[0]!.seq);
      // After the lock, in a statement of its own: its snapshot holds every earlier writer's commit.
      const { rows: state } = await client.query<RecordRow & { kind: 'a' | 'r' | 'q' }>({
        name: 'push-state',
        text: `SELECT 'a' AS kind, mutation_id AS table_name, user_id AS id, NULL::text AS scope, result AS fields, NULL::text AS clocks, NULL::bigint AS row_seq
                 FROM applied_mutations WHERE mutation_id = ANY($1::text[])
               UNION ALL
               SELECT 'r', ${RECORD_COLUMNS} FROM records WHERE (table_name, id) IN (SELECT * FROM unnest($2::text[], $3::text[]))
               UNION ALL
               -- The write quotas' counts (docs/sync.md "Write quotas"), only when asked for: the member's, the commune's.
               SELECT 'q', NULL, NULL, NULL,
                 (SELECT count(*) || ' ' || coalesce(sum(bytes), 0) FROM applied_mutations WHERE user_id = $4 AND applied_at >= $6),
                 (SELECT count(*) || ' ' || coalesce(sum(a.bytes), 0) FROM users u JOIN applied_mutations a ON a.user_id = u.id AND a.applied_at >= $6 WHERE u.commune_id = $5),
                 NULL
               WHERE $4::text IS NOT NULL`,
        values: [
          keys.mutationIds,
          keys.recordKeys.map((key) => key.table),
          keys.recordKeys.map((key) => key.id),
          keys.quota?.userId ?? null,
          keys.quota?.communeId ?? null,
          keys.quota?.since ?? null,
        ],
      });
      const applied: StateRows['applied'][number][] = [];
      const records: RecordRow[] = [];
      let recentWrites: StateRows['recentWrites'];
      for (const row of state) {
        if (row.kind === 'r') records.push(row);
        else if (row.kind === 'q') recentWrites = recentWritesOf(row.fields, row.clocks);
        else applied.push({ mutation_id: row.table_name, user_id: row.id, result: row.fields });
      }

      const write = decide(recentWrites ? { applied, records, recentWrites } : { applied, records }, seq);

      const rows = write.rows;
      // The submissions' arrays are $20 on; the remembered mutations' sizes and authors follow them.
      const submissions = submissionArrays(rows.map((row) => ({ ...row, scope })));
      const bytesParam = 20 + submissions.length;
      await client.query({
        name: 'push-write',
        text: `WITH written AS (
                 INSERT INTO records (${RECORD_COLUMNS}, ${LOOKUP_COLUMNS}, ${FACT_COLUMNS})
                 SELECT t, i, $3, f, c, s, n, p, a, fa, fo, fs, fc
                 FROM unnest($1::text[], $2::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::bigint[],
                   $16::bigint[], $17::text[], $18::text[], $19::bigint[]) AS u (t, i, f, c, s, n, p, a, fa, fo, fs, fc)
                 ON CONFLICT (table_name, id, scope) DO UPDATE SET fields = excluded.fields, clocks = excluded.clocks, row_seq = excluded.row_seq,
                   lookup_name = excluded.lookup_name, lookup_phone = excluded.lookup_phone, personal_at = excluded.personal_at,
                   fact_at = excluded.fact_at, fact_outcome = excluded.fact_outcome, fact_service = excluded.fact_service, fact_count = excluded.fact_count
               ), remembered AS (
                 INSERT INTO applied_mutations (mutation_id, user_id, client_id, result, applied_at, bytes)
                 -- A relayed change is remembered under its author (sync/relay.ts): the pusher otherwise.
                 SELECT m, coalesce(w, $11), $12, r, $13, b
                 FROM unnest($10::text[], $14::text[], $${bytesParam}::integer[], $${bytesParam + 1}::text[]) AS u (m, r, b, w)
               ), ${submissionUpserts(20)}
               UPDATE scope_seq SET seq = $15 WHERE scope = $3`,
        values: [
          rows.map((row) => row.table),
          rows.map((row) => row.id),
          scope,
          rows.map((row) => row.fields),
          rows.map((row) => row.clocks),
          rows.map((row) => row.seq),
          rows.map((row) => row.lookupName),
          rows.map((row) => row.lookupPhone),
          rows.map((row) => row.personalAt),
          write.remember.map((entry) => entry.mutationId),
          write.by?.userId ?? null,
          write.by?.clientId ?? null,
          write.by?.at ?? null,
          write.remember.map((entry) => entry.result),
          write.seq,
          rows.map((row) => row.factAt),
          rows.map((row) => row.factOutcome),
          rows.map((row) => row.factService),
          rows.map((row) => row.factCount),
          ...submissions,
          write.remember.map((entry) => entry.bytes),
          write.remember.map((entry) => entry.userId ?? null),
        ],
      });
      return write.result;
    }, `BEGIN; ${lockScopeSql(scope)}`);
  }

  async readPage<T>(request: PullRequest, fill: (epoch: string, readScope: ScopeReader) => T): Promise<T> {
    // One statement, so one snapshot for the epoch, the heads and every scope's rows: the page is
    // a state that existed, and a push committed meanwhile is wholly in the next page or wholly
    // not. One round trip (docs/performance.md "PostgreSQL"). Each scope is read up to the whole
    // page (plus one, to know whether more follow); `fill` then takes what still fits.
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
    return fill(rows[0]!.epoch, (index) => {
      const own = rows.filter((row) => Number(row.ord) === index + 1);
      return { rows: own.filter((row) => row.id !== null), head: Number(own[0]?.head ?? 0) };
    });
  }

  async select(text: string, params: readonly unknown[]): Promise<RecordRow[]> {
    return (await this.connection.pool.query<RecordRow>(numbered(text), [...params])).rows;
  }

  async selectNumber(text: string, params: readonly unknown[]): Promise<number | null> {
    const { rows } = await this.connection.pool.query<Record<string, unknown>>(numbered(text), [...params]);
    const value = rows[0] === undefined ? null : Object.values(rows[0])[0];
    return value === null || value === undefined ? null : Number(value);
  }

  async execute(text: string, params: readonly unknown[]): Promise<number> {
    return (await this.connection.pool.query(numbered(text), [...params])).rowCount ?? 0;
  }

  relookup(text: string, params: readonly unknown[], lookups: (row: StoredRecord) => RecordLookups): Promise<StoredRecord[]> {
    return this.connection.transaction(async (client) => {
      // FOR UPDATE: a push of the same record waits until this batch's values are written.
      const { rows } = await client.query<RecordRow>(`${numbered(text)} FOR UPDATE`, [...params]);
      const decoded = rows.map(decodeRecordRow);
      if (decoded.length === 0) return decoded;
      const values = decoded.map(lookups);
      await client.query(
        `UPDATE records r SET lookup_name = u.n, lookup_phone = u.p, personal_at = u.a
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[]) AS u (t, i, s, n, p, a)
         WHERE r.table_name = u.t AND r.id = u.i AND r.scope = u.s`,
        [decoded.map((row) => row.table), decoded.map((row) => row.record.id), decoded.map((row) => row.scope), values.map((v) => v.lookupName), values.map((v) => v.lookupPhone), values.map((v) => v.personalAt)],
      );
      return decoded;
    });
  }

  refact(text: string, params: readonly unknown[], facts: (row: StoredRecord) => RecordFactsRow): Promise<StoredRecord[]> {
    return this.connection.transaction(async (client) => {
      // FOR UPDATE: a push of the same record waits until this batch's facts are written.
      const { rows } = await client.query<RecordRow>(`${numbered(text)} FOR UPDATE`, [...params]);
      const decoded = rows.map(decodeRecordRow);
      if (decoded.length === 0) return decoded;
      const values = decoded.map(facts);
      await client.query(
        `WITH updated AS (
           UPDATE records r SET fact_at = u.fa, fact_outcome = u.fo, fact_service = u.fs, fact_count = u.fc
           FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::bigint[]) AS u (t, i, s, fa, fo, fs, fc)
           WHERE r.table_name = u.t AND r.id = u.i AND r.scope = u.s
         ), ${submissionUpserts(8)}
         SELECT 1`,
        [
          values.map((v) => v.table),
          values.map((v) => v.id),
          values.map((v) => v.scope),
          values.map((v) => v.factAt),
          values.map((v) => v.factOutcome),
          values.map((v) => v.factService),
          values.map((v) => v.factCount),
          ...submissionArrays(values),
        ],
      );
      return decoded;
    });
  }

  fieldText(field: string): string {
    // COLLATE "C": ISO instants compare byte by byte, whatever the database's locale.
    return `(fields::json ->> '${field}') COLLATE "C"`;
  }
}

/** A pull's row: a scope's record (or none: id null) with the epoch and the scope's head. */
interface PullRow extends RecordRow {
  ord: string | number;
  epoch: string;
  head: string | null;
}

/** The quota read's two "count bytes" texts (one row of the state query, whose columns are text). */
function recentWritesOf(user: string, commune: string): RecentWrites {
  const [userCount, userBytes] = user.split(' ').map(Number);
  const [communeCount, communeBytes] = (commune ?? '0 0').split(' ').map(Number);
  return { user: userCount ?? 0, commune: communeCount ?? 0, userBytes: userBytes ?? 0, communeBytes: communeBytes ?? 0 };
}

/** `?` placeholders as PostgreSQL's `$1…$n` (the shared SQL holds no other question mark). */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/**
 * Takes the scope's counter row lock (creating the row on first use) as text, sent with BEGIN in
 * one round trip (no parameters there: the scope is quoted). The no-op DO UPDATE is what locks an
 * existing row; a concurrent writer waits here until COMMIT.
 */
function lockScopeSql(scope: string): string {
  return `INSERT INTO scope_seq (scope, seq) VALUES (${pg.escapeLiteral(scope)}, 0) ON CONFLICT (scope) DO UPDATE SET seq = scope_seq.seq RETURNING seq`;
}
