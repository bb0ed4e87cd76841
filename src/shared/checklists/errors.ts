// Why the checklist rules refused an action, as i18n keys of the `checklists` namespace
// ("errors.<code>"), so the phone shows a translated reason. A role that may not act, a checklist
// that is not there and bad input are the data layer's common errors (src/client/data/errors.ts).
export const CHECKLIST_ERROR_CODES = [
  'archived', // archived checklists are read-only until a leader restores them
  'notComplete', // only a completed checklist can be signed off
  'templateMissing', // the template version is not on this phone (yet)
  'unknownItem', // the item is not in the checklist's template version
  'blockedReasonRequired', // "blocked" needs a reason the others can act on
] as const;
export type ChecklistErrorCode = (typeof CHECKLIST_ERROR_CODES)[number];

export class ChecklistError extends Error {
  override readonly name = 'ChecklistError';
  constructor(readonly code: ChecklistErrorCode) {
    super(`errors.${code}`);
  }
}
