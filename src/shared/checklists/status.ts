// Item statuses as the checklist screen cycles them (docs/product.md job 3).
import { CHECKLIST_ITEM_STATUSES, type ChecklistItemStatus } from '../schemas/checklist-item';

export { CHECKLIST_ITEM_STATUSES, type ChecklistItemStatus };

/** An item nobody has touched has no state record yet and counts as not started. */
export const DEFAULT_ITEM_STATUS: ChecklistItemStatus = 'todo';

/** Finished one way or another: neither can be overdue. */
export const CLOSED_STATUSES: readonly ChecklistItemStatus[] = ['done', 'na'];

/**
 * What one tap on the status button sets: todo → doing → done, forward only. Blocked and
 * not-applicable are set in the details sheet (they need a reason or a decision); a tap on a blocked
 * item means the work resumes. A finished item (done, not applicable) is never reset by a stray tap:
 * null — the tap opens the details sheet, where going back is a deliberate choice.
 */
export function nextStatusOnTap(status: ChecklistItemStatus): ChecklistItemStatus | null {
  switch (status) {
    case 'todo':
      return 'doing';
    case 'doing':
      return 'done';
    case 'blocked':
      return 'doing';
    case 'done':
    case 'na':
      return null;
  }
}

export function isItemStatus(value: unknown): value is ChecklistItemStatus {
  return typeof value === 'string' && (CHECKLIST_ITEM_STATUSES as readonly string[]).includes(value);
}
