// The write rules (src/shared/sync/write-rules.ts, applied by registry.ts) as a table: one line per (role, table, action)
// with the expected verdict. Pure code, no database.
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/permissions';
import type { SyncTable } from '../../src/shared/schemas/tables';
import { SEED_HLC } from '../../src/shared/seed/seed-record';
import { applyWrite, type SyncedRecord } from '../../src/shared/sync/merge';
import { LIMITS } from '../../src/shared/sync/protocol';
import { redactForReader } from '../../src/shared/sync/redaction';
import { upcastMutation, validateMergedRecord, validateMutation } from '../../src/shared/sync/registry';
import { provinceScope, readScopes, writeScope, type SyncUser } from '../../src/shared/sync/scopes';
import { WRITE_RULES } from '../../src/shared/sync/write-rules';

const ID = {
  member: '00000000-0000-7000-8000-000000000001',
  member2: '00000000-0000-7000-8000-000000000002',
  leader: '00000000-0000-7000-8000-000000000003',
  reviewer: '00000000-0000-7000-8000-000000000004',
  admin: '00000000-0000-7000-8000-000000000005',
};
const RECORD = '01900000-0000-7000-8000-00000000abcd';

const user = (role: Role, id: string = ID[role]): SyncUser =>
  role === 'admin' ? { id, role, communeId: null, provinceId: 'quang-ngai' } : { id, role, communeId: 'xa-a', provinceId: 'quang-ngai' };

/** A stored record of the commune, created by `createdBy`. */
const existing = (fields: Record<string, unknown>, createdBy = ID.member): SyncedRecord =>
  applyWrite(undefined, { recordId: RECORD, hlc: SEED_HLC, fields: { communeId: 'xa-a', createdBy, deleted: false, ...fields } });

const LOG = { serviceId: 'vneid-install-register', outcome: 'done', occurredAt: '2026-03-02T08:30:00+07:00' };
const CONTACT = { name: 'Anh Tuấn' };
const CHECKLIST = { templateId: 'readiness', templateVersion: 1, title: 'Sẵn sàng', scope: 'commune' };
const ITEM = { checklistId: RECORD, itemId: 'item-1', status: 'doing' };
const VILLAGE = { name: 'Làng Kon Rờ Bàng', kind: 'lang', active: true };
const INDICATOR_VALUE = { indicatorId: 'ho-so-truc-tuyen', periodStart: '2026-03-15', periodEnd: '2026-04-14', value: 42 };
const SERVICE = { code: 'x-y', name: { vi: 'Dịch vụ', en: '' }, group: 'other', catalogVersion: 1, active: true };

type Case = [label: string, role: Role, table: SyncTable, fields: Record<string, unknown>, stored: SyncedRecord | undefined, expected: string];

