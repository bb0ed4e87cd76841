// The province view (docs/product.md job 5, admins): one row per commune of the province, computed on
// the server from synced data, and the contract of GET /api/reports/province shared by the server
// and the client. Counts only: no citizen, no member, no village leaves the server here
// (docs/privacy.md checklist item 3).
import { z } from 'zod';
import { OUTCOMES, type Outcome } from '../schemas/assistance-log';
import { SERVICE_GROUPS, type ServiceGroup } from '../schemas/service';
import type { LocalDateRange } from '../text/dates';
import type { ActivityReport } from './activity';
import type { ReadinessReport } from './readiness';
import { toCsv } from './csv';

const countSchema = z.number().int().min(0);
const outcomesSchema = z.object(Object.fromEntries(OUTCOMES.map((o) => [o, countSchema])) as Record<Outcome, typeof countSchema>);
const groupsSchema = z.object(Object.fromEntries(SERVICE_GROUPS.map((g) => [g, countSchema])) as Record<ServiceGroup, typeof countSchema>);

export const communeRowSchema = z.object({
  communeId: z.string(),
  communeName: z.string(),
  logs: countSchema,
  citizensAssisted: countSchema,
  outcomes: outcomesSchema,
  byGroup: groupsSchema,
  groupSessions: countSchema,
  participants: countSchema,
  /** Checklists that count towards readiness (not archived, template known). */
  checklists: countSchema,
  /** Percent of applicable checklist items done; null when the commune has none. */
  readinessPercent: z.number().int().min(0).max(100).nullable(),
  overdueItems: countSchema,
  blockedItems: countSchema,
});
export type CommuneRow = z.infer<typeof communeRowSchema>;

export const provinceReportSchema = z.object({
  provinceId: z.string(),
  range: z.object({ start: z.string(), end: z.string() }),
  generatedAt: z.string(),
  communes: z.array(communeRowSchema),
  totals: communeRowSchema.omit({ communeId: true, communeName: true }),
});
export type ProvinceReport = z.infer<typeof provinceReportSchema>;
export type ProvinceTotals = ProvinceReport['totals'];

/** A commune's row from its activity and readiness reports. */
export function communeRow(commune: { id: string; name: string }, activity: ActivityReport, readiness: ReadinessReport): CommuneRow {
  return {
    communeId: commune.id,
    communeName: commune.name,
    logs: activity.logs,
    citizensAssisted: activity.citizensAssisted,
    outcomes: { ...activity.outcomes },
    byGroup: Object.fromEntries(activity.byGroup.map((g) => [g.key, g.count])) as Record<ServiceGroup, number>,
    groupSessions: activity.groupSessions.sessions,
    participants: activity.groupSessions.participants,
    checklists: readiness.totals.checklists,
    readinessPercent: readiness.totals.percent,
    overdueItems: readiness.totals.overdue,
    blockedItems: readiness.totals.blocked,
  };
}

/**
 * The province's figures: sums of the communes' counts. Readiness is the mean of the communes that
 * have checklists (each commune weighs the same, whatever the size of its checklists), rounded down.
 */
export function provinceTotals(rows: readonly CommuneRow[]): ProvinceTotals {
  const sum = (pick: (row: CommuneRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const ready = rows.filter((row) => row.readinessPercent !== null);
  return {
    logs: sum((r) => r.logs),
    citizensAssisted: sum((r) => r.citizensAssisted),
    outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, sum((r) => r.outcomes[o])])) as Record<Outcome, number>,
    byGroup: Object.fromEntries(SERVICE_GROUPS.map((g) => [g, sum((r) => r.byGroup[g])])) as Record<ServiceGroup, number>,
    groupSessions: sum((r) => r.groupSessions),
    participants: sum((r) => r.participants),
    checklists: sum((r) => r.checklists),
    readinessPercent: ready.length === 0 ? null : Math.floor(ready.reduce((t, r) => t + (r.readinessPercent ?? 0), 0) / ready.length),
    overdueItems: sum((r) => r.overdueItems),
    blockedItems: sum((r) => r.blockedItems),
  };
}

export const RANKINGS = ['activity', 'readiness'] as const;
export type Ranking = (typeof RANKINGS)[number];

/**
 * Communes ranked by activity (citizens assisted + group-session participants, then readiness) or
 * by readiness (percent, communes without checklists last, then activity). Ties by name.
 */
export function rankCommunes(rows: readonly CommuneRow[], by: Ranking): CommuneRow[] {
  const activity = (r: CommuneRow) => r.citizensAssisted + r.participants;
  const readiness = (r: CommuneRow) => r.readinessPercent ?? -1;
  const byName = (a: CommuneRow, b: CommuneRow) => a.communeName.localeCompare(b.communeName, 'vi') || (a.communeId < b.communeId ? -1 : 1);
  return [...rows].sort((a, b) =>
    by === 'activity'
      ? activity(b) - activity(a) || readiness(b) - readiness(a) || byName(a, b)
      : readiness(b) - readiness(a) || activity(b) - activity(a) || byName(a, b),
  );
}

export const PROVINCE_COLUMNS = [
  'rank',
  'commune',
  'citizensAssisted',
  'done',
  'partial',
  'referred',
  'failed',
  'groupSessions',
  'participants',
  'readiness',
  'overdue',
  'blocked',
] as const;
export type ProvinceColumn = (typeof PROVINCE_COLUMNS)[number];

/** The ranked table as CSV (same rules as the log export: BOM, quoting, no formulas). */
export function buildProvinceCsv(rows: readonly CommuneRow[], header: Record<ProvinceColumn, string>): string {
  return toCsv([
    PROVINCE_COLUMNS.map((c) => header[c]),
    ...rows.map((r, i) => [
      i + 1,
      r.communeName,
      r.citizensAssisted,
      r.outcomes.done,
      r.outcomes.partial,
      r.outcomes.referred,
      r.outcomes.failed,
      r.groupSessions,
      r.participants,
      r.readinessPercent,
      r.overdueItems,
      r.blockedItems,
    ]),
  ]);
}

/** The range a province report covers, as the query string carries it. */
export function provinceQuery(range: LocalDateRange): string {
  return new URLSearchParams({ from: range.start, to: range.end }).toString();
}

/** GET /api/reports/commune: the signed-in user's commune as the server names it (for the printed report). */
export const communeInfoSchema = z.object({ id: z.string(), name: z.string(), provinceId: z.string() });
export type CommuneInfo = z.infer<typeof communeInfoSchema>;
