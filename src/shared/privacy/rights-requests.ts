// The register of citizens' requests beyond its records (docs/privacy.md "Requests register"): which
// step a write took (the server puts each in the audit log, with who and when), the province's
// counts (GET /api/privacy/rights-requests/counts: numbers only, never who asked), and the order of
// statuses the server holds a write to.
import { z } from 'zod';
import { RIGHTS_REQUEST_KINDS, RIGHTS_REQUEST_STATUSES, type RightsRequestStatus } from '../schemas/rights-request';
import { urgencyOf, type RequestTiming } from './rights-deadlines';

/** The steps the audit log names; `edited` is any other change (a typo in the name, the erasure's count). */
export const REQUEST_STEPS = ['received', 'acknowledged', 'extended', 'done', 'refused', 'edited', 'deleted'] as const;
export type RequestStep = (typeof REQUEST_STEPS)[number];

/** A status never goes back: received (0) → acknowledged (1) → done or refused (2), which is final. */
export const STATUS_RANK: Readonly<Record<RightsRequestStatus, number>> = { received: 0, acknowledged: 1, done: 2, refused: 2 };

type RequestState = Readonly<Record<string, unknown>>;

/** The steps a write of a request took, from its stored state (undefined when new) to the merged one. */
export function requestStepsOf(before: RequestState | undefined, after: RequestState): RequestStep[] {
  if (after.deleted === true) return before?.deleted === true ? [] : ['deleted'];
  const steps: RequestStep[] = [];
  if (before === undefined) steps.push('received');
  if (after.acknowledgedAt && !before?.acknowledgedAt) steps.push('acknowledged');
  if (after.extendedAt && !before?.extendedAt) steps.push('extended');
  if ((after.status === 'done' || after.status === 'refused') && before?.status !== after.status) steps.push(after.status);
  if (steps.length === 0 && before !== undefined && !sameFields(before, after)) steps.push('edited');
  return steps;
}

const IGNORED = new Set(['updatedAt', 'clocks', '_c']);
function sameFields(a: RequestState, b: RequestState): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((key) => !IGNORED.has(key)));
  return [...keys].every((key) => JSON.stringify(a[key] ?? null) === JSON.stringify(b[key] ?? null));
}

const count = z.number().int().min(0);
/** One commune's requests, counted: open ones by urgency, closed ones by outcome, and all of them by kind. */
export const requestCountsSchema = z.strictObject({
  open: count,
  overdue: count,
  dueSoon: count,
  done: count,
  refused: count,
  byKind: z.strictObject(Object.fromEntries(RIGHTS_REQUEST_KINDS.map((kind) => [kind, count])) as Record<(typeof RIGHTS_REQUEST_KINDS)[number], typeof count>),
});
export type RequestCounts = z.infer<typeof requestCountsSchema>;

/** GET /api/privacy/rights-requests/counts (the province admin): per commune, by name, and the province's total. */
export const provinceRequestCountsSchema = z.strictObject({
  today: z.string(),
  communes: z.array(z.strictObject({ communeId: z.string(), communeName: z.string(), counts: requestCountsSchema })),
  total: requestCountsSchema,
});
export type ProvinceRequestCounts = z.infer<typeof provinceRequestCountsSchema>;

export function emptyCounts(): RequestCounts {
  return { open: 0, overdue: 0, dueSoon: 0, done: 0, refused: 0, byKind: Object.fromEntries(RIGHTS_REQUEST_KINDS.map((kind) => [kind, 0])) as RequestCounts['byKind'] };
}

/** Adds one request (not deleted) to the counts on `today`. */
export function countRequest(counts: RequestCounts, request: RequestTiming & { kind: (typeof RIGHTS_REQUEST_KINDS)[number] }, today: string): void {
  counts.byKind[request.kind] += 1;
  if (request.status === 'done' || request.status === 'refused') {
    counts[request.status] += 1;
    return;
  }
  counts.open += 1;
  const { state } = urgencyOf(request, today);
  if (state === 'overdue') counts.overdue += 1;
  else if (state === 'dueSoon') counts.dueSoon += 1;
}

/** Sums communes' counts (the province's total row). */
export function addCounts(into: RequestCounts, from: RequestCounts): void {
  for (const key of ['open', 'overdue', 'dueSoon', 'done', 'refused'] as const) into[key] += from[key];
  for (const kind of RIGHTS_REQUEST_KINDS) into.byKind[kind] += from.byKind[kind];
}

export const isRequestStatus = (value: unknown): value is RightsRequestStatus => (RIGHTS_REQUEST_STATUSES as readonly unknown[]).includes(value);
