// The two prepared statements of a push on PostgreSQL (records.ts writeScope, docs/performance.md
// "PostgreSQL"): one read of everything the plan needs, with the scope counter's version; one
// write of everything it decided, guarded by that version.
import type pg from 'pg';
import { LOOKUP_COLUMNS } from '../lookups';
import type { RecentWrites } from '../record-types';
import type { ScopeWrite, StateKeys, StateRows } from '../records';
import { FACT_COLUMNS } from '../report-facts';
import { RECORD_COLUMNS, type RecordRow } from '../rows';
import { submissionArrays, submissionUpserts } from './report-facts';

/** The counter as the state read saw it: its value, and the row version (`xmin`) that held it. */
export interface ScopeCounter {
  seq: number;
  version: string;
}

/**
 * The applied ids, the stored rows, the write quotas' counts (docs/sync.md "Write quotas", only
 * when asked for) and the scope's counter, in one statement: one snapshot. No counter row (the
 * scope's first write): `counter` is undefined. Two prepared statements, with and without the
 * quotas' counts: in one statement whose quota part a NULL switched off, PostgreSQL's custom plan
 * (the part folded away) always looked cheaper than the generic one, so the statement was planned
 * again at every push — two thirds of its CPU (docs/performance.md "PostgreSQL").
 */
export function stateQuery(scope: string, keys: StateKeys): pg.QueryConfig {
  const values: unknown[] = [keys.mutationIds, keys.recordKeys.map((key) => key.table), keys.recordKeys.map((key) => key.id), scope];
  const quota = keys.quota
    ? `UNION ALL
           SELECT 'q', NULL, NULL, NULL,
             (SELECT count(*) || ' ' || coalesce(sum(bytes), 0) FROM applied_mutations WHERE user_id = $5 AND applied_at >= $7),
             (SELECT count(*) || ' ' || coalesce(sum(a.bytes), 0) FROM users u JOIN applied_mutations a ON a.user_id = u.id AND a.applied_at >= $7 WHERE u.commune_id = $6),
             NULL`
    : '';
  if (keys.quota) values.push(keys.quota.userId, keys.quota.communeId, keys.quota.since);
  const find = keys.find ? foundPart(values.length + 1) : '';
  if (keys.find) values.push(keys.find.table, keys.find.lookupName ?? null, keys.find.lookupPhone ?? null);
  return {
    name: `push-state${keys.quota ? '-quota' : ''}${keys.find ? '-find' : ''}`,
    text: `SELECT 'a' AS kind, mutation_id AS table_name, user_id AS id, NULL::text AS scope, result AS fields, NULL::text AS clocks, NULL::bigint AS row_seq
             FROM applied_mutations WHERE mutation_id = ANY($1::text[])
           UNION ALL
           SELECT 'r', ${RECORD_COLUMNS} FROM records WHERE (table_name, id) IN (SELECT * FROM unnest($2::text[], $3::text[]))
           ${quota}
           ${find}
           UNION ALL
           SELECT 's', NULL, NULL, NULL, xmin::text, NULL, seq FROM scope_seq WHERE scope = $4`,
    values,
  };
}

/**
 * The scope's records that StateKeys.find finds (kind 'f'; its table, name key and phone key are
 * parameters `first`…`first + 2`, a key not given NULL): every key given must match, as in
 * lookupSelect. One statement for the three shapes — by name (and phone), by phone alone — whose
 * generic plan reads the partial lookup indexes: a NULL key finds no index entry, and the
 * phone-only part is switched off by a one-time filter, not folded away by a custom plan.
 */
function foundPart(first: number): string {
  const [table, name, phone] = [`$${first}::text`, `$${first + 1}::text`, `$${first + 2}::text`];
  return `UNION ALL
           SELECT 'f', ${RECORD_COLUMNS} FROM records WHERE scope = $4 AND table_name = ${table} AND lookup_name = ${name} AND (${phone} IS NULL OR lookup_phone = ${phone})
           UNION ALL
           SELECT 'f', ${RECORD_COLUMNS} FROM records WHERE scope = $4 AND table_name = ${table} AND lookup_phone = ${phone} AND ${name} IS NULL`;
}

