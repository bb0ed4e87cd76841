// Reads for the weekly summary (docs/field-aids.md): the period's logs and group sessions of the
// signed-in member (scope "mine") or of their commune (scope "commune", readers of reports only),
// and the commune's checklist readiness. The counting is the reports' own (src/shared/reports).
import { communeUserWhoMay } from './access';
export { prepareReports as prepareSummary } from './reports-repository';
import { communeReadiness, getCommuneName, reportNames, rowsInPeriod, serviceGroups, type ReportNames } from './reports-repository';
import { computeActivity, groupSessionFactOf, logFactOf } from '../../shared/reports/activity';
import { summarize, type Summary, type SummaryScope } from '../../shared/reports/summary';
import { todayLocal, type LocalDateRange } from '../../shared/text/dates';

export interface SummaryData {
  summary: Summary;
  names: ReportNames;
  /** Whose summary it is: the member's display name, or the commune's name. */
  scopeName: string;
}

const notNull = <T>(value: T | null): value is T => value !== null;

/** The summary of a period; PermissionError when the user may not see that scope. */
export async function loadSummary(range: LocalDateRange, scope: SummaryScope, now: number = Date.now()): Promise<SummaryData> {
  const user = await communeUserWhoMay(scope === 'mine' ? 'log.create' : 'reports.view');
  const [logRows, sessionRows, names, readiness, communeName] = await Promise.all([
    rowsInPeriod('assistanceLogs', range, user.communeId),
    rowsInPeriod('groupSessions', range, user.communeId),
    reportNames(user),
    communeReadiness(user.communeId, now),
    getCommuneName(user.communeId),
  ]);
  const mine = <R extends { createdBy: string }>(rows: R[]): R[] => (scope === 'mine' ? rows.filter((row) => row.createdBy === user.id) : rows);
  const activity = computeActivity({
    range,
    today: todayLocal(now),
    logs: mine(logRows).map(logFactOf).filter(notNull),
    groupSessions: mine(sessionRows).map(groupSessionFactOf).filter(notNull),
    serviceGroups: serviceGroups(names.services),
  });
  return {
    summary: summarize(activity, readiness.totals, scope),
    names,
    scopeName: scope === 'mine' ? user.displayName : (communeName ?? user.communeId),
  };
}
