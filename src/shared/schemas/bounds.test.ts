// Date bounds and note rules of the shared schemas (docs/data-rules.md), with a fixed clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assistanceLogFieldsSchema, assistanceLogRecordSchema } from './assistance-log';
import { checklistItemPatchSchema } from './checklist-item';
import { groupSessionFieldsSchema } from './group-session';

const NOW = Date.parse('2026-03-10T03:00:00.000Z');
const log = (extra: Record<string, unknown>) => ({ serviceId: 'vneid-install-register', outcome: 'done', occurredAt: '2026-03-02T08:30:00+07:00', ...extra });
const messages = (result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('date bounds', () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW, toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());

  it('a log is not in the future beyond the clock margin, nor before the teams existed', () => {
    expect(messages(assistanceLogFieldsSchema.safeParse(log({ occurredAt: '2099-05-01T08:00:00+07:00' })))).toEqual(['occurredAt: validation.dateInFuture']);
    expect(messages(assistanceLogFieldsSchema.safeParse(log({ occurredAt: '2026-03-10T14:00:00+07:00' })))).toEqual([]); // 4 h ahead: a fast clock
    expect(messages(assistanceLogFieldsSchema.safeParse(log({ occurredAt: '2026-03-11T12:00:00+07:00' })))).toEqual(['occurredAt: validation.dateInFuture']);
    expect(messages(assistanceLogFieldsSchema.safeParse(log({ occurredAt: '1901-01-01T08:00:00+07:00' })))).toEqual(['occurredAt: validation.dateTooEarly']);
    expect(messages(groupSessionFieldsSchema.safeParse({ topic: 'VNeID', place: 'Nhà văn hóa', participants: 5, occurredAt: '2099-01-01T00:00:00Z' }))).toEqual(['occurredAt: validation.dateInFuture']);
  });

  it('a follow-up is on or after the day of the help and within a year of it, on forms and merged records', () => {
    expect(messages(assistanceLogFieldsSchema.safeParse(log({ followUpAt: '1901-01-01' })))).toEqual(['followUpAt: validation.followUpBeforeHelp']);
    expect(messages(assistanceLogFieldsSchema.safeParse(log({ followUpAt: '2026-03-02' })))).toEqual([]);
    expect(messages(assistanceLogFieldsSchema.safeParse(log({ followUpAt: '2028-01-01' })))).toEqual(['followUpAt: validation.dateTooLate']);
    const meta = { id: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b', communeId: 'ngok-bay', createdBy: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c', createdAt: '2026-03-02T01:00:00.000Z', updatedAt: '2026-03-02T01:00:00.000Z', deleted: false };
    expect(messages(assistanceLogRecordSchema.safeParse({ ...meta, ...log({ followUpAt: '2026-02-01' }) }))).toEqual(['followUpAt: validation.followUpBeforeHelp']);
  });

  it('a checklist due date stays within the plans’ horizon', () => {
    expect(messages(checklistItemPatchSchema.safeParse({ dueDate: '1900-01-01' }))).toEqual(['dueDate: validation.dateTooEarly']);
    expect(messages(checklistItemPatchSchema.safeParse({ dueDate: '2022-07-01' }))).toEqual([]);
    expect(messages(checklistItemPatchSchema.safeParse({ dueDate: '2030-12-31' }))).toEqual([]);
    expect(messages(checklistItemPatchSchema.safeParse({ dueDate: '2099-01-01' }))).toEqual(['dueDate: validation.dateTooLate']);
  });
});

describe('notes', () => {
  it('refuse a CCCD number but keep a dossier code and a phone number', () => {
    expect(messages(checklistItemPatchSchema.safeParse({ note: 'CCCD của ông: 001 203 012 345' }))).toEqual(['note: validation.citizenIdInNote']);
    expect(messages(checklistItemPatchSchema.safeParse({ note: 'Hồ sơ H48-250701-0001, gọi 0912345678' }))).toEqual([]);
  });

  it('refuse past 2,000 characters rather than cutting', () => {
    expect(messages(checklistItemPatchSchema.safeParse({ note: 'a'.repeat(2000) }))).toEqual([]);
    expect(messages(checklistItemPatchSchema.safeParse({ note: 'a'.repeat(2001) }))).toEqual(['note: validation.tooLong']);
  });
});
