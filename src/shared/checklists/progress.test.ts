import { describe, expect, it } from 'vitest';
import { buildItemViews, compareUrgency, groupByCategory, isUrgent, progressOf, type ItemState } from './progress';
import type { TemplateItem } from '../schemas/checklist-template';
import { seedTemplateById } from '../seed';

const item = (id: string, category = 'email', due: string | null = null): TemplateItem => ({
  id,
  title: { vi: `Việc ${id}`, en: `Task ${id}` },
  category,
  leadUnit: 'UBND cấp xã',
  due,
  dueKind: 'by',
});
const states = (...list: ItemState[]) => new Map(list.map((s) => [s.itemId, s]));

describe('checklist progress', () => {
  it('counts every status and leaves not-applicable items out of the percentage', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => item(id));
    const views = buildItemViews(
      items,
      states({ itemId: 'a', status: 'done' }, { itemId: 'b', status: 'done' }, { itemId: 'c', status: 'doing' }, { itemId: 'd', status: 'blocked' }, { itemId: 'e', status: 'na' }),
      '2025-07-01',
      '2025-07-01',
    );
    const progress = progressOf(views);
    expect(progress.counts).toEqual({ todo: 1, doing: 1, done: 2, blocked: 1, na: 1 });
    expect(progress).toMatchObject({ total: 6, applicable: 5, done: 2, percent: 40, blocked: 1, complete: false });
  });

  it('is complete when every applicable item is done, whatever is not applicable', () => {
    const views = buildItemViews([item('a'), item('b'), item('c')], states({ itemId: 'a', status: 'done' }, { itemId: 'b', status: 'na' }, { itemId: 'c', status: 'done' }), '2025-07-01', '2025-07-01');
    expect(progressOf(views)).toMatchObject({ applicable: 2, done: 2, percent: 100, complete: true });
  });

  it('rounds down, so an unfinished checklist never shows 100 %', () => {
    const items = Array.from({ length: 300 }, (_, i) => item(`i${i}`));
    const done = states(...items.slice(0, 299).map((it) => ({ itemId: it.id, status: 'done' as const })));
    expect(progressOf(buildItemViews(items, done, '2025-07-01', '2025-07-01'))).toMatchObject({ percent: 99, complete: false });
  });

  it('handles an empty checklist and one where nothing applies (0 %, never complete)', () => {
    expect(progressOf([])).toMatchObject({ total: 0, applicable: 0, done: 0, percent: 0, overdue: 0, complete: false });
    const allNa = buildItemViews([item('a')], states({ itemId: 'a', status: 'na' }), '2025-07-01', '2025-07-01');
    expect(progressOf(allNa)).toMatchObject({ total: 1, applicable: 0, percent: 0, complete: false });
  });

  it('treats items without a state record as not started, and ignores states of unknown items', () => {
    const views = buildItemViews([item('a'), item('b')], states({ itemId: 'zzz', status: 'done' }), '2025-07-01', '2025-07-01');
    expect(views.map((v) => v.status)).toEqual(['todo', 'todo']);
    expect(progressOf(views).counts.todo).toBe(2);
  });

  it('counts overdue items with the effective due date', () => {
    const views = buildItemViews(
      [item('a', 'email', '2025-07-05'), item('b', 'email', '2025-07-05'), item('c')],
      states({ itemId: 'b', status: 'done' }, { itemId: 'c', dueDate: '2025-07-09' }),
      '2025-07-01',
      '2025-07-10',
    );
    expect(views.map((v) => [v.overdue, v.daysOverdue, v.dueDateSet])).toEqual([[true, 5, false], [false, 0, false], [true, 1, true]]);
    expect(progressOf(views).overdue).toBe(2);
  });

  it('computes the seeded 52-item commune readiness checklist', () => {
    const template = seedTemplateById('qng-2025-commune-shared-systems-readiness')!;
    const views = buildItemViews(template.items, new Map(), '2025-06-01', '2025-06-25');
    const progress = progressOf(views);
    expect(progress.total).toBe(52);
    expect(progress.percent).toBe(0);
    expect(progress.overdue).toBeGreaterThan(0);
    expect(groupByCategory(views, template.categories).map((g) => g.category)).toEqual(template.categories);
  });

  it('groups by the template category order and keeps unknown categories at the end', () => {
    const views = buildItemViews([item('a', 'portal'), item('b', 'email'), item('c', 'other'), item('d', 'portal')], new Map(), '2025-07-01', '2025-07-01');
    expect(groupByCategory(views, ['email', 'lgsp', 'portal']).map((g) => [g.category, g.items.map((v) => v.item.id)])).toEqual([
      ['email', ['b']],
      ['portal', ['a', 'd']],
      ['other', ['c']],
    ]);
  });

  it('orders by urgency: longest overdue, blocked, due soonest, then the rest', () => {
    const views = buildItemViews(
      [item('rest'), item('soon2', 'email', '2025-07-12'), item('blocked'), item('late1', 'email', '2025-07-09'), item('soon1', 'email', '2025-07-11'), item('late5', 'email', '2025-07-05')],
      states({ itemId: 'blocked', status: 'blocked' }),
      '2025-07-01',
      '2025-07-10',
    );
    expect([...views].sort(compareUrgency).map((v) => v.item.id)).toEqual(['late5', 'late1', 'blocked', 'soon1', 'soon2', 'rest']);
    expect(views.filter(isUrgent).map((v) => v.item.id).sort()).toEqual(['blocked', 'late1', 'late5', 'soon1', 'soon2']);
  });
});
