import { describe, expect, it } from 'vitest';
import { reportDueDate, reportPeriodAt, shiftReportPeriod, submissionState } from './report-period';

describe('the reporting period of a period report (15th → 14th, Asia/Ho_Chi_Minh)', () => {
  it('places an instant by its Vietnam date, across the 14th/15th midnight', () => {
    // 2026-07-14 23:59 in Vietnam is 16:59 UTC; 2026-07-15 00:30 there is still the 14th in UTC.
    expect(reportPeriodAt(Date.parse('2026-07-14T16:59:00Z'))).toEqual({ start: '2026-06-15', end: '2026-07-14' });
    expect(reportPeriodAt(Date.parse('2026-07-14T17:30:00Z'))).toEqual({ start: '2026-07-15', end: '2026-08-14' });
  });

  it('crosses month and year ends, February included', () => {
    expect(reportPeriodAt(Date.parse('2026-12-31T10:00:00Z'))).toEqual({ start: '2026-12-15', end: '2027-01-14' });
    expect(reportPeriodAt(Date.parse('2027-01-14T10:00:00Z'))).toEqual({ start: '2026-12-15', end: '2027-01-14' });
    expect(reportPeriodAt(Date.parse('2028-02-29T10:00:00Z'))).toEqual({ start: '2028-02-15', end: '2028-03-14' });
    expect(reportPeriodAt(Date.parse('2027-01-31T20:00:00Z'))).toEqual({ start: '2027-01-15', end: '2027-02-14' });
  });

  it('steps to the previous and next periods over the new year', () => {
    const december = { start: '2026-12-15', end: '2027-01-14' };
    expect(shiftReportPeriod(december, -1)).toEqual({ start: '2026-11-15', end: '2026-12-14' });
    expect(shiftReportPeriod(december, 1)).toEqual({ start: '2027-01-15', end: '2027-02-14' });
    expect(shiftReportPeriod(december, -12)).toEqual({ start: '2025-12-15', end: '2026-01-14' });
    expect(shiftReportPeriod(december, 0)).toEqual(december);
  });

  it('tells on time, late, missing and not yet due', () => {
    const period = { start: '2025-06-15', end: '2025-07-14' };
    expect(reportDueDate(period)).toBe('2025-07-18');
    expect(submissionState(period, { documentDate: '2025-07-18' }, '2025-08-01')).toBe('onTime');
    expect(submissionState(period, { documentDate: '2025-07-19' }, '2025-08-01')).toBe('late');
    expect(submissionState(period, null, '2025-07-19')).toBe('missing');
    expect(submissionState(period, null, '2025-07-18')).toBe('notDue');
    expect(reportDueDate({ start: '2026-12-15', end: '2027-01-14' }, 20)).toBe('2027-02-03');
  });
});
