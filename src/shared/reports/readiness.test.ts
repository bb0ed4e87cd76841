import { describe, expect, it } from 'vitest';
import { checklistFactOf, computeReadiness, itemStateFactOf, templateFactOf, type ChecklistFact, type ItemStateFact, type TemplateFact } from './readiness';
import type { TemplateItem } from '../schemas/checklist-template';

const item = (id: string, due: string | null = null): TemplateItem => ({ id, title: { vi: `Việc ${id}`, en: `Task ${id}` }, category: 'email', leadUnit: 'UBND xã', due, dueKind: 'by' });
const TEMPLATE: TemplateFact = { id: 't1', templateId: 'tpl', version: 1, items: [item('a'), item('b'), item('c'), item('d', '2026-07-10'), item('e')] };
const checklist = (id: string, extra: Partial<ChecklistFact> = {}): ChecklistFact => ({
  id,
  title: `Danh mục ${id}`,
  templateId: 'tpl',
  templateVersion: 1,
  archived: false,
  createdAt: '2026-07-01T01:00:00.000Z',
  updatedAt: '2026-07-01T01:00:00.000Z',
  deleted: false,
  ...extra,
});
const state = (checklistId: string, itemId: string, extra: Partial<ItemStateFact> = {}): ItemStateFact => ({ checklistId, itemId, status: 'todo', updatedAt: '2026-07-02T01:00:00.000Z', deleted: false, ...extra });

describe('readiness', () => {
  it('leaves not-applicable items out, counts overdue (before today, Vietnam) and blocked', () => {
    const report = computeReadiness({
      checklists: [checklist('c1')],
      states: [
        state('c1', 'a', { status: 'done' }),
        state('c1', 'b', { status: 'na' }),
        state('c1', 'c', { status: 'blocked' }),
        // d: template deadline 10/7, still to do on 11/7 → overdue
        state('c1', 'e', { status: 'done', dueDate: '2026-07-05' }), // done: never overdue
      ],
      templates: [TEMPLATE],
      today: '2026-07-11',
    });
    const [row] = report.active;
    expect(row?.progress).toMatchObject({ total: 5, applicable: 4, done: 2, percent: 50, overdue: 1, blocked: 1 });
    expect(report.totals).toEqual({ checklists: 1, applicable: 4, done: 2, percent: 50, overdue: 1, blocked: 1 });
  });

  it('is not overdue on the deadline itself, and a not-applicable item is never overdue', () => {
    const onTheDay = computeReadiness({ checklists: [checklist('c1')], states: [], templates: [TEMPLATE], today: '2026-07-10' });
    expect(onTheDay.totals.overdue).toBe(0);
    const na = computeReadiness({ checklists: [checklist('c1')], states: [state('c1', 'd', { status: 'na' })], templates: [TEMPLATE], today: '2026-08-01' });
    expect(na.totals).toMatchObject({ overdue: 0, applicable: 4 });
  });

  it('lists active checklists newest change first (item changes count), leaves out deleted and archived ones', () => {
    const report = computeReadiness({
      checklists: [
        checklist('old', { updatedAt: '2026-07-01T01:00:00.000Z' }),
        checklist('touched', { updatedAt: '2026-07-01T00:00:00.000Z' }),
        checklist('recent', { updatedAt: '2026-07-03T01:00:00.000Z' }),
        checklist('gone', { deleted: true, updatedAt: '2026-07-09T01:00:00.000Z' }),
        checklist('shelved', { archived: true, updatedAt: '2026-07-09T01:00:00.000Z' }),
      ],
      states: [state('touched', 'a', { status: 'done', updatedAt: '2026-07-05T01:00:00.000Z' })],
      templates: [TEMPLATE],
      today: '2026-07-06',
    });
    expect(report.active.map((c) => c.id)).toEqual(['touched', 'recent', 'old']);
    expect(report.active[0]?.lastChangedAt).toBe('2026-07-05T01:00:00.000Z');
    expect(report.archivedCount).toBe(1);
    expect(report.totals.checklists).toBe(3);
    expect(report.totals).toMatchObject({ applicable: 15, done: 1, percent: 6 });
  });

  it('treats a deleted item state as not started, and shows a checklist whose template is missing without counting it', () => {
    const report = computeReadiness({
      checklists: [checklist('c1'), checklist('c2', { templateVersion: 9 })],
      states: [state('c1', 'a', { status: 'done', deleted: true })],
      templates: [TEMPLATE],
      today: '2026-07-06',
    });
    expect(report.active.find((c) => c.id === 'c1')?.progress?.done).toBe(0);
    expect(report.active.find((c) => c.id === 'c2')?.progress).toBeNull();
    expect(report.totals.checklists).toBe(1);
  });

  it('has no percent when nothing applies', () => {
    expect(computeReadiness({ checklists: [], states: [], templates: [], today: '2026-07-06' }).totals.percent).toBeNull();
    const allNa = computeReadiness({ checklists: [checklist('c1')], states: ['a', 'b', 'c', 'd', 'e'].map((id) => state('c1', id, { status: 'na' })), templates: [TEMPLATE], today: '2026-07-06' });
    expect(allNa.totals).toMatchObject({ percent: null, applicable: 0 });
  });

  it('reads facts defensively from stored records', () => {
    expect(checklistFactOf({ id: 'c', templateId: 'tpl', templateVersion: 1, createdAt: 'bad' })).toBeNull();
    expect(checklistFactOf({ id: 'c', templateId: 'tpl', templateVersion: 1, createdAt: '2026-07-01T01:00:00.000Z' })).toMatchObject({ updatedAt: '2026-07-01T01:00:00.000Z', archived: false });
    expect(itemStateFactOf({ checklistId: 'c', itemId: 'a', status: 'weird', dueDate: 'soon' })).toMatchObject({ status: undefined, dueDate: undefined });
    expect(itemStateFactOf({ checklistId: 'c', itemId: 'a', dueDate: null })).toMatchObject({ dueDate: null });
    expect(templateFactOf({ id: 't', templateId: 'tpl', version: 1, items: [] })).not.toBeNull();
    expect(templateFactOf({ id: 't', templateId: 'tpl', version: 1, items: [], deleted: true })).toBeNull();
  });
});
