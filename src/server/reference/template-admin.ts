// The province admin's checklist templates (docs/reference-data.md "Checklist templates"): a
// template is a series of records, one per version; publishing writes version N + 1 as a new
// record and never touches the older ones, which the communes' checklists keep reading
// (src/shared/checklists/versioning.ts). The new version's record id is derived from the province,
// the template and the version, so two admins publishing the same version at once write the same
// record: the second finds it inside its transaction and is refused, never a silent fork.
import { createHash } from 'node:crypto';
import type { NewTemplate, TemplateVersionInput } from '../../shared/reference/admin-api';
import { nextVersion } from '../../shared/checklists/versioning';
import { sameJson } from '../../shared/sync/canonical-json';
import type { SyncedRecord } from '../../shared/sync/merge';
import { provinceScope } from '../../shared/sync/scopes';
import type { RecordStore } from '../storage/record-types';
import { meta, ReferenceError, writeOne, type Editor } from './reference-admin';
import { serverCreate } from './server-write';

/** A name-based UUID (version 5 layout) for one version of one province's template. */
export function templateVersionId(provinceId: string, templateId: string, version: number): string {
  const hex = createHash('sha1').update(`so-tay-so/checklistTemplates/${provinceId}/${templateId}/${version}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

async function versionsOf(records: RecordStore, editor: Editor, templateId: string): Promise<SyncedRecord[]> {
  const rows = await records.listRecords({ scope: provinceScope(editor.provinceId), tables: ['checklistTemplates'] });
  return rows.map((row) => row.record).filter((record) => record.templateId === templateId && record.deleted !== true);
}

const CONTENT = ['title', 'scope', 'categories', 'items', 'source', 'notes'] as const;
const contentOf = (record: Record<string, unknown>) => Object.fromEntries(CONTENT.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]));

function writeVersion(records: RecordStore, editor: Editor, templateId: string, version: number, content: Record<string, unknown>, now: number) {
  const id = templateVersionId(editor.provinceId, templateId, version);
  return writeOne(
    records,
    editor,
    'checklistTemplates',
    () => undefined,
    (existing, at) => {
      if (existing) throw new ReferenceError('conflict', `Version ${version} of ${templateId} was just published by someone else.`);
      return serverCreate(id, { ...meta(editor, at), ...content, templateId, version }, at);
    },
    { id },
    now,
  );
}

/** A new template, version 1; its id must be new in the province. */
export async function createTemplate(records: RecordStore, editor: Editor, input: NewTemplate, now: number) {
  if ((await versionsOf(records, editor, input.templateId)).length > 0) throw new ReferenceError('conflict', `The template ${input.templateId} already exists.`);
  const { templateId, ...content } = input;
  return writeVersion(records, editor, templateId, 1, content, now);
}

/**
 * Publishes the next version of a template with the admin's whole new content. Refused when it
 * is not based on the newest version, when it changes nothing, or when a new item reuses the id
 * of an item an older version had (reports compare items across versions by id).
 */
export async function publishTemplate(records: RecordStore, editor: Editor, templateId: string, input: TemplateVersionInput, now: number) {
  const versions = await versionsOf(records, editor, templateId);
  if (versions.length === 0) throw new ReferenceError('not_found', `No template ${templateId} in the province.`);
  const version = nextVersion(versions.map((record) => ({ id: record.id, templateId, version: Number(record.version) })), templateId);
  const { basedOn, ...content } = input;
  if (basedOn !== version - 1) throw new ReferenceError('conflict', `Version ${version - 1} of ${templateId} was published since version ${basedOn}.`);
  const base = versions.find((record) => record.version === basedOn);
  if (base && sameJson(contentOf(content), contentOf(base))) throw new ReferenceError('invalid', 'validation.noChange');
  const baseIds = new Set(((base?.items ?? []) as { id: string }[]).map((item) => item.id));
  const everIds = new Set(versions.flatMap((record) => (record.items as { id: string }[]).map((item) => item.id)));
  const reused = content.items.find((item) => !baseIds.has(item.id) && everIds.has(item.id));
  if (reused) throw new ReferenceError('invalid', `validation.itemIdReused: ${reused.id}`);
  return writeVersion(records, editor, templateId, version, content, now);
}
