// Why a checklist action was refused, as i18n keys of the `checklists` namespace ("errors.<code>"),
// so the phone shows a translated reason and the server can send the same code.
import type { ValidationKey } from '../schemas/validation-keys';

export const CHECKLIST_ERROR_CODES = [
  'forbidden', // the role may not do this (src/shared/permissions.ts)
  'notFound', // no such checklist (or not in the user's commune)
  'archived', // archived checklists are read-only until a leader restores them
  'notComplete', // only a completed checklist can be signed off
  'templateMissing', // the template version is not on this phone (yet)
  'unknownItem', // the item is not in the checklist's template version
  'blockedReasonRequired', // "blocked" needs a reason the others can act on
  'noChange', // a new template version must differ from the one it copies
] as const;
export type ChecklistErrorCode = (typeof CHECKLIST_ERROR_CODES)[number];

export class ChecklistError extends Error {
  override readonly name = 'ChecklistError';
  constructor(readonly code: ChecklistErrorCode) {
    super(`errors.${code}`);
  }
}

/** One invalid field: its path ("dueDate", "items.3.title.vi") and the common validation key. */
export interface FieldIssue {
  path: string;
  message: ValidationKey;
}

export class ChecklistValidationError extends Error {
  override readonly name = 'ChecklistValidationError';
  constructor(readonly issues: readonly FieldIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  }
}
