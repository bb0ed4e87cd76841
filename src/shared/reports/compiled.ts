// The province's compiled view of a reporting period (docs/reports.md "The province's compiled
// view"): every commune of the province with its latest submitted report for the period (or
// none), and the results of those reports summed. The server computes both in SQL
// (src/server/storage/*/reports.ts) from the submissions alone, never from the communes' logs;
// this file is the contract of GET /api/reports/compiled, shared by the server and the client.
import { z } from 'zod';
import { BARRIERS, HELPED_PARTIES, OUTCOMES } from '../schemas/assistance-log';
import { AUDIENCES } from '../schemas/group-session';
import { idSchema } from '../schemas/common';
import { periodResultsSchema, RETURN_REASON_MAX, type PeriodResults } from '../schemas/period-report';
import { SERVICE_GROUPS } from '../schemas/service';
import { REACHED } from './plan-figures';
import { targetRowSchema } from './targets';

/**
 * Every count of a report's results, as a path into `results` (periodResultsSchema): what the
 * database sums. `readinessPercent` is not a count: the province reads the communes' mean.
 */
export const RESULT_COUNT_PATHS: readonly (readonly string[])[] = [
  ['logs'],
  ['onTeamDevice'],
  ...OUTCOMES.map((k) => ['outcomes', k]),
  ...SERVICE_GROUPS.map((k) => ['byGroup', k]),
  ['onlineSubmission', 'full'],
  ['onlineSubmission', 'partial'],
  ...[...HELPED_PARTIES, 'unrecorded'].map((k) => ['helped', k]),
  ['sessions'],
  ['participants'],
  ...[...AUDIENCES, 'unrecorded'].map((k) => ['trained', k]),
  ...REACHED.map((k) => ['reached', k]),
  ...BARRIERS.map((k) => ['barriers', k]),
  ['blockedItems'],
  ['overdueItems'],
  ['followUpsOpen'],
];

/** What the database returns for the sums: one value per path (joined with '.'), null when no report carries it. */
export type ResultSums = Readonly<Record<string, number | null>>;

/**
 * The summed results in the shape of one report's results, so the compiled document writes its
 * figures with the commune report's own lines. `reached` is summed over the reports that carry it
 * and left out when none does (reports sent before it was counted).
 */
export function resultsOfSums(sums: ResultSums, readinessPercent: number | null): PeriodResults {
  const tree: Record<string, unknown> = {};
  for (const path of RESULT_COUNT_PATHS) {
    const value = sums[path.join('.')] ?? null;
    if (path[0] === 'reached' && value === null) continue;
    let node = tree;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]!] = value ?? 0;
  }
  if (tree.reached && Object.keys(tree.reached).length < REACHED.length) delete tree.reached;
  return periodResultsSchema.parse({ ...tree, readinessPercent });
}

/** `returned`: the latest report was sent back by the province for correction and no correction came yet. */
export const COMPILED_STATUSES = ['onTime', 'late', 'missing', 'notDue', 'returned'] as const;
export type CompiledStatus = (typeof COMPILED_STATUSES)[number];

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const compiledSubmissionSchema = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  documentNumber: z.string(),
  documentDate: localDate,
  submittedAt: z.string(),
  /** The sender's display name; null when the account is unknown (shown as "a team member", never an id). */
  submittedByName: z.string().nullable(),
  results: periodResultsSchema,
});
export type CompiledSubmission = z.infer<typeof compiledSubmissionSchema>;

export const compiledCommuneSchema = z.object({
  communeId: z.string(),
  communeName: z.string(),
  status: z.enum(COMPILED_STATUSES),
  /** The latest sync of any of the commune's accounts (ISO), null when none ever synced. */
  lastSyncAt: z.string().nullable(),
  submission: compiledSubmissionSchema.nullable(),
  /** Why and when the province returned the latest report (status `returned`), else null. */
  returned: z.object({ reason: z.string(), returnedAt: z.string() }).nullable(),
  /**
   * The province's indicators for the period against the commune's targets (docs/reports.md
   * "Indicators against targets"): computed ones from the latest submission's figures (unknown
   * without one), hand-entered ones from the commune's current values.
   */
  indicators: z.array(targetRowSchema),
});
export type CompiledCommune = z.infer<typeof compiledCommuneSchema>;

/** The communes' difficulties or proposals under one barrier (barrier-groups.ts). */
export const barrierGroupSchema = z.object({
  barrier: z.enum(BARRIERS).nullable(),
  communes: z.number().int().min(1),
  items: z.array(z.object({ text: z.string(), communes: z.array(z.object({ id: z.string(), name: z.string() })).min(1) })),
});
export type BarrierGroupView = z.infer<typeof barrierGroupSchema>;

export const compiledReportSchema = z.object({
  provinceId: z.string(),
  period: z.object({ start: localDate, end: localDate }),
  dueDate: localDate,
  generatedAt: z.string(),
  communes: z.array(compiledCommuneSchema),
  /** How many communes' reports the totals sum. */
  reported: z.number().int().min(0),
  totals: periodResultsSchema,
  /** The latest submissions' difficulties and proposals grouped by barrier (docs/reports.md "Difficulties and proposals by barrier"). */
  difficultyGroups: z.array(barrierGroupSchema),
  proposalGroups: z.array(barrierGroupSchema),
});
export type CompiledReport = z.infer<typeof compiledReportSchema>;

/** POST /api/reports/returns: the province admin returns a commune's latest report with a reason. */
export const returnRequestSchema = z.strictObject({
  communeId: z.string().min(1).max(100),
  submissionId: idSchema,
  reason: z.string().trim().min(3).max(RETURN_REASON_MAX),
});
export type ReturnRequest = z.infer<typeof returnRequestSchema>;
export const returnResponseSchema = z.object({ returnedAt: z.string() });

/** The period a compiled view covers, as the query string carries it. */
export function compiledQuery(period: { start: string; end: string }): string {
  return new URLSearchParams({ start: period.start, end: period.end }).toString();
}
