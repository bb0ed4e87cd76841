import { describe, expect, it } from 'vitest';
import { checklistFieldsSchema, checklistPatchSchema, checklistRecordSchema } from './checklist';
import { checklistItemFieldsSchema, checklistItemPatchSchema, checklistItemRecordSchema } from './checklist-item';
import { checklistTemplateFieldsSchema } from './checklist-template';

const meta = {
  id: '0197c1a2-7b3e-7c4d-8e5f-0a1b2c3d4e5f',
  communeId: 'ngok-bay',
  createdBy: '0197c1a2-0000-7000-8000-000000000001',
  createdAt: '2025-07-05T03:00:00.000Z',
  updatedAt: '2025-07-05T03:00:00.000Z',
  deleted: false,
};
const VILLAGE = '0197c1a2-0000-7000-8000-0000000000aa';

describe('checklists', () => {
  const checklist = { templateId: 'village-digital-readiness', templateVersion: 1, title: 'Thôn Kon Klor', scope: 'village', villageId: VILLAGE };

  it('accepts a village checklist with its village, and a commune one without', () => {
    expect(checklistFieldsSchema.parse(checklist)).toEqual(checklist);
    expect(checklistFieldsSchema.safeParse({ ...checklist, scope: 'commune', villageId: undefined, archived: true }).success).toBe(true);
    expect(checklistRecordSchema.safeParse({ ...meta, ...checklist }).success).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a village checklist without village', { villageId: null }, 'validation.villageRequired'],
    ['version 0', { templateVersion: 0 }, 'validation.tooSmall'],
    ['an unknown scope', { scope: 'province' }, 'validation.invalidOption'],
    ['an extra field', { progress: 50 }, 'validation.unknownField'],
  ])('refuses %s', (_label, change, key) => {
    expect(checklistFieldsSchema.safeParse({ ...checklist, ...change }).error?.issues[0]?.message).toBe(key);
  });

  it('checks the village rule on the merged record, not on a patch', () => {
    expect(checklistPatchSchema.safeParse({ villageId: null }).success).toBe(true);
    expect(checklistRecordSchema.safeParse({ ...meta, ...checklist, villageId: null }).success).toBe(false);
  });
});

describe('checklistItems', () => {
  const item = { checklistId: meta.id, itemId: 'qng25-email-01', status: 'blocked', blockedReason: 'Chưa nhận tài khoản', dueDate: '2025-06-21' };

  it('accepts the SYNC fields plus blockedReason', () => {
    expect(checklistItemFieldsSchema.parse(item)).toEqual(item);
    expect(checklistItemRecordSchema.parse({ ...meta, ...item, assignee: 'Chị Lan', note: null, dueDate: null }).dueDate).toBeNull();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown status', { status: 'late' }, 'validation.invalidOption'],
    ['a due date that is a date-time', { dueDate: '2025-06-21T00:00:00Z' }, 'validation.localDate'],
    ['a checklist id that is not a UUID', { checklistId: 'abc' }, 'validation.uuid'],
    ['a note of 2001 characters', { note: 'x'.repeat(2001) }, 'validation.tooLong'],
  ])('refuses %s', (_label, change, key) => {
    expect(checklistItemFieldsSchema.safeParse({ ...item, ...change }).error?.issues[0]?.message).toBe(key);
  });

  it('a patch may set only the status', () => {
    expect(checklistItemPatchSchema.parse({ status: 'done' })).toEqual({ status: 'done' });
    expect(checklistItemPatchSchema.safeParse({ status: 'done', communeId: 'x' }).success).toBe(false);
  });
});

describe('checklistTemplates', () => {
  const template = {
    templateId: 'village-digital-readiness',
    version: 1,
    title: { vi: 'Sẵn sàng số của thôn', en: 'Village digital readiness' },
    scope: 'village',
    categories: ['team', 'outreach'],
    items: [
      { id: 'vil-01', title: { vi: 'Lập tổ', en: 'Set up the team' }, category: 'team', leadUnit: 'UBND xã', dueKind: 'ongoing' },
      {
        id: 'vil-02',
        title: { vi: 'Tuyên truyền', en: '' },
        category: 'outreach',
        leadUnit: 'Tổ CNS',
        due: '2025-12-31',
        dueKind: 'by',
        target: { op: '>=', value: 80, unit: 'percent' },
      },
    ],
  };

  it('accepts a consistent template', () => {
    expect(checklistTemplateFieldsSchema.parse(template)).toEqual(template);
  });

  it.each<[string, unknown, string]>([
    ['a repeated item id', { ...template, items: [template.items[0], template.items[0]] }, 'validation.duplicate'],
    ['an item in an unlisted category', { ...template, categories: ['team'] }, 'validation.unknownCategory'],
    ['no items', { ...template, items: [] }, 'validation.required'],
    ['an item without lead unit', { ...template, items: [{ ...template.items[0], leadUnit: '' }] }, 'validation.required'],
    ['an unknown due kind', { ...template, items: [{ ...template.items[0], dueKind: 'soon' }] }, 'validation.invalidOption'],
  ])('refuses %s', (_label, value, key) => {
    expect(checklistTemplateFieldsSchema.safeParse(value).error?.issues.map((i) => i.message)).toContain(key);
  });
});
