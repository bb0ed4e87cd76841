import { describe, expect, it } from 'vitest';
import { checklistAccess } from './access';

describe('checklist permissions per role (docs/product.md roles)', () => {
  it.each([
    ['member', { updateItems: true, create: false, archive: false, comment: false, signOff: false, manageTemplates: false }],
    ['leader', { updateItems: true, create: true, archive: true, comment: true, signOff: false, manageTemplates: false }],
    ['reviewer', { updateItems: false, create: false, archive: false, comment: true, signOff: true, manageTemplates: false }],
    ['admin', { updateItems: false, create: false, archive: false, comment: false, signOff: false, manageTemplates: true }],
  ] as const)('%s', (role, expected) => {
    expect(checklistAccess(role)).toEqual(expected);
  });
});
