import { describe, expect, it } from 'vitest';
import { can, canEditRecord, type Action, type Role } from './permissions';

const cases: [Role, Action, boolean][] = [
  ['member', 'log.create', true],
  ['reviewer', 'log.create', false],
  ['admin', 'log.create', false],
  ['member', 'checklistItem.update', true],
  ['member', 'checklist.create', false],
  ['leader', 'checklist.create', true],
  ['reviewer', 'checklist.signOff', true],
  ['leader', 'checklist.signOff', false],
  ['admin', 'template.manage', true],
  ['leader', 'template.manage', false],
  ['reviewer', 'citizen.view', false],
  ['reviewer', 'reports.export', true],
  ['member', 'reports.view', false],
];

describe('permissions', () => {
  it.each(cases)('%s may %s: %s', (role, action, expected) => {
    expect(can(role, action)).toBe(expected);
  });

  it.each([
    [{ id: 'u1', role: 'member' as const }, { createdBy: 'u1' }, true],
    [{ id: 'u1', role: 'member' as const }, { createdBy: 'u2' }, false],
    [{ id: 'u3', role: 'leader' as const }, { createdBy: 'u2' }, true],
    [{ id: 'u4', role: 'reviewer' as const }, { createdBy: 'u4' }, false],
  ])('canEditRecord(%o, %o) = %s', (user, record, expected) => {
    expect(canEditRecord(user, record)).toBe(expected);
  });
});
