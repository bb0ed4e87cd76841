import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, requestDeadlines, urgencyOf, weekdayOf } from './rights-deadlines';

describe('working days', () => {
  it('knows the day of the week of a calendar day', () => {
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('2026-12-03')).toBe(4);
    expect(weekdayOf('2026-12-05')).toBe(6);
    expect(weekdayOf('2026-12-06')).toBe(0);
    expect(weekdayOf('1969-12-31')).toBe(3);
    expect(isWorkingDay('2026-12-04')).toBe(true);
    expect(isWorkingDay('2026-12-05')).toBe(false);
    expect(isWorkingDay('2026-12-06')).toBe(false);
  });

  it.each([
    ['Monday', '2026-11-30', '2026-12-02'],
    ['Thursday', '2026-12-03', '2026-12-07'],
    ['Friday', '2026-12-04', '2026-12-08'],
    ['Saturday', '2026-12-05', '2026-12-08'],
    ['Sunday', '2026-12-06', '2026-12-08'],
    ['Friday at a month end', '2026-01-30', '2026-02-03'],
    ['Thursday at the year end', '2026-12-31', '2027-01-04'],
  ])('a request received on a %s (%s) is acknowledged by %s', (_day, received, due) => {
    expect(addWorkingDays(received, 2)).toBe(due);
    expect(requestDeadlines(received, false).acknowledgeBy).toBe(due);
  });

  it('counts no working day for 0 and refuses a negative count', () => {
    expect(addWorkingDays('2026-12-05', 0)).toBe('2026-12-05');
    expect(() => addWorkingDays('2026-12-05', -1)).toThrow(RangeError);
  });
});

describe('the answer and its one extension', () => {
  it.each([
    ['inside a month', '2026-12-03', '2026-12-18', '2027-01-02'],
    ['across a 28-day February', '2026-01-30', '2026-02-14', '2026-03-01'],
    ['across a leap February', '2028-02-20', '2028-03-06', '2028-03-21'],
    ['across the year end', '2026-12-31', '2027-01-15', '2027-01-30'],
  ])('15 days, 30 once extended (%s)', (_case, received, answerBy, extendedBy) => {
    expect(requestDeadlines(received, false).answerBy).toBe(answerBy);
    expect(requestDeadlines(received, true).answerBy).toBe(extendedBy);
  });
});

describe('what stands out for the leader', () => {
  const received = { receivedOn: '2026-12-03', status: 'received' as const };
  it('an unacknowledged request is due soon, then overdue after its second working day', () => {
    expect(urgencyOf(received, '2026-12-03')).toEqual({ state: 'onTime', step: 'acknowledge', dueOn: '2026-12-07', daysLeft: 4 });
    expect(urgencyOf(received, '2026-12-05')).toMatchObject({ state: 'dueSoon', daysLeft: 2 });
    expect(urgencyOf(received, '2026-12-07')).toMatchObject({ state: 'dueSoon', daysLeft: 0 });
    expect(urgencyOf(received, '2026-12-08')).toMatchObject({ state: 'overdue', step: 'acknowledge', daysLeft: -1 });
  });

  it('an acknowledged one counts towards its answer, which the extension moves 15 days', () => {
    const acknowledged = { ...received, status: 'acknowledged' as const };
    expect(urgencyOf(acknowledged, '2026-12-08')).toMatchObject({ state: 'onTime', step: 'answer', dueOn: '2026-12-18' });
    expect(urgencyOf(acknowledged, '2026-12-16')).toMatchObject({ state: 'dueSoon', daysLeft: 2 });
    expect(urgencyOf(acknowledged, '2026-12-19')).toMatchObject({ state: 'overdue', daysLeft: -1 });
    expect(urgencyOf({ ...acknowledged, extendedAt: '2026-12-15T02:00:00.000Z' }, '2026-12-19')).toMatchObject({ state: 'onTime', dueOn: '2027-01-02', daysLeft: 14 });
  });

  it('a closed request needs nothing, however late', () => {
    expect(urgencyOf({ ...received, status: 'done' }, '2027-06-01')).toEqual({ state: 'closed' });
    expect(urgencyOf({ ...received, status: 'refused' }, '2027-06-01')).toEqual({ state: 'closed' });
  });
});
