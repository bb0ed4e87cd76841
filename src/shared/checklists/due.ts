// When an item is due and whether it is overdue, in Vietnam's calendar (Asia/Ho_Chi_Minh).
//
// An item's deadline is, in order:
// 1. the due date set on the item in this checklist (null = someone cleared it: no deadline);
// 2. otherwise the template's date, when the template means a deadline (dueKind on / by / before /
//    period / unset) AND that date was not already past when the checklist was made. Templates are
//    re-run long after their source documents' dates (docs/domain.md §8.6: the June 2025 deadlines have
//    passed): a checklist made in 2026 from a 2025 plan would otherwise open with forty items
//    "400 days overdue", which hides the ones that matter. Such dates stay visible as the
//    template's reference date; a leader sets a real deadline on the item.
// An item is overdue when its deadline is before today and it is not done or not applicable.
import { addDays, daysBetween, type LocalDate } from '../text/dates';
import type { TemplateItem } from '../schemas/checklist-template';
import { CLOSED_STATUSES, type ChecklistItemStatus } from './status';

/** Template due kinds whose date is a deadline (the others: from, month, event, ongoing, unspecified). */
const DEADLINE_KINDS: ReadonlySet<string | undefined> = new Set(['on', 'by', 'before', 'period', undefined]);

/** The last day the template allows, or null when its date is not a deadline. */
export function templateDeadline(item: Pick<TemplateItem, 'due' | 'dueKind'>): LocalDate | null {
  if (item.due == null || !DEADLINE_KINDS.has(item.dueKind)) return null;
  // "trước ngày 21/6" (before the 21st) means the 20th is the last day.
  return item.dueKind === 'before' ? addDays(item.due, -1) : item.due;
}

/**
 * The deadline that counts for an item of a checklist made on `checklistCreatedOn` (a local date).
 * `stateDueDate`: undefined when the item's own due date was never set, null when it was cleared.
 */
export function effectiveDueDate(
  templateItem: Pick<TemplateItem, 'due' | 'dueKind'>,
  stateDueDate: LocalDate | null | undefined,
  checklistCreatedOn: LocalDate,
): LocalDate | null {
  if (stateDueDate !== undefined) return stateDueDate;
  const deadline = templateDeadline(templateItem);
  return deadline !== null && deadline >= checklistCreatedOn ? deadline : null;
}

/** Overdue: a deadline before today, and the item is neither done nor not applicable. */
export function isOverdue(dueDate: LocalDate | null, status: ChecklistItemStatus, today: LocalDate): boolean {
  return dueDate !== null && dueDate < today && !CLOSED_STATUSES.includes(status);
}

/** Whole days past the deadline (1 on the day after it); 0 when not overdue. */
export function daysOverdue(dueDate: LocalDate | null, status: ChecklistItemStatus, today: LocalDate): number {
  return dueDate !== null && isOverdue(dueDate, status, today) ? daysBetween(dueDate, today) : 0;
}

/** Due today or within `withinDays` days and still open: "due soon". */
export function isDueSoon(dueDate: LocalDate | null, status: ChecklistItemStatus, today: LocalDate, withinDays = 7): boolean {
  if (dueDate === null || CLOSED_STATUSES.includes(status)) return false;
  const left = daysBetween(today, dueDate);
  return left >= 0 && left <= withinDays;
}
