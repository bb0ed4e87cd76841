// Checklist templates: province reference data (docs/domain.md §8.6–8.7). The five seeded templates are put
// on the phone before the first sync (ensureTemplateSeed), so a leader can start a checklist the
// day the app is installed. Templates are versioned: publishing adds a record for version + 1 and
// never touches the older ones, which running checklists keep using (shared/checklists/versioning).
import { db } from './db';
import { ensureReferenceSeed } from './reference-seed';
import { writeRecord } from './local-write';
import { requireUser } from './session-repository';
import { can } from '../../shared/permissions';
import { checklistTemplateFieldsSchema, type ChecklistTemplateFields } from '../../shared/schemas/checklist-template';
import { seedChecklistTemplates } from '../../shared/seed';
import { DEFAULT_PROVINCE_ID, seedRecord } from '../../shared/seed/seed-record';
import type { SyncedRecord } from '../../shared/sync/merge';
import { uuidv7 } from '../../shared/sync/ids';
import { compareVi } from '../../shared/text/vietnamese';
import { deriveTemplateVersion, findVersion, latestVersions, nextVersion, type TemplateVersionEdits } from '../../shared/checklists/versioning';
import { ChecklistError, ChecklistValidationError, type FieldIssue } from '../../shared/checklists/errors';
import type { ValidationKey } from '../../shared/schemas/validation-keys';

/** One template version as the screens use it. */
export type ChecklistTemplate = ChecklistTemplateFields & { id: string; provinceId: string; createdAt: string };

const FIELD_KEYS = ['templateId', 'version', 'title', 'scope', 'categories', 'items', 'source', 'notes'] as const;

// Rows are validated before they are stored (the seed at build time, writes by the shared schema,
// pulls by the server), so reading only picks the fields: parsing 52 items on every screen open
// would cost more than the whole screen's budget on a cheap phone.
function toTemplate(row: SyncedRecord): ChecklistTemplate | null {
  if (row.deleted === true || typeof row.templateId !== 'string' || typeof row.version !== 'number' || !Array.isArray(row.items)) return null;
  const fields = Object.fromEntries(FIELD_KEYS.filter((key) => row[key] !== undefined).map((key) => [key, row[key]]));
  return {
    ...(fields as ChecklistTemplateFields),
    id: row.id,
    provinceId: typeof row.provinceId === 'string' ? row.provinceId : DEFAULT_PROVINCE_ID,
    createdAt: typeof row.createdAt === 'string' ? row.createdAt : '',
  };
}

/** The template fields only (what a new version copies). */
export function templateFields(template: ChecklistTemplate): ChecklistTemplateFields {
  const { id: _id, provinceId: _provinceId, createdAt: _createdAt, ...fields } = template;
  return fields;
}

/** Puts the seeded templates this phone lacks (no outbox entries: they are not local changes). */
export async function ensureTemplateSeed(): Promise<number> {
  return ensureReferenceSeed('checklistTemplates', seedChecklistTemplates().map((template) => seedRecord(template)));
}

/** Every version of every template on the phone. */
export async function listTemplateVersions(): Promise<ChecklistTemplate[]> {
  const rows = await db.records('checklistTemplates').toArray();
  return rows.map(toTemplate).filter((t): t is ChecklistTemplate => t !== null);
}

/** The newest version of each template (what a new checklist is made from): seeded ones in the seed's order, others by title. */
export async function listLatestTemplates(): Promise<ChecklistTemplate[]> {
  const order = new Map(seedChecklistTemplates().map((t, index) => [t.templateId, index]));
  const rank = (t: ChecklistTemplate) => order.get(t.templateId) ?? Number.MAX_SAFE_INTEGER;
  return latestVersions(await listTemplateVersions()).sort((a, b) => rank(a) - rank(b) || compareVi(a.title.vi, b.title.vi));
}

/** Exactly one version of a template, or undefined when this phone does not have it. */
export async function getTemplateVersion(templateId: string, version: number): Promise<ChecklistTemplate | undefined> {
  const rows = await db.records('checklistTemplates').where('[templateId+version]').equals([templateId, version]).toArray();
  return findVersion(rows.map(toTemplate).filter((t): t is ChecklistTemplate => t !== null), templateId, version);
}

/** JSON with sorted keys and no undefined values, to compare two templates by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function issuesOf(error: { issues: readonly { path: PropertyKey[]; message: string }[] }): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message as ValidationKey }));
}

/**
 * Publishes version N+1 of a template (province admins): a copy of the newest version with the
 * admin's edited titles and due dates. Writes a new checklistTemplates record; older versions and
 * the checklists made from them stay as they are.
 */
export async function publishTemplateVersion(templateId: string, edits: TemplateVersionEdits, now: number = Date.now()): Promise<ChecklistTemplate> {
  const user = await requireUser();
  if (!can(user.role, 'template.manage')) throw new ChecklistError('forbidden');
  const versions = await listTemplateVersions();
  const base = latestVersions(versions).find((t) => t.templateId === templateId);
  if (!base) throw new ChecklistError('templateMissing');
  const version = nextVersion(versions, templateId);
  let fields: ChecklistTemplateFields;
  try {
    fields = deriveTemplateVersion(templateFields(base), version, edits);
  } catch {
    throw new ChecklistError('unknownItem');
  }
  const parsed = checklistTemplateFieldsSchema.safeParse(fields);
  if (!parsed.success) throw new ChecklistValidationError(issuesOf(parsed.error));
  // A version identical to its base would only make every phone download the template again.
  if (canonical({ ...parsed.data, version: base.version }) === canonical(templateFields(base))) throw new ChecklistError('noChange');
  const record = await writeRecord(
    {
      table: 'checklistTemplates',
      recordId: uuidv7(),
      fields: {
        ...parsed.data,
        communeId: null,
        provinceId: user.provinceId ?? DEFAULT_PROVINCE_ID,
        createdBy: user.id,
        createdAt: new Date(now).toISOString(),
        deleted: false,
      },
    },
    now,
  );
  const template = toTemplate(record);
  if (!template) throw new Error('template not readable after write');
  return template;
}
