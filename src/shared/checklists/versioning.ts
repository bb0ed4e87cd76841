// Template versions (docs/domain.md §8.6: templates are re-run). A template is a series of records sharing
// a templateId, one per version; publishing never edits a version in place, it adds version + 1.
// A checklist names the exact version it was made from (templateId + templateVersion), so a new
// version changes new checklists only: an item list that moved under a running checklist would
// orphan its item states.
import type { LocalDate } from '../text/dates';
import type { ChecklistTemplateFields, TemplateItem } from '../schemas/checklist-template';
import type { LocalizedText } from '../schemas/common';

export interface TemplateVersionRef {
  id: string;
  templateId: string;
  version: number;
}

// Two admins offline could both publish "version 3" of one template. Every replica must then pick
// the same record for version 3: the smaller id (UUIDv7: the earlier one) wins.
function preferred<T extends TemplateVersionRef>(a: T, b: T): T {
  if (a.version !== b.version) return a.version > b.version ? a : b;
  return a.id <= b.id ? a : b;
}

/** The newest version of each template, in the order the templates first appear. */
export function latestVersions<T extends TemplateVersionRef>(templates: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const template of templates) {
    const seen = latest.get(template.templateId);
    latest.set(template.templateId, seen ? preferred(seen, template) : template);
  }
  return [...latest.values()];
}

/** Exactly the version a checklist was made from; never another one. */
export function findVersion<T extends TemplateVersionRef>(templates: readonly T[], templateId: string, version: number): T | undefined {
  let found: T | undefined;
  for (const template of templates) {
    if (template.templateId === templateId && template.version === version) found = found ? preferred(found, template) : template;
  }
  return found;
}

/** The number the next published version of a template gets. */
export function nextVersion(templates: readonly TemplateVersionRef[], templateId: string): number {
  return templates.reduce((max, t) => (t.templateId === templateId ? Math.max(max, t.version) : max), 0) + 1;
}

/** An admin's change to one item of the new version: a new title and/or a new due date (null clears it). */
export interface TemplateItemEdit {
  itemId: string;
  title?: LocalizedText;
  due?: LocalDate | null;
}

export interface TemplateVersionEdits {
  title?: LocalizedText;
  items?: readonly TemplateItemEdit[];
}

const DEADLINE_KINDS = new Set(['on', 'by', 'before', 'period']);

// A new date turns "month"/"event"/"ongoing" items into plain deadlines ("by"), and a cleared date
// turns a deadline into "unspecified", so dueKind never contradicts due.
function withDue(item: TemplateItem, due: LocalDate | null): TemplateItem {
  const { dueNote: _dueNote, start, ...rest } = item;
  if (due === null) {
    const keep = item.dueKind !== undefined && !DEADLINE_KINDS.has(item.dueKind);
    return { ...rest, due: null, dueKind: keep ? item.dueKind : 'unspecified', ...(keep && item.dueNote ? { dueNote: item.dueNote } : {}) };
  }
  if (item.dueKind === 'period' && start !== undefined && start <= due) return { ...rest, due, dueKind: 'period', start };
  const kind = item.dueKind !== undefined && DEADLINE_KINDS.has(item.dueKind) && item.dueKind !== 'period' ? item.dueKind : 'by';
  return { ...rest, due, dueKind: kind };
}

/**
 * The fields of a new version: a copy of `base` numbered `version`, with the edits applied.
 * Item ids and categories never change between versions (reports compare items across versions).
 * Throws on an edit for an item the template does not have.
 */
export function deriveTemplateVersion(base: ChecklistTemplateFields, version: number, edits: TemplateVersionEdits): ChecklistTemplateFields {
  const byId = new Map((edits.items ?? []).map((edit) => [edit.itemId, edit]));
  for (const itemId of byId.keys()) {
    if (!base.items.some((item) => item.id === itemId)) throw new RangeError(`Template ${base.templateId} has no item ${itemId}`);
  }
  const items = base.items.map((item) => {
    const edit = byId.get(item.id);
    if (!edit) return item;
    const titled = edit.title ? { ...item, title: edit.title } : item;
    return edit.due !== undefined && edit.due !== item.due ? withDue(titled, edit.due) : titled;
  });
  return { ...base, version, title: edits.title ?? base.title, items };
}
