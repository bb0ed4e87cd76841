// Progress of one checklist, computed the same way on the phone, in reports and on the server.
// Not-applicable items leave the count altogether: a checklist with 10 items of which 2 are N/A
// and 8 done is 100 % done.
import type { LocalDate } from '../text/dates';
import type { TemplateItem } from '../schemas/checklist-template';
import { CHECKLIST_ITEM_STATUSES, DEFAULT_ITEM_STATUS, type ChecklistItemStatus } from './status';
import { daysOverdue, effectiveDueDate, isDueSoon, isOverdue } from './due';

/** The state of one item as stored in checklistItems (absent fields: never set). */
export interface ItemState {
  itemId: string;
  status?: ChecklistItemStatus | undefined;
  note?: string | null | undefined;
  assignee?: string | null | undefined;
  dueDate?: LocalDate | null | undefined;
  blockedReason?: string | null | undefined;
}

/** One template item with its state in a checklist and what follows from it today. */
export interface ItemView {
  item: TemplateItem;
  status: ChecklistItemStatus;
  note: string | null;
  assignee: string | null;
  /** The deadline that counts (see due.ts), or null. */
  dueDate: LocalDate | null;
  /** The item's own due date was set in this checklist (not taken from the template). */
  dueDateSet: boolean;
  blockedReason: string | null;
  overdue: boolean;
  daysOverdue: number;
  dueSoon: boolean;
}

export interface ChecklistProgress {
  /** Every item of the template version. */
  total: number;
  counts: Record<ChecklistItemStatus, number>;
  /** Items that count: total minus not applicable. */
  applicable: number;
  done: number;
  /** done / applicable in whole percent, rounded down (99.6 % is not shown as finished); 0 when nothing applies. */
  percent: number;
  overdue: number;
  blocked: number;
  /** Every applicable item is done, and there is at least one: a reviewer may sign off. */
  complete: boolean;
}

export function emptyCounts(): Record<ChecklistItemStatus, number> {
  return Object.fromEntries(CHECKLIST_ITEM_STATUSES.map((status) => [status, 0])) as Record<ChecklistItemStatus, number>;
}

/** Progress from item views (or anything with a status and an overdue flag). */
export function progressOf(items: readonly { status: ChecklistItemStatus; overdue?: boolean }[]): ChecklistProgress {
  const counts = emptyCounts();
  let overdue = 0;
  for (const item of items) {
    counts[item.status] += 1;
    if (item.overdue === true) overdue += 1;
  }
  const total = items.length;
  const applicable = total - counts.na;
  const done = counts.done;
  return {
    total,
    counts,
    applicable,
    done,
    percent: applicable === 0 ? 0 : Math.floor((done * 100) / applicable),
    overdue,
    blocked: counts.blocked,
    complete: applicable > 0 && done === applicable,
  };
}

/**
 * Every item of a template version with its state (items without a state record are not
 * started), in template order. States for items the template does not have are ignored.
 */
export function buildItemViews(
  templateItems: readonly TemplateItem[],
  states: ReadonlyMap<string, ItemState>,
  checklistCreatedOn: LocalDate,
  today: LocalDate,
): ItemView[] {
  return templateItems.map((item) => {
    const state = states.get(item.id);
    const status = state?.status ?? DEFAULT_ITEM_STATUS;
    const dueDate = effectiveDueDate(item, state?.dueDate, checklistCreatedOn);
    return {
      item,
      status,
      note: state?.note ?? null,
      assignee: state?.assignee ?? null,
      dueDate,
      dueDateSet: state?.dueDate != null,
      blockedReason: state?.blockedReason ?? null,
      overdue: isOverdue(dueDate, status, today),
      daysOverdue: daysOverdue(dueDate, status, today),
      dueSoon: isDueSoon(dueDate, status, today),
    };
  });
}

/** Items grouped by category, in the template's category order; empty groups are left out. */
export function groupByCategory<T extends { item: Pick<TemplateItem, 'category'> }>(
  items: readonly T[],
  categories: readonly string[],
): { category: string; items: T[] }[] {
  const groups = new Map<string, T[]>(categories.map((category) => [category, []]));
  for (const view of items) {
    const list = groups.get(view.item.category);
    if (list) list.push(view);
    else groups.set(view.item.category, [view]);
  }
  return [...groups].filter(([, list]) => list.length > 0).map(([category, list]) => ({ category, items: list }));
}

/**
 * Most urgent first: overdue (longest overdue first), then blocked, then due soon (soonest
 * first), then the rest; ties keep their template order (the sort is stable).
 */
export function compareUrgency(a: ItemView, b: ItemView): number {
  const rank = (v: ItemView) => (v.overdue ? 0 : v.status === 'blocked' ? 1 : v.dueSoon ? 2 : 3);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  if (a.overdue) return b.daysOverdue - a.daysOverdue;
  if (a.dueSoon && a.dueDate !== null && b.dueDate !== null) return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0;
  return 0;
}

/** Needs attention on the overview: overdue, blocked or due within a week. */
export function isUrgent(view: ItemView): boolean {
  return view.overdue || view.status === 'blocked' || view.dueSoon;
}
