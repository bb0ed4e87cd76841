// Template versions (docs/domain.md §8.6: templates are re-run). A template is a series of records sharing
// a templateId, one per version; publishing never edits a version in place, it adds version + 1.
// A checklist names the exact version it was made from (templateId + templateVersion), so a new
// version changes new checklists only: an item list that moved under a running checklist would
// orphan its item states.

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
