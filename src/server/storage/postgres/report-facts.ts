// How PostgreSQL stores a submitted report's header and figures (report-facts.ts): two upserts from
// arrays, as CTEs of the push's one write statement (records.ts) or of the backfill's. Every
// submission carries a row for every path of RESULT_COUNT_PATHS (null when it lacks it), so an
// upsert replaces all its figures and no DELETE has to run in the same statement.
import type { SubmissionFacts } from '../report-facts';

/**
 * The two upserts, their arrays numbered from `$first`; a statement appends them as CTEs. `when`:
 * a condition both inserts are subject to (the push's guard, push-sql.ts).
 */
export function submissionUpserts(first: number, when = 'true'): string {
  const n = (k: number) => `$${first + k}`;
  return `submitted AS (
      INSERT INTO report_submissions (scope, id, report_id, kind, period_start, period_end, version, submitted_at, submitted_by, deleted, readiness)
      SELECT sc, i, r, k, ps, pe, v, sa, sb, d, rd FROM unnest(${n(0)}::text[], ${n(1)}::text[], ${n(2)}::text[], ${n(3)}::text[], ${n(4)}::text[], ${n(5)}::text[],
        ${n(6)}::bigint[], ${n(7)}::text[], ${n(8)}::text[], ${n(9)}::boolean[], ${n(10)}::bigint[]) AS u (sc, i, r, k, ps, pe, v, sa, sb, d, rd)
      WHERE ${when}
      ON CONFLICT (scope, id) DO UPDATE SET report_id = excluded.report_id, kind = excluded.kind, period_start = excluded.period_start,
        period_end = excluded.period_end, version = excluded.version, submitted_at = excluded.submitted_at, submitted_by = excluded.submitted_by,
        deleted = excluded.deleted, readiness = excluded.readiness
    ), figured AS (
      INSERT INTO report_figures (scope, id, path, value)
      SELECT sc, i, p, v FROM unnest(${n(11)}::text[], ${n(12)}::text[], ${n(13)}::text[], ${n(14)}::bigint[]) AS u (sc, i, p, v)
      WHERE ${when}
      ON CONFLICT (scope, id, path) DO UPDATE SET value = excluded.value
    )`;
}

/** The 15 arrays of submissionUpserts, in order, for the rows that are submissions. */
export function submissionArrays(rows: readonly { id: string; scope: string; submission: SubmissionFacts | null }[]): unknown[][] {
  const sent = rows.filter((row) => row.submission !== null) as { id: string; scope: string; submission: SubmissionFacts }[];
  const figures = sent.flatMap((row) => row.submission.figures.map((figure) => ({ ...figure, id: row.id, scope: row.scope })));
  return [
    sent.map((row) => row.scope),
    sent.map((row) => row.id),
    sent.map((row) => row.submission.reportId),
    sent.map((row) => row.submission.kind),
    sent.map((row) => row.submission.periodStart),
    sent.map((row) => row.submission.periodEnd),
    sent.map((row) => row.submission.version),
    sent.map((row) => row.submission.submittedAt),
    sent.map((row) => row.submission.submittedBy),
    sent.map((row) => row.submission.deleted),
    sent.map((row) => row.submission.readiness),
    figures.map((figure) => figure.scope),
    figures.map((figure) => figure.id),
    figures.map((figure) => figure.path),
    figures.map((figure) => figure.value),
  ];
}