const CASES: Case[] = [
  // assistance logs: members and leaders log; authors edit their own, leaders any.
  ['member creates a log', 'member', 'assistanceLogs', LOG, undefined, 'ok'],
  ['leader creates a log', 'leader', 'assistanceLogs', LOG, undefined, 'ok'],
  ['reviewer creates a log', 'reviewer', 'assistanceLogs', LOG, undefined, 'forbidden'],
  ['admin creates a log', 'admin', 'assistanceLogs', LOG, undefined, 'forbidden'],
  ['member edits own log', 'member', 'assistanceLogs', { outcome: 'failed' }, existing(LOG), 'ok'],
  ['member edits a teammate’s log', 'member', 'assistanceLogs', { outcome: 'failed' }, existing(LOG, ID.member2), 'forbidden'],
  ['member deletes own log', 'member', 'assistanceLogs', { deleted: true }, existing(LOG), 'ok'],
  ['leader edits anyone’s log', 'leader', 'assistanceLogs', { outcome: 'failed' }, existing(LOG, ID.member2), 'ok'],
  ['reviewer edits a log', 'reviewer', 'assistanceLogs', { note: 'x' }, existing(LOG), 'forbidden'],
  // contacts: everybody in the field adds and edits; only leaders delete.
  ['member adds a contact', 'member', 'contacts', CONTACT, undefined, 'ok'],
  ['member edits any contact', 'member', 'contacts', { favorite: true }, existing(CONTACT, ID.leader), 'ok'],
  ['member deletes a contact', 'member', 'contacts', { deleted: true }, existing(CONTACT), 'forbidden'],
  ['member creates a deleted contact', 'member', 'contacts', { ...CONTACT, deleted: true }, undefined, 'forbidden'],
  ['member re-sends deleted:false', 'member', 'contacts', { deleted: false }, existing(CONTACT), 'ok'],
  ['leader deletes a contact', 'leader', 'contacts', { deleted: true }, existing(CONTACT), 'ok'],
  ['reviewer adds a contact', 'reviewer', 'contacts', CONTACT, undefined, 'forbidden'],
  // checklists: leaders create and archive; members work items.
  ['leader creates a checklist', 'leader', 'checklists', CHECKLIST, undefined, 'ok'],
  ['member creates a checklist', 'member', 'checklists', CHECKLIST, undefined, 'forbidden'],
  ['member archives a checklist', 'member', 'checklists', { archived: true }, existing(CHECKLIST, ID.leader), 'forbidden'],
  ['member sets an item status', 'member', 'checklistItems', ITEM, undefined, 'ok'],
  ['member deletes an item', 'member', 'checklistItems', { deleted: true }, existing(ITEM), 'forbidden'],
  ['reviewer sets an item status', 'reviewer', 'checklistItems', ITEM, undefined, 'forbidden'],
  ['leader adds a village', 'leader', 'villages', VILLAGE, undefined, 'ok'],
  ['member adds a village', 'member', 'villages', VILLAGE, undefined, 'forbidden'],
  // sign-offs: reviewers, in their own name.
  ['reviewer signs off', 'reviewer', 'signOffs', { checklistId: RECORD, signedBy: ID.reviewer, signedAt: '2026-03-02T10:00:00Z' }, undefined, 'ok'],
  ['reviewer signs for someone', 'reviewer', 'signOffs', { checklistId: RECORD, signedBy: ID.leader, signedAt: '2026-03-02T10:00:00Z' }, undefined, 'forbidden'],
  ['leader signs off', 'leader', 'signOffs', { checklistId: RECORD, signedBy: ID.leader, signedAt: '2026-03-02T10:00:00Z' }, undefined, 'forbidden'],
  // reference data: admins of the province only.
  ['admin adds a service', 'admin', 'services', SERVICE, undefined, 'ok'],
  ['leader adds a service', 'leader', 'services', SERVICE, undefined, 'forbidden'],
  ['member edits a template', 'member', 'checklistTemplates', { version: 2 }, undefined, 'forbidden'],
  // Guides are published by the server only (PUT /api/admin/guides/:code): not even the admin pushes them.
  ['admin pushes a service guide', 'admin', 'serviceGuides', { version: 2 }, undefined, 'forbidden'],
  ['admin pushes a guide picture', 'admin', 'guideImages', { serviceCode: 'x' }, undefined, 'forbidden'],
  // The province's report settings are published whole by the server (PUT /api/admin/report-settings).
  ['admin pushes report settings', 'admin', 'reportSettings', { dueDay: 20 }, undefined, 'forbidden'],
  // Hand-entered indicator values: the commune's leaders and its office, never members or the province.
  ['leader enters an indicator value', 'leader', 'indicatorValues', INDICATOR_VALUE, undefined, 'ok'],
  ['reviewer enters an indicator value', 'reviewer', 'indicatorValues', INDICATOR_VALUE, undefined, 'ok'],
  ['member enters an indicator value', 'member', 'indicatorValues', INDICATOR_VALUE, undefined, 'forbidden'],
  ['admin enters an indicator value', 'admin', 'indicatorValues', INDICATOR_VALUE, undefined, 'forbidden'],
  ['leader moves a value to another period', 'leader', 'indicatorValues', { periodStart: '2026-04-15' }, existing(INDICATOR_VALUE, ID.leader), 'immutable_field'],
];

