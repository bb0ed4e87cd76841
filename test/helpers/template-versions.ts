// A new version of a checklist template written on a phone, for tests only. The province admin
// publishes through the server (`/api/admin/checklist-templates`, src/server/reference/
// template-admin.ts; docs/reference-data.md), so no product code on a phone writes a version. Tests
// of what a phone does when a version 2 arrives (a running checklist stays on version 1, a new one
// takes version 2) and of the sync rules an older release's offline publication meets write one
// here: a copy of the newest version with edited titles and due dates, with its outbox entry.
import { writeRecord } from '../../src/client/data/local-write';
import { listTemplateVersions, type ChecklistTemplate } from '../../src/client/data/checklist-template-repository';
import { getSession } from '../../src/client/data/session-repository';
import { latestVersions, nextVersion } from '../../src/shared/checklists/versioning';
import { checklistTemplateFieldsSchema, type ChecklistTemplateFields, type TemplateItem } from '../../src/shared/schemas/checklist-template';
import type { LocalizedText } from '../../src/shared/schemas/common';
import { DEFAULT_PROVINCE_ID } from '../../src/shared/seed/seed-record';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { LocalDate } from '../../src/shared/text/dates';

/** A change to one item of the new version: a new title and/or a new due date (null clears it). */
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
 * The fields of a new version: a copy of `base` numbered `version`, with the edits applied. Item
 * ids and categories never change between versions. Throws on an edit for an item the template
 * does not have.
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

/** The template fields only (what a new version copies). */
function templateFields(template: ChecklistTemplate): ChecklistTemplateFields {
  const { templateId, version, title, scope, categories, items, source, notes } = template;
  return { templateId, version, title, scope, categories, items, ...(source === undefined ? {} : { source }), ...(notes === undefined ? {} : { notes }) };
}

/** Writes version N+1 of a template on this phone as the signed-in user, with its outbox entry. */
export async function publishTemplateVersion(templateId: string, edits: TemplateVersionEdits, now: number): Promise<ChecklistTemplate> {
  const user = (await getSession())!.user;
  const versions = await listTemplateVersions();
  const base = latestVersions(versions).find((t) => t.templateId === templateId)!;
  const fields = checklistTemplateFieldsSchema.parse(deriveTemplateVersion(templateFields(base), nextVersion(versions, templateId), edits));
  return writeRecord(
    {
      table: 'checklistTemplates',
      recordId: uuidv7(),
      fields: {
        ...fields,
        communeId: null,
        provinceId: user.provinceId ?? DEFAULT_PROVINCE_ID,
        createdBy: user.id,
        createdAt: new Date(now).toISOString(),
        deleted: false,
      },
    },
    now,
  );
}
