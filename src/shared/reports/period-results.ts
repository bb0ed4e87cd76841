// The results part of a period report (docs/reports.md "Period reports"): the period's figures in
// the shape a submission keeps (schemas/period-report.ts periodResultsSchema), from the same
// activity and readiness reports the dashboard shows, so the printed report and the dashboard agree.
import type { ActivityReport } from './activity';
import type { IndicatorInputs } from './indicators';
import type { ReadinessReport } from './readiness';
import { BARRIERS, type Barrier } from '../schemas/assistance-log';
import type { PeriodResults } from '../schemas/period-report';

/** What the plan indicators read (indicators.ts), from the activity alone: the dashboard's targets need no readiness. */
export function indicatorInputsOf(activity: ActivityReport): IndicatorInputs {
  return {
    onlineSubmission: { ...activity.plan.onlineSubmission },
    reached: { ...activity.plan.reached },
    trained: Object.fromEntries(Object.entries(activity.plan.audiences).map(([k, v]) => [k, v.participants])) as PeriodResults['trained'],
  };
}

export function periodResultsOf(activity: ActivityReport, readiness: ReadinessReport): PeriodResults {
  const plan = indicatorInputsOf(activity);
  const barriers = Object.fromEntries(BARRIERS.map((b) => [b, 0])) as Record<Barrier, number>;
  for (const { key, count } of activity.barriers) barriers[key] = count;
  return {
    logs: activity.logs,
    onTeamDevice: activity.onTeamDevice,
    outcomes: { ...activity.outcomes },
    byGroup: Object.fromEntries(activity.byGroup.map((g) => [g.key, g.count])) as PeriodResults['byGroup'],
    onlineSubmission: plan.onlineSubmission,
    helped: { ...activity.plan.helped },
    sessions: activity.groupSessions.sessions,
    participants: activity.groupSessions.participants,
    reached: plan.reached,
    trained: plan.trained,
    barriers,
    readinessPercent: readiness.totals.percent,
    blockedItems: readiness.totals.blocked,
    overdueItems: readiness.totals.overdue,
    followUpsOpen: activity.followUps.open,
  };
}
