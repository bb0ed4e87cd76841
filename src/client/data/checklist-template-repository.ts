// Checklist templates: province reference data (docs/domain.md §8.6–8.7). The seeded templates of the user's province are put
// on the phone before the first sync (ensureTemplateSeed), so a leader can start a checklist the
// day the app is installed. Templates are versioned: the province admin publishes version + 1 through
// the server (docs/reference-data.md), which never touches the older ones, and running checklists keep
// using theirs (shared/checklists/versioning). The phone only reads them.
import { db } from './db';
import { ensureReferenceSeed } from './reference-seed';
import type { ChecklistTemplateRecord } from '../../shared/schemas/checklist-template';
import { getSession } from './session-repository';
import { seedChecklistTemplates, seedTemplateRecords } from '../../shared/seed';
import { forProvince } from '../../shared/seed/provinces';
import { DEFAULT_PROVINCE_ID } from '../../shared/seed/seed-record';
import { compareVi } from '../../shared/text/vietnamese';
import { findVersion, latestVersions } from '../../shared/checklists/versioning';

/**
 * One template version as the screens use it: the stored record. Rows are validated before they
 * are stored (the seed at build time, writes by the shared schema, pulls by the server), so reading
 * never parses them again: parsing 52 items on every screen open would cost more than the whole
 * screen's budget on a cheap phone.
 */
export type ChecklistTemplate = ChecklistTemplateRecord;

const live = (row: ChecklistTemplate): boolean => !row.deleted;

/** The signed-in user's province (undefined before sign-in: the default province's seed applies). */
async function userProvince(): Promise<string | undefined> {
  return (await getSession())?.user.provinceId ?? undefined;
}

/**
 * Puts the seeded templates of the user's province this phone lacks (no outbox entries: they are
 * not local changes). Another province's templates are never seeded here.
 */
export async function ensureTemplateSeed(): Promise<number> {
  return ensureReferenceSeed('checklistTemplates', seedTemplateRecords((await userProvince()) ?? DEFAULT_PROVINCE_ID));
}

/**
 * Whether a template is offered to the user's province. Phones seeded by an older release (and
 * servers that seeded every template into every province) hold another province's seeded
 * templates: they are hidden from the offer, while checklists already made from one keep reading
 * it (getTemplateVersion does not filter).
 */
async function offeredInProvince(): Promise<(template: ChecklistTemplate) => boolean> {
  const provinceId = await userProvince();
  const foreign = new Set(seedChecklistTemplates().filter((t) => !forProvince(t.provinces, provinceId)).map((t) => t.templateId));
  return (template) => !foreign.has(template.templateId);
}

/** Every version of every template on the phone. */
export async function listTemplateVersions(): Promise<ChecklistTemplate[]> {
  const rows = await db.records('checklistTemplates').toArray();
  return rows.filter(live);
}

/** The newest version of each template (what a new checklist is made from): seeded ones in the seed's order, others by title. */
export async function listLatestTemplates(): Promise<ChecklistTemplate[]> {
  const order = new Map(seedChecklistTemplates().map((t, index) => [t.templateId, index]));
  const rank = (t: ChecklistTemplate) => order.get(t.templateId) ?? Number.MAX_SAFE_INTEGER;
  const offered = await offeredInProvince();
  return latestVersions((await listTemplateVersions()).filter(offered)).sort((a, b) => rank(a) - rank(b) || compareVi(a.title.vi, b.title.vi));
}

/** Exactly one version of a template, or undefined when this phone does not have it. */
export async function getTemplateVersion(templateId: string, version: number): Promise<ChecklistTemplate | undefined> {
  const rows = await db.records('checklistTemplates').where('[templateId+version]').equals([templateId, version]).toArray();
  return findVersion(rows.filter(live), templateId, version);
}
