// A checklist bundle turned into what the screens show: item views and progress on a given day.
import { checklistCreatedOn, type ChecklistBundle } from '../../../data/checklist-repository';
import { buildItemViews, compareUrgency, isUrgent, progressOf, type ChecklistProgress, type ItemView } from '../../../../shared/checklists/progress';
import type { LocalDate } from '../../../../shared/text/dates';

export interface ChecklistSummary {
  bundle: ChecklistBundle;
  views: ItemView[];
  /** undefined while the template version is not on the phone. */
  progress: ChecklistProgress | undefined;
}

export function summarize(bundle: ChecklistBundle, today: LocalDate): ChecklistSummary {
  if (!bundle.template) return { bundle, views: [], progress: undefined };
  const views = buildItemViews(bundle.template.items, bundle.states, checklistCreatedOn(bundle.checklist), today);
  return { bundle, views, progress: progressOf(views) };
}

/** Checklists needing attention first: most overdue and blocked items, then least done. */
export function compareChecklists(a: ChecklistSummary, b: ChecklistSummary): number {
  const weight = (s: ChecklistSummary) => (s.progress ? s.progress.overdue + s.progress.blocked : -1);
  const byWeight = weight(b) - weight(a);
  if (byWeight !== 0) return byWeight;
  return (a.progress?.percent ?? 101) - (b.progress?.percent ?? 101);
}

export interface UrgentItem {
  checklistId: string;
  checklistTitle: string;
  view: ItemView;
}

/** The most urgent items across active checklists (overdue, blocked, due within a week). */
export function urgentItems(summaries: readonly ChecklistSummary[], limit: number): UrgentItem[] {
  return summaries
    .filter((s) => !s.bundle.checklist.archived)
    .flatMap((s) => s.views.filter(isUrgent).map((view) => ({ checklistId: s.bundle.checklist.id, checklistTitle: s.bundle.checklist.title, view })))
    .sort((a, b) => compareUrgency(a.view, b.view))
    .slice(0, limit);
}