type StateRow = RecordRow & { kind: 'a' | 'r' | 'q' | 'f' | 's' };

export function decodeState(rows: readonly StateRow[]): { state: StateRows; counter: ScopeCounter | undefined } {
  const applied: StateRows['applied'][number][] = [];
  const records: RecordRow[] = [];
  const found: RecordRow[] = [];
  const state: StateRows = { applied, records, found };
  let counter: ScopeCounter | undefined;
  for (const row of rows) {
    if (row.kind === 'r') records.push(row);
    else if (row.kind === 'f') found.push(row);
    else if (row.kind === 'q') state.recentWrites = recentWritesOf(row.fields, row.clocks);
    else if (row.kind === 's') counter = { seq: Number(row.row_seq), version: row.fields };
    else applied.push({ mutation_id: row.table_name, user_id: row.id, result: row.fields });
  }
  return { state, counter };
}

/**
 * Every write of the push in one statement, done only if the scope's counter row is still the
 * version the state read saw (`won` 1), else nothing at all (`won` 0). The guard is the counter's
 * UPDATE: a writer of the scope that committed since the read changed the row (every writer
 * changes it, even one that stored no record), and one still running holds its lock, so the UPDATE
 * waits, then finds the newer version and matches nothing. The other CTEs read its result, so they
 * run after it and write nothing when it matched nothing.
 */
export function writeQuery<T>(scope: string, write: ScopeWrite<T>, counter: ScopeCounter): pg.QueryConfig {
  const rows = write.rows;
  // The submissions' arrays are $20 on; the remembered mutations' sizes and authors, then the counter's version, follow them.
  const submissions = submissionArrays(rows.map((row) => ({ ...row, scope })));
  const bytesParam = 20 + submissions.length;
  const won = 'EXISTS (SELECT FROM bumped)';
  return {
    name: 'push-write',
    text: `WITH bumped AS (
             UPDATE scope_seq SET seq = $15 WHERE scope = $3 AND xmin = $${bytesParam + 2}::text::xid RETURNING 1
           ), written AS (
             INSERT INTO records (${RECORD_COLUMNS}, ${LOOKUP_COLUMNS}, ${FACT_COLUMNS})
             SELECT t, i, $3, f, c, s, n, p, a, fa, fo, fs, fc
             FROM unnest($1::text[], $2::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::bigint[],
               $16::bigint[], $17::text[], $18::text[], $19::bigint[]) AS u (t, i, f, c, s, n, p, a, fa, fo, fs, fc)
             WHERE ${won}
             ON CONFLICT (table_name, id, scope) DO UPDATE SET fields = excluded.fields, clocks = excluded.clocks, row_seq = excluded.row_seq,
               lookup_name = excluded.lookup_name, lookup_phone = excluded.lookup_phone, personal_at = excluded.personal_at,
               fact_at = excluded.fact_at, fact_outcome = excluded.fact_outcome, fact_service = excluded.fact_service, fact_count = excluded.fact_count
           ), remembered AS (
             INSERT INTO applied_mutations (mutation_id, user_id, client_id, result, applied_at, bytes)
             -- A relayed change is remembered under its author (sync/relay.ts): the pusher otherwise.
             SELECT m, coalesce(w, $11), $12, r, $13, b
             FROM unnest($10::text[], $14::text[], $${bytesParam}::integer[], $${bytesParam + 1}::text[]) AS u (m, r, b, w)
             WHERE ${won}
           ), ${submissionUpserts(20, won)}
           SELECT count(*)::integer AS won FROM bumped`,
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
      counter.version,
    ],
  };
}

/** The quota read's two "count bytes" texts (one row of the state query, whose columns are text). */
function recentWritesOf(user: string, commune: string): RecentWrites {
  const [userCount, userBytes] = user.split(' ').map(Number);
  const [communeCount, communeBytes] = (commune ?? '0 0').split(' ').map(Number);
  return { user: userCount ?? 0, commune: communeCount ?? 0, userBytes: userBytes ?? 0, communeBytes: communeBytes ?? 0 };
}
