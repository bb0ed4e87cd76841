import { describe, expect, it } from 'vitest';
import { checkRange, instantBounds, listPeriodRange, MAX_PERIOD_DAYS, presetRange, rangeDays } from './period';
import { addDays } from '../text/dates';

describe('report periods', () => {
  it('gives the reporting period (15th to 14th), the month and the quarter of a day', () => {
    expect(presetRange('period', '2026-07-14')).toEqual({ start: '2026-06-15', end: '2026-07-14' });
    expect(presetRange('period', '2026-07-15')).toEqual({ start: '2026-07-15', end: '2026-08-14' });
    expect(presetRange('period', '2026-01-03')).toEqual({ start: '2025-12-15', end: '2026-01-14' });
    expect(presetRange('month', '2026-02-10')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(presetRange('quarter', '2026-08-10')).toEqual({ start: '2026-07-01', end: '2026-09-30' });
  });

  it('checks a custom period', () => {
    expect(checkRange('2026-07-01', '2026-07-01')).toEqual({ ok: true, range: { start: '2026-07-01', end: '2026-07-01' } });
    expect(checkRange('2026-07-02', '2026-07-01')).toEqual({ ok: false, problem: 'endBeforeStart' });
    expect(checkRange('2026-02-30', '2026-03-01')).toEqual({ ok: false, problem: 'invalidDate' });
    expect(checkRange('', '2026-03-01')).toEqual({ ok: false, problem: 'invalidDate' });
    expect(checkRange('2026-01-01', addDays('2026-01-01', MAX_PERIOD_DAYS - 1)).ok).toBe(true);
    expect(checkRange('2026-01-01', addDays('2026-01-01', MAX_PERIOD_DAYS))).toEqual({ ok: false, problem: 'tooLong' });
    expect(rangeDays({ start: '2026-06-15', end: '2026-07-14' })).toBe(30);
  });

  it('bounds a period by Vietnam midnights, end exclusive', () => {
    expect(instantBounds({ start: '2026-07-15', end: '2026-08-14' })).toEqual({ from: '2026-07-14T17:00:00.000Z', before: '2026-08-14T17:00:00.000Z' });
  });

  it('gives the list periods in Asia/Ho_Chi_Minh, with the 15th-to-14th reporting period', () => {
    // 2026-03-14 23:30 in Vietnam is still 16:30 UTC of the 14th; 2026-03-15 00:30 there is the 14th in UTC.
    const now = Date.parse('2026-03-14T17:30:00.000Z'); // 15/03 00:30 in Vietnam
    expect(listPeriodRange('today', now)).toEqual({ start: '2026-03-15', end: '2026-03-15' });
    expect(listPeriodRange('period', now)).toEqual({ start: '2026-03-15', end: '2026-04-14' });
    expect(listPeriodRange('week', now)).toEqual({ start: '2026-03-09', end: '2026-03-15' });
    expect(listPeriodRange('month', now)).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    expect(listPeriodRange('all', now)).toBeNull();
  });
});
