// Readiness of a commune (docs/product.md job 5): each checklist's percent done, overdue and blocked
// items, newest changes first, and one figure for the commune. The rules are the checklists'
// own (src/shared/checklists): not-applicable items leave the count, an item is overdue when its
// deadline is before today in Vietnam and it is neither done nor not applicable.
import { buildItemViews, progressOf, type ChecklistProgress, type ItemState } from '../checklists/progress';
import { isItemStatus } from '../checklists/status';
import { findVersion } from '../checklists/versioning';
import type { TemplateItem } from '../schemas/checklist-template';
import { isIsoDateTime, isLocalDate, localDateOf, type LocalDate } from '../text/dates';

type Loose = Readonly<Record<string, unknown>>;

export interface ChecklistFact {
  id: string;
  title: string;
  templateId: string;
  templateVersion: number;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
}

export interface ItemStateFact extends ItemState {
  checklistId: string;
  updatedAt: string | null;
  deleted: boolean;
}

export interface TemplateFact {
  id: string;
  templateId: string;
  version: number;
  items: readonly TemplateItem[];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const instant = (value: unknown): string | null => (typeof value === 'string' && isIsoDateTime(value) ? value : null);
// undefined = never set (the template's date may apply); null = cleared.
const optionalText = (value: unknown): string | null | undefined => (value === undefined ? undefined : text(value));

export function checklistFactOf(record: Loose): ChecklistFact | null {
  const id = text(record.id);
  const templateId = text(record.templateId);
  const createdAt = instant(record.createdAt);
  if (id === null || templateId === null || typeof record.templateVersion !== 'number' || createdAt === null) return null;
  return {
    id,
    title: text(record.title) ?? '',
    templateId,
    templateVersion: record.templateVersion,
    archived: record.archived === true,
    createdAt,
    updatedAt: instant(record.updatedAt) ?? createdAt,
    deleted: record.deleted === true,
  };
}

export function itemStateFactOf(record: Loose): ItemStateFact | null {
  const checklistId = text(record.checklistId);
  const itemId = text(record.itemId);
  if (checklistId === null || itemId === null) return null;
  const dueDate = optionalText(record.dueDate);
  return {
    checklistId,
    itemId,
    status: isItemStatus(record.status) ? record.status : undefined,
    dueDate: dueDate === undefined || dueDate === null || isLocalDate(dueDate) ? dueDate : undefined,
    updatedAt: instant(record.updatedAt),
    deleted: record.deleted === true,
  };
}

export function templateFactOf(record: Loose): TemplateFact | null {
  const id = text(record.id);
  const templateId = text(record.templateId);
  if (id === null || templateId === null || typeof record.version !== 'number' || !Array.isArray(record.items) || record.deleted === true) return null;
  return { id, templateId, version: record.version, items: record.items as TemplateItem[] };
}

export interface ChecklistReadiness {
  id: string;
  title: string;
  archived: boolean;
  /** null while the template version the checklist was made from is not available. */
  progress: ChecklistProgress | null;
  /** The latest change to the checklist or any of its items. */
  lastChangedAt: string;
}

export interface ReadinessTotals {
  /** Checklists that count: not archived, template known. */
  checklists: number;
  applicable: number;
  done: number;
  /** done / applicable over every counted checklist, whole percent rounded down; null when nothing applies. */
  percent: number | null;
  overdue: number;
  blocked: number;
}

export interface ReadinessReport {
  /** Not archived, newest change first. */
  active: ChecklistReadiness[];
  archivedCount: number;
  totals: ReadinessTotals;
}

export interface ReadinessInput {
  checklists: Iterable<ChecklistFact>;
  states: Iterable<ItemStateFact>;
  templates: readonly TemplateFact[];
  today: LocalDate;
}

export function computeReadiness(input: ReadinessInput): ReadinessReport {
  const statesByChecklist = new Map<string, { map: Map<string, ItemState>; lastChangedAt: string | null }>();
  for (const state of input.states) {
    let entry = statesByChecklist.get(state.checklistId);
    if (!entry) {
      entry = { map: new Map(), lastChangedAt: null };
      statesByChecklist.set(state.checklistId, entry);
    }
    // A deleted state record means "back to not started", as on the checklist screen.
    if (!state.deleted) entry.map.set(state.itemId, state);
    if (state.updatedAt !== null && (entry.lastChangedAt === null || state.updatedAt > entry.lastChangedAt)) entry.lastChangedAt = state.updatedAt;
  }

  const active: ChecklistReadiness[] = [];
  let archivedCount = 0;
  const totals: ReadinessTotals = { checklists: 0, applicable: 0, done: 0, percent: null, overdue: 0, blocked: 0 };
  for (const checklist of input.checklists) {
    if (checklist.deleted) continue;
    if (checklist.archived) {
      archivedCount += 1;
      continue;
    }
    const states = statesByChecklist.get(checklist.id);
    const template = findVersion(input.templates, checklist.templateId, checklist.templateVersion);
    const progress = template ? progressOf(buildItemViews(template.items, states?.map ?? new Map(), localDateOf(checklist.createdAt), input.today)) : null;
    const itemsChanged = states?.lastChangedAt ?? null;
    active.push({
      id: checklist.id,
      title: checklist.title,
      archived: false,
      progress,
      lastChangedAt: itemsChanged !== null && itemsChanged > checklist.updatedAt ? itemsChanged : checklist.updatedAt,
    });
    if (progress) {
      totals.checklists += 1;
      totals.applicable += progress.applicable;
      totals.done += progress.done;
      totals.overdue += progress.overdue;
      totals.blocked += progress.blocked;
    }
  }
  totals.percent = totals.applicable === 0 ? null : Math.floor((totals.done * 100) / totals.applicable);
  active.sort((a, b) => (a.lastChangedAt < b.lastChangedAt ? 1 : a.lastChangedAt > b.lastChangedAt ? -1 : a.id < b.id ? -1 : 1));
  return { active, archivedCount, totals };
}
