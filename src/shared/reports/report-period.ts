// The periods of the commune's report to the province (docs/reports.md "Period reports"): the
// 15th of one month to the 14th of the next in Asia/Ho_Chi_Minh, the one just before (the one a
// leader usually writes up in the first days of a new period), and the date it is due. Ad-hoc
// reports take any range checkRange accepts.
import { addDays, reportingPeriodOf, todayLocal, type LocalDate, type LocalDateRange } from '../text/dates';
import { DEFAULT_DUE_DAYS_AFTER_END, REPORTING_PERIOD_START_DAY } from './period';

export { DEFAULT_DUE_DAYS_AFTER_END };

/** The reporting period that contains the instant `now`, counted in Vietnam's calendar days. */
export function reportPeriodAt(now: number, startDay = REPORTING_PERIOD_START_DAY): LocalDateRange {
  return reportingPeriodOf(todayLocal(now), startDay);
}

/** The period `offset` periods after (negative: before) the one containing `date`. */
export function shiftReportPeriod(period: LocalDateRange, offset: number, startDay = REPORTING_PERIOD_START_DAY): LocalDateRange {
  let current = reportingPeriodOf(period.start, startDay);
  for (let i = 0; i < Math.abs(offset); i += 1) {
    current = reportingPeriodOf(offset > 0 ? addDays(current.end, 1) : addDays(current.start, -1), startDay);
  }
  return current;
}

/** The last day the province accepts the report of `period` as on time. */
export function reportDueDate(period: LocalDateRange, daysAfterEnd = DEFAULT_DUE_DAYS_AFTER_END): LocalDate {
  return addDays(period.end, daysAfterEnd);
}

/** Whether a report dated `documentDate` (or not sent yet, at `today`) is late for `period`. */
export function submissionState(period: LocalDateRange, sent: { documentDate: LocalDate } | null, today: LocalDate, daysAfterEnd = DEFAULT_DUE_DAYS_AFTER_END): 'onTime' | 'late' | 'missing' | 'notDue' {
  const due = reportDueDate(period, daysAfterEnd);
  if (sent) return sent.documentDate > due ? 'late' : 'onTime';
  return today > due ? 'missing' : 'notDue';
}