describe('registry: who may write what', () => {
  it.each(CASES)('[A12] %s → %s', (_label, role, table, fields, stored, expected) => {
    const verdict = validateMutation(user(role), { table, recordId: RECORD, fields }, stored);
    expect(verdict.ok ? 'ok' : verdict.code).toBe(expected);
  });

  it('[A12] every table has a rule', () => {
    expect(Object.keys(WRITE_RULES).sort()).toEqual(
      ['assistanceLogs', 'checklistItems', 'checklistTemplates', 'checklists', 'communeProfiles', 'contacts', 'groupSessions', 'guideImages', 'indicatorValues', 'periodReports', 'provinceContacts', 'reportSettings', 'reportSubmissions', 'rightsRequests', 'serviceGuides', 'services', 'signOffs', 'teamMembers', 'villages'].sort(),
    );
  });

  it('[A12] no role pushes the roster or the commune profile: the server publishes them', () => {
    for (const role of ['member', 'leader', 'reviewer', 'admin'] as const) {
      const pusher = user(role);
      expect(validateMutation(pusher, { table: 'teamMembers', recordId: pusher.id, fields: { displayName: 'Tự đặt tên' } }, undefined)).toMatchObject({ ok: false });
      expect(validateMutation(pusher, { table: 'communeProfiles', recordId: pusher.id, fields: { name: 'Xã khác' } }, undefined)).toMatchObject({ ok: false });
    }
  });
});

describe('registry: server-owned fields and scope', () => {
  const member = user('member');

  it('[I8] sets communeId and createdBy from the user on create, and drops the echoed metadata', () => {
    const verdict = validateMutation(member, { table: 'contacts', recordId: RECORD, fields: { ...CONTACT, communeId: 'xa-a', createdBy: ID.member, createdAt: '2026-03-02T01:00:00Z', updatedAt: '2026-03-02T01:00:00Z' } }, undefined);
    expect(verdict).toEqual({ ok: true, created: true, patch: { name: 'Anh Tuấn', communeId: 'xa-a', createdBy: ID.member } });
  });

  it('[I8] on update the patch carries only the client fields', () => {
    const verdict = validateMutation(member, { table: 'contacts', recordId: RECORD, fields: { note: ' ghi chú ', communeId: 'xa-a' } }, existing(CONTACT));
    expect(verdict).toEqual({ ok: true, created: false, patch: { note: 'ghi chú' } });
  });

  it.each([
    ['a forged communeId', { ...CONTACT, communeId: 'xa-b' }, undefined, 'wrong_commune'],
    ['a record of another commune', { note: 'x' }, applyWrite(undefined, { recordId: RECORD, hlc: SEED_HLC, fields: { communeId: 'xa-b', createdBy: ID.member } }), 'wrong_commune'],
    ['a forged createdBy', { ...CONTACT, createdBy: ID.member2 }, undefined, 'immutable_field'],
    ['a changed createdBy', { createdBy: ID.leader }, existing(CONTACT, ID.member2), 'immutable_field'],
    ['the reserved clocks key', { clocks: {} }, existing(CONTACT), 'invalid'],
    ['the wire clocks key', { _c: {} }, existing(CONTACT), 'invalid'],
  ])('[I8] %s → %s', (_label, fields, stored, code) => {
    const verdict = validateMutation(member, { table: 'contacts', recordId: RECORD, fields }, stored);
    expect(verdict.ok ? 'ok' : verdict.code).toBe(code);
  });

  it('[V4] fields over the per-mutation limit → too_large', () => {
    const verdict = validateMutation(member, { table: 'contacts', recordId: RECORD, fields: { note: 'x'.repeat(LIMITS.mutationBytes) } }, undefined);
    expect(verdict).toMatchObject({ ok: false, code: 'too_large' });
  });

  it('[V4] the limit counts UTF-8 bytes: Vietnamese text under 64 K characters but over 64 KB is too_large', () => {
    // "ế" is one UTF-16 code unit and three UTF-8 bytes.
    const note = 'ế'.repeat(Math.ceil(LIMITS.mutationBytes / 3) + 10);
    expect(note.length).toBeLessThan(LIMITS.mutationBytes);
    const verdict = validateMutation(member, { table: 'contacts', recordId: RECORD, fields: { note } }, undefined);
    expect(verdict).toMatchObject({ ok: false, code: 'too_large' });
    // …while the same count of ASCII characters is far under it (the note's own length rule applies then).
    const ascii = validateMutation(member, { table: 'contacts', recordId: RECORD, fields: { note: 'e'.repeat(note.length) } }, undefined);
    expect(ascii.ok ? 'ok' : ascii.code).not.toBe('too_large');
  });

  it('[I8] a second "create" of an existing record (e.g. two phones, one item) keeps the first author', () => {
    const verdict = validateMutation(member, { table: 'contacts', recordId: RECORD, fields: { ...CONTACT, createdBy: ID.member } }, existing(CONTACT, ID.member2));
    expect(verdict).toEqual({ ok: true, created: false, patch: CONTACT });
  });

  it('[I8] a leader may echo the original author when editing a teammate’s record', () => {
    const verdict = validateMutation(user('leader'), { table: 'assistanceLogs', recordId: RECORD, fields: { outcome: 'partial', createdBy: ID.member2 } }, existing(LOG, ID.member2));
    expect(verdict).toMatchObject({ ok: true, patch: { outcome: 'partial' } });
  });

  it('[I8] reference records are the admin’s province’s; a forged province is refused', () => {
    const admin = user('admin');
    expect(validateMutation(admin, { table: 'services', recordId: RECORD, fields: SERVICE }, undefined)).toMatchObject({
      ok: true,
      patch: { communeId: null, provinceId: 'quang-ngai', createdBy: ID.admin },
    });
    expect(validateMutation(admin, { table: 'services', recordId: RECORD, fields: { ...SERVICE, provinceId: 'kon-tum' } }, undefined)).toMatchObject({ code: 'wrong_commune' });
    expect(validateMutation(admin, { table: 'services', recordId: RECORD, fields: { ...SERVICE, communeId: 'xa-a' } }, undefined)).toMatchObject({ code: 'wrong_commune' });
  });

  it('[I8] scopes: a commune user reads their commune and province, an admin the province only', () => {
    expect(readScopes(member)).toEqual({ commune: 'xa-a', province: provinceScope('quang-ngai') });
    expect(readScopes(user('admin'))).toEqual({ commune: undefined, province: 'province:quang-ngai' });
    expect(writeScope(member, 'province')).toBe('province:quang-ngai');
    expect(writeScope(user('admin'), 'commune')).toBeUndefined();
  });
});

