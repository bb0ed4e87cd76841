import { describe, expect, it } from 'vitest';
import { daysOverdue, effectiveDueDate, isDueSoon, isOverdue, templateDeadline } from './due';
import { todayLocal } from '../text/dates';

describe('overdue rules (Asia/Ho_Chi_Minh)', () => {
  it.each([
    // now (UTC)                  due           status    overdue  days
    ['2025-07-01T16:59:59.999Z', '2025-07-01', 'todo', false, 0], // 23:59 on the 1st in Vietnam: due today, not late
    ['2025-07-01T17:00:00.000Z', '2025-07-01', 'todo', true, 1], // 00:00 on the 2nd in Vietnam, still the 1st in UTC
    ['2025-07-01T23:59:59.000Z', '2025-07-01', 'doing', true, 1], // just before UTC midnight
    ['2025-07-02T00:00:00.000Z', '2025-07-01', 'blocked', true, 1], // UTC midnight: 07:00 on the 2nd in Vietnam
    ['2025-06-30T23:00:00.000Z', '2025-07-01', 'todo', false, 0], // the UTC day before is already the 1st in Vietnam
    ['2025-07-04T03:00:00.000Z', '2025-07-01', 'todo', true, 3],
    ['2025-07-04T03:00:00.000Z', '2025-07-01', 'done', false, 0], // done is never overdue
    ['2025-07-04T03:00:00.000Z', '2025-07-01', 'na', false, 0], // nor not applicable
  ] as const)('at %s an item due %s (%s): overdue %s by %i days', (now, due, status, overdue, days) => {
    const today = todayLocal(Date.parse(now));
    expect(isOverdue(due, status, today)).toBe(overdue);
    expect(daysOverdue(due, status, today)).toBe(days);
  });

  it('has no deadline without a due date', () => {
    expect(isOverdue(null, 'todo', '2030-01-01')).toBe(false);
    expect(daysOverdue(null, 'todo', '2030-01-01')).toBe(0);
  });

  it('reads template dates by their kind: "before" ends the day before, non-deadlines have none', () => {
    expect(templateDeadline({ due: '2025-06-21', dueKind: 'before' })).toBe('2025-06-20');
    expect(templateDeadline({ due: '2025-06-21', dueKind: 'on' })).toBe('2025-06-21');
    expect(templateDeadline({ due: '2025-06-21', dueKind: 'by' })).toBe('2025-06-21');
    expect(templateDeadline({ due: '2025-06-21' })).toBe('2025-06-21');
    expect(templateDeadline({ due: '2025-07-01', dueKind: 'from' })).toBeNull();
    expect(templateDeadline({ due: null, dueKind: 'month' })).toBeNull();
    expect(templateDeadline({ due: '2025-12-31', dueKind: 'ongoing' })).toBeNull();
  });

  it('uses the item date first (null = cleared), else a template date not yet past when the checklist was made', () => {
    const item = { due: '2025-06-21', dueKind: 'on' as const };
    expect(effectiveDueDate(item, '2026-03-01', '2026-01-10')).toBe('2026-03-01');
    expect(effectiveDueDate(item, null, '2025-06-01')).toBeNull();
    expect(effectiveDueDate(item, undefined, '2025-06-01')).toBe('2025-06-21');
    expect(effectiveDueDate(item, undefined, '2025-06-21')).toBe('2025-06-21');
    // A 2025 plan re-run in 2026: its dates are references, not forty overdue items.
    expect(effectiveDueDate(item, undefined, '2026-01-10')).toBeNull();
  });

  it('calls open items due within a week "due soon"', () => {
    expect(isDueSoon('2025-07-01', 'todo', '2025-07-01')).toBe(true);
    expect(isDueSoon('2025-07-08', 'doing', '2025-07-01')).toBe(true);
    expect(isDueSoon('2025-07-09', 'todo', '2025-07-01')).toBe(false);
    expect(isDueSoon('2025-06-30', 'todo', '2025-07-01')).toBe(false);
    expect(isDueSoon('2025-07-02', 'done', '2025-07-01')).toBe(false);
  });
});
