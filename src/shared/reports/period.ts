// The period a report covers, in Asia/Ho_Chi_Minh calendar days (docs/product.md job 5, docs/domain.md §8.3).
// A period is an inclusive range of local dates; records are placed in it by the local date of
// their instant, so a log at 2026-07-14T17:30Z (00:30 on 15/7 in Vietnam) belongs to the period
// that starts on the 15th, not to the one ending on the 14th.
import { addDays, daysBetween, isLocalDate, monthOf, quarterOf, reportingPeriodOf, startOfLocalDate, todayLocal, weekOf, type LocalDate, type LocalDateRange } from '../text/dates';

/** The choices of the period picker. */
export const PERIOD_PRESETS = ['period', 'month', 'quarter', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The province counts from the 15th of one month to the 14th of the next (docs/domain.md §8.3). */
export const REPORTING_PERIOD_START_DAY = 15;

/**
 * Days after the period's end by which the province expects the report, when it sets nothing
 * else: the Sở's figures for 15/6–14/7 were compiled from reports dated up to the 18th. Here, not
 * in report-period.ts, so the province's settings screen reads it without that module.
 */
export const DEFAULT_DUE_DAYS_AFTER_END = 4;

/**
 * The longest custom period: two years and a day. Longer ranges are not a report any more, and the
 * weekly trend would have more than a hundred points on a 360 px screen.
 */
export const MAX_PERIOD_DAYS = 731;

export function isPeriodPreset(value: unknown): value is PeriodPreset {
  return typeof value === 'string' && (PERIOD_PRESETS as readonly string[]).includes(value);
}

/** The range of a preset on `today` (a local date). */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, today: LocalDate, startDay = REPORTING_PERIOD_START_DAY): LocalDateRange {
  switch (preset) {
    case 'period':
      return reportingPeriodOf(today, startDay);
    case 'month':
      return monthOf(today);
    case 'quarter':
      return quarterOf(today);
  }
}

/** The periods a list of records can be filtered by (the assistance log and group-session lists). */
export const LIST_PERIODS = ['today', 'week', 'period', 'month', 'all'] as const;
export type ListPeriod = (typeof LIST_PERIODS)[number];

export function isListPeriod(value: unknown): value is ListPeriod {
  return typeof value === 'string' && (LIST_PERIODS as readonly string[]).includes(value);
}

/** The local dates a list period covers at the instant `now` (Asia/Ho_Chi_Minh); null for "all". */
export function listPeriodRange(period: ListPeriod, now: number): LocalDateRange | null {
  const today = todayLocal(now);
  switch (period) {
    case 'today':
      return { start: today, end: today };
    case 'week':
      return weekOf(today);
    case 'period':
    case 'month':
      return presetRange(period, today);
    case 'all':
      return null;
  }
}

export type PeriodProblem = 'invalidDate' | 'endBeforeStart' | 'tooLong';

export type RangeCheck = { ok: true; range: LocalDateRange } | { ok: false; problem: PeriodProblem };

/** Checks a custom period typed as two dates (yyyy-mm-dd, as <input type="date"> gives them). */
export function checkRange(start: string, end: string): RangeCheck {
  if (!isLocalDate(start) || !isLocalDate(end)) return { ok: false, problem: 'invalidDate' };
  const days = daysBetween(start, end);
  if (days < 0) return { ok: false, problem: 'endBeforeStart' };
  if (days + 1 > MAX_PERIOD_DAYS) return { ok: false, problem: 'tooLong' };
  return { ok: true, range: { start, end } };
}

/** Number of days in a range, both ends included. */
export function rangeDays(range: LocalDateRange): number {
  return daysBetween(range.start, range.end) + 1;
}

/**
 * The instants that bound a range, as the ISO strings records store (UTC, milliseconds): from the
 * first day's 00:00 in Vietnam, up to but excluding the day after the last day's 00:00. Used to ask
 * an occurredAt index for the period without reading other rows.
 */
export function instantBounds(range: LocalDateRange): { from: string; before: string } {
  return { from: startOfLocalDate(range.start).toISOString(), before: startOfLocalDate(addDays(range.end, 1)).toISOString() };
}