describe('registry: merged record and reading', () => {
  it('[V1] the merged record is checked with the full schema (required fields, cross-field rules)', () => {
    const base = { ...existing(LOG), createdAt: '2026-03-02T01:00:00.000Z', updatedAt: '2026-03-02T01:00:00.000Z' };
    expect(validateMergedRecord('assistanceLogs', base)).toBeUndefined();
    expect(validateMergedRecord('assistanceLogs', { ...base, outcome: undefined })).toEqual({ code: 'invalid', message: 'validation.required' });
  });

  it('[A3] the citizen sub-object and its clock are removed for roles without citizen.view', () => {
    const stored = existing({ ...LOG, citizen: { name: 'Y Blông', consent: true } });
    const forReviewer = redactForReader(user('reviewer'), 'assistanceLogs', stored);
    expect(forReviewer).not.toHaveProperty('citizen');
    expect(forReviewer.clocks).not.toHaveProperty('citizen');
    expect(redactForReader(user('member'), 'assistanceLogs', stored)).toBe(stored);
    expect(redactForReader(user('reviewer'), 'contacts', stored)).toBe(stored);
  });

  it('[A3] free-text notes of logs and classes, which often carry names, never reach a reviewer', () => {
    const log = existing({ ...LOG, note: 'Gọi lại cho chị Hoa' });
    expect(redactForReader(user('reviewer'), 'assistanceLogs', log)).not.toHaveProperty('note');
    expect(redactForReader(user('reviewer'), 'assistanceLogs', log).clocks).not.toHaveProperty('note');
    const session = existing({ topic: 'VNeID', note: 'Bác Y Blông hỏi' });
    expect(redactForReader(user('reviewer'), 'groupSessions', session)).not.toHaveProperty('note');
    expect(redactForReader(user('leader'), 'groupSessions', session)).toBe(session);
  });

  it('[I13] upcasting is the identity while the only data format is version 1', () => {
    const mutation = { table: 'contacts', recordId: RECORD, fields: { name: 'x' } };
    expect(upcastMutation(1, 1, mutation)).toBe(mutation);
  });
});
