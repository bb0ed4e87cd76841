// How synced records differ on PostgreSQL (RecordDialect; the shared logic is storage/records.ts):
// scope writes serialized by the scope's counter row, in two statements when no other writer of
// the scope comes between them (push-sql.ts), a pull page in one statement, `$n` placeholders.
import pg from 'pg';
import type { RecordLookups } from '../lookups';
import type { PullRequest, StoredRecord } from '../record-types';
import type { RecordDialect, RecordFactsRow, ScopeReader, ScopeWrite, StateKeys, StateRows } from '../records';
import { decodeState, stateQuery, writeQuery } from './push-sql';
import { submissionArrays, submissionUpserts } from './report-facts';
import { RECORD_COLUMNS, decodeRecordRow, type RecordRow } from '../rows';
import { isUniqueViolation, type PostgresConnection } from './connection';

/** A write that meets another scope's fresh row is planned again; a handful of times is plenty (each retry sees one more commit). */
const WRITE_ATTEMPTS = 5;

export class PostgresRecordDialect implements RecordDialect {
  constructor(private readonly connection: PostgresConnection) {}

  /**
   * Writes of two scopes hold two different counter rows, so both may read "no such record" (or
   * "no such mutation id") before either writes; the second insert then meets the first's row in
   * a unique index (records_commune_unique, the applied_mutations key). PostgreSQL raises that
   * only once the first has committed, so the whole write is decided again on the state that now
   * holds the winner's row, and answers what a serial run answers (wrong_commune, a duplicate
   * mutation id) instead of a 500. `decide` is pure, so running it again is safe.
   */
  async writeScope<T>(scope: string, keys: StateKeys, decide: (state: StateRows, seq: number) => ScopeWrite<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const unlocked = await this.writeUnlocked(scope, keys, decide);
        return unlocked ? unlocked.result : await this.writeLocked(scope, keys, decide);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Two round trips and no explicit transaction (docs/performance.md "PostgreSQL"): the state
   * read, then the write guarded by the counter row's version (push-sql.ts). The write lands only
   * if no writer of the scope committed or began in between, i.e. exactly when it equals a write
   * made holding the counter lock from the read on: same plan, same row_seq, and the counter row
   * stays locked from its update to the statement's commit, so row_seq order is still commit order
   * (docs/sync.md §7.1). Undefined, nothing written, when another writer came first or the scope
   * has no counter row yet: the caller then takes the lock.
   */
  private async writeUnlocked<T>(scope: string, keys: StateKeys, decide: (state: StateRows, seq: number) => ScopeWrite<T>): Promise<{ result: T } | undefined> {
    const { state, counter } = decodeState((await this.connection.pool.query(stateQuery(scope, keys))).rows);
    if (!counter) return undefined;
    const write = decide(state, counter.seq);
    const { rows } = await this.connection.pool.query<{ won: number }>(writeQuery(scope, write, counter));
    return rows[0]!.won === 1 ? { result: write.result } : undefined;
  }

  private writeLocked<T>(scope: string, keys: StateKeys, decide: (state: StateRows, seq: number) => ScopeWrite<T>): Promise<T> {
    // READ COMMITTED (the default): the counter row lock is taken first and held to COMMIT, so
    // writers of one scope queue on it, each sees the previous one's commit, and row_seq order
    // equals commit order (docs/sync.md §7.1). REPEATABLE READ would fail the second writer instead.
    // Four round trips: BEGIN with the lock, the state read, the write (its guard holds: this
    // transaction made the version it read), COMMIT.
    return this.connection.transaction(async (client) => {
      // After the lock, in a statement of its own: its snapshot holds every earlier writer's commit.
      const { state, counter } = decodeState((await client.query(stateQuery(scope, keys))).rows);
      const write = decide(state, counter!.seq);
      await client.query(writeQuery(scope, write, counter!));
      return write.result;
    }, `BEGIN; ${lockScopeSql(scope)}`);
  }

  async readPage<T>(request: PullRequest, fill: (epoch: string, readScope: ScopeReader) => T): Promise<T> {
    // One statement, so one snapshot for the epoch, the heads and every scope's rows: the page is
    // a state that existed, and a push committed meanwhile is wholly in the next page or wholly
    // not. One round trip (docs/performance.md "PostgreSQL"). Each scope is read up to the whole
    // page (plus one, to know whether more follow); `fill` then takes what still fits.
    const { rows } = await this.connection.pool.query<PullRow>(pullPageQuery(request));
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
/**
 * The pull page's statement, one prepared statement per number of scopes (a member reads two, the
 * commune and the province's reference data). Each scope is a pair of parameters in a VALUES list,
 * not an element of arrays given to `unnest`: a generic plan cannot know an array's length and
 * counts 10 elements, so it cost several times the custom plans that see two, and PostgreSQL
 * planned the statement again at every pull on connections whose first pulls were cheap, 250–350
 * µs of backend CPU each time (docs/performance.md "PostgreSQL"). With the scopes counted the
 * generic plan costs what a custom one does and is kept.
 */
function pullPageQuery(request: PullRequest): pg.QueryConfig {
  const { scopes } = request;
  const slots = scopes.map((_, index) => `(${index + 1}, $${2 * index + 1}::text, $${2 * index + 2}::bigint)`);
  const limit = `$${2 * scopes.length + 1}::bigint`;
  return {
    name: `pull-page-${scopes.length}`,
    text: `SELECT s.ord, (SELECT value FROM meta WHERE key = 'epoch') AS epoch, (SELECT seq FROM scope_seq q WHERE q.scope = s.scope) AS head,
             ${RECORD_COLUMNS.split(', ').map((column) => `r.${column}`).join(', ')}
           FROM (SELECT 0 AS ord, NULL::text AS scope, NULL::bigint AS after
                 ${slots.length > 0 ? `UNION ALL SELECT * FROM (VALUES ${slots.join(', ')}) AS v (ord, scope, after)` : ''}) s
           LEFT JOIN LATERAL (SELECT ${RECORD_COLUMNS} FROM records WHERE records.scope = s.scope AND row_seq > s.after ORDER BY row_seq LIMIT ${limit}) r ON true
           ORDER BY s.ord, r.row_seq`,
    values: [...scopes.flatMap(({ scope, after }) => [scope, after]), request.limit + 1],
  };
}

function lockScopeSql(scope: string): string {
  return `INSERT INTO scope_seq (scope, seq) VALUES (${pg.escapeLiteral(scope)}, 0) ON CONFLICT (scope) DO UPDATE SET seq = scope_seq.seq RETURNING seq`;
}
