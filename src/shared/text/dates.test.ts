import { describe, expect, it } from 'vitest';
import {
  APP_TIME_ZONE,
  addDays,
  daysBetween,
  formatDate,
  formatDateTime,
  formatTime,
  isIsoDateTime,
  isLocalDate,
  isWithin,
  localDateOf,
  monthOf,
  previousReportingPeriod,
  quarterOf,
  reportingPeriodOf,
  startOfLocalDate,
  todayLocal,
  weekOf,
} from './dates';

describe('instants in Asia/Ho_Chi_Minh across the UTC midnight boundary', () => {
  it.each([
    // 17:00Z is midnight in Vietnam: the local day changes there, not at 00:00Z.
    ['2025-06-30T16:59:59.999Z', '2025-06-30', '30/06/2025', '23:59'],
    ['2025-06-30T17:00:00.000Z', '2025-07-01', '01/07/2025', '00:00'],
    ['2025-07-01T00:00:00.000Z', '2025-07-01', '01/07/2025', '07:00'],
    ['2025-12-31T17:00:00Z', '2026-01-01', '01/01/2026', '00:00'], // new year arrives at 17:00Z
    ['2024-02-28T17:30:00Z', '2024-02-29', '29/02/2024', '00:30'], // leap day
    ['2025-07-01T08:30:00+07:00', '2025-07-01', '01/07/2025', '08:30'], // offsets are honoured
  ])('%s → %s, %s %s', (iso, local, date, time) => {
    expect(localDateOf(iso)).toBe(local);
    expect(formatDate(iso)).toBe(date);
    expect(formatTime(iso)).toBe(time);
    expect(formatDateTime(iso)).toBe(`${date} ${time}`);
    expect(formatDate(new Date(iso))).toBe(date);
  });

  it('agrees with Intl for the zone at every hour of a few days', () => {
    const intl = new Intl.DateTimeFormat('en-GB', {
      timeZone: APP_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const start = Date.parse('2025-12-30T00:00:00Z');
    for (let h = 0; h < 24 * 4; h += 1) {
      const at = new Date(start + h * 3_600_000 + 7 * 60_000);
      expect(formatDateTime(at)).toBe(intl.format(at).replace(', ', ' '));
    }
  });

  it('does not depend on the device time zone', () => {
    // new Date(y, m, d) would use the test machine's zone; the functions must not.
    expect(localDateOf(Date.UTC(2025, 6, 1, 16, 59))).toBe('2025-07-01');
    expect(localDateOf(Date.UTC(2025, 6, 1, 17, 0))).toBe('2025-07-02');
  });

  it('todayLocal uses the passed clock', () => {
    expect(todayLocal(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
    expect(todayLocal(Date.parse('2025-06-30T16:00:00Z'))).toBe('2025-06-30');
  });

  it('startOfLocalDate is 17:00Z the day before', () => {
    expect(startOfLocalDate('2025-07-01').toISOString()).toBe('2025-06-30T17:00:00.000Z');
  });
});

describe('local dates', () => {
  it('formats a local date as that day, with no zone shift', () => {
    expect(formatDate('2025-07-01')).toBe('01/07/2025');
    expect(formatDate('2025-12-31')).toBe('31/12/2025');
  });

  it.each([
    ['2025-07-01', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-04-31', false],
    ['2025-7-1', false],
    ['01/07/2025', false],
    ['0050-01-01', false],
  ])('isLocalDate(%j) = %s', (s, ok) => {
    expect(isLocalDate(s)).toBe(ok);
  });

  it.each([
    ['2025-07-01T08:30:00Z', true],
    ['2025-07-01T08:30:00.123456Z', true],
    ['2025-07-01T08:30:00+07:00', true],
    ['2025-07-01T08:30:00', false], // no zone
    ['2025-07-01T08:30Z', false], // no seconds
    ['2025-02-30T08:30:00Z', false], // Date.parse would accept it
    ['2025-07-01T24:00:00Z', false],
    ['2025-07-01T08:30:00+15:00', false],
  ])('isIsoDateTime(%j) = %s', (s, ok) => {
    expect(isIsoDateTime(s)).toBe(ok);
  });

  it.each([
    () => formatDate('2025-02-30'),
    () => formatDate('not a date'),
    () => formatTime('2025-07-01T08:30:00'), // no zone: would depend on the device
    () => localDateOf(Number.NaN),
    () => daysBetween('2025-07-01', '2025-13-01'),
    () => addDays('2025-07-01', 1.5),
  ])('refuses invalid input (%#)', (call) => {
    expect(call).toThrow(RangeError);
  });

  it.each([
    ['2025-07-01', '2025-07-01', 0],
    ['2025-07-01', '2025-07-03', 2],
    ['2025-07-03', '2025-07-01', -2],
    ['2024-02-28', '2024-03-01', 2], // leap year
    ['2025-02-28', '2025-03-01', 1],
    ['2025-12-31', '2026-01-01', 1],
  ])('daysBetween(%s, %s) = %i', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2025-07-01', 0)).toBe('2025-07-01');
  });
});

describe('reportingPeriodOf (the province counts 15th → 14th)', () => {
  it.each([
    ['2025-07-14', '2025-06-15', '2025-07-14'], // last day of a period
    ['2025-07-15', '2025-07-15', '2025-08-14'], // first day of the next
    ['2025-06-15', '2025-06-15', '2025-07-14'], // docs/domain.md §8.3: "15/6–14/7"
    ['2025-07-01', '2025-06-15', '2025-07-14'],
    ['2025-12-15', '2025-12-15', '2026-01-14'], // across the year end
    ['2026-01-14', '2025-12-15', '2026-01-14'],
    ['2026-01-15', '2026-01-15', '2026-02-14'],
    ['2025-01-10', '2024-12-15', '2025-01-14'],
    ['2024-02-29', '2024-02-15', '2024-03-14'],
  ])('%s is in %s – %s', (day, start, end) => {
    const period = reportingPeriodOf(day);
    expect(period).toEqual({ start, end });
    expect(isWithin(day, period)).toBe(true);
  });

  it('takes another start day, and 1 gives calendar months', () => {
    expect(reportingPeriodOf('2025-07-20', 20)).toEqual({ start: '2025-07-20', end: '2025-08-19' });
    expect(reportingPeriodOf('2025-07-19', 20)).toEqual({ start: '2025-06-20', end: '2025-07-19' });
    expect(reportingPeriodOf('2025-02-10', 1)).toEqual({ start: '2025-02-01', end: '2025-02-28' });
    expect(reportingPeriodOf('2025-03-28', 28)).toEqual({ start: '2025-03-28', end: '2025-04-27' });
  });

  it.each([0, 29, 31, 14.5])('refuses start day %s', (startDay) => {
    expect(() => reportingPeriodOf('2025-07-01', startDay)).toThrow(RangeError);
  });

  it('periods of a whole year tile it with no gap and no overlap', () => {
    let period = reportingPeriodOf('2025-01-20');
    for (let i = 0; i < 12; i += 1) {
      const next = reportingPeriodOf(addDays(period.end, 1));
      expect(daysBetween(period.end, next.start)).toBe(1);
      expect(previousReportingPeriod(next)).toEqual(period);
      period = next;
    }
  });
});

describe('monthOf, quarterOf, weekOf', () => {
  it.each([
    ['2025-02-10', '2025-02-01', '2025-02-28'],
    ['2024-02-10', '2024-02-01', '2024-02-29'],
    ['2025-12-31', '2025-12-01', '2025-12-31'],
  ])('monthOf(%s) = %s – %s', (day, start, end) => {
    expect(monthOf(day)).toEqual({ start, end });
  });

  it.each([
    ['2025-01-01', '2025-01-01', '2025-03-31'],
    ['2025-06-30', '2025-04-01', '2025-06-30'],
    ['2025-07-01', '2025-07-01', '2025-09-30'],
    ['2025-12-31', '2025-10-01', '2025-12-31'],
  ])('quarterOf(%s) = %s – %s', (day, start, end) => {
    expect(quarterOf(day)).toEqual({ start, end });
  });

  it.each([
    ['2025-07-01', '2025-06-30', '2025-07-06'], // a Tuesday
    ['2025-06-30', '2025-06-30', '2025-07-06'], // a Monday
    ['2025-07-06', '2025-06-30', '2025-07-06'], // a Sunday
    ['2026-01-01', '2025-12-29', '2026-01-04'], // across the year end
    ['1969-12-31', '1969-12-29', '1970-01-04'], // before the epoch (negative day numbers)
  ])('weekOf(%s) = %s – %s', (day, start, end) => {
    expect(weekOf(day)).toEqual({ start, end });
  });
});
