// Builds the reference data the app ships (src/shared/seed/*.json) from the domain research in
// ../shared/domain/*.json. Run after the research changes, and commit the output:
//   node --import tsx scripts/build-seed.ts           write the files
//   node --import tsx scripts/build-seed.ts --check   fail if the committed files are stale (CI)
// The app and the server read only the generated files, so nothing needs ../shared at run time.
//
// What it does beyond renaming fields: every string becomes NFC; commune ids are slugs of the
// names with diacritics folded; catalogue entries and templates get name-based UUIDv5 ids, so every
// server seeds the same ids and a phone can show the catalogue before its first sync without the
// first pull creating duplicates. Every output entry is validated with the shared schemas.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { checklistTemplateFieldsSchema, type ChecklistTemplateFields } from '../src/shared/schemas/checklist-template';
import { communeSchema, type Commune } from '../src/shared/schemas/commune';
import { idSchema } from '../src/shared/schemas/common';
import { contactRoleSchema, type ContactRole } from '../src/shared/schemas/contact-role';
import { serviceFieldsSchema, type ServiceFields } from '../src/shared/schemas/service';
import { provincesSchema } from '../src/shared/seed/provinces';
import { slugifyVi, toNfc } from '../src/shared/text/vietnamese';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// SEED_DOMAIN_DIR lets a checkout that is not beside the research folder (a git worktree) point at it.
const domainDir = process.env.SEED_DOMAIN_DIR ?? path.resolve(repoRoot, '../shared/domain');
const seedDir = path.resolve(repoRoot, 'src/shared/seed');

/** Notes cite the repository's own docs, not the research folder's brief (docs/domain.md keeps its numbering). */
function ownWords(text: string | undefined): string | undefined {
  return text?.replace(/BRIEF §/g, 'docs/domain.md §');
}

// Namespace of the name-based ids. Never change it: the ids are stored in every database.
const SEED_NAMESPACE = 'a32219c3-30e4-469a-b96f-1ef47ce4b74f';

/** RFC 9562 §5.5 UUIDv5 (SHA-1, name-based): the same name always gives the same id. */
function uuidV5(name: string, namespace = SEED_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Every string in a JSON value, NFC-normalised (docs/domain.md §8.9: text is stored NFC). */
function nfcDeep(value: unknown): unknown {
  if (typeof value === 'string') return toNfc(value);
  if (Array.isArray(value)) return value.map(nfcDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [toNfc(k), nfcDeep(v)]));
  }
  return value;
}

function readDomain<T>(file: string, schema: z.ZodType<T>): T {
  const raw: unknown = JSON.parse(readFileSync(path.join(domainDir, file), 'utf8'));
  const parsed = schema.safeParse(nfcDeep(raw));
  if (!parsed.success) throw new Error(`${file} does not have the expected shape:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

// The source shapes, strict: a new field in the research must be a decision here, not a silent drop.
const sourceService = z.strictObject({
  id: z.string(),
  name_vi: z.string(),
  name_en: z.string(),
  group: z.string(),
  notes_en: z.string().optional(),
  basis: z.string(),
  seed_refs: z.array(z.string()),
});
const sourceTarget = z.strictObject({ op: z.string(), value: z.number(), unit: z.string(), note: z.string().optional() });
const sourceItem = z.strictObject({
  id: z.string(),
  title_vi: z.string(),
  title_en: z.string(),
  lead_unit_vi: z.string(),
  due: z.string().nullable(),
  due_kind: z.string(),
  category: z.string(),
  phase: z.string().nullable().optional(),
  notes_en: z.string().optional(),
  due_note: z.string().optional(),
  start: z.string().optional(),
  target: sourceTarget.optional(),
  source_ref: z.string().optional(),
});
const sourceTemplate = z.strictObject({
  id: z.string(),
  title_vi: z.string(),
  title_en: z.string(),
  source: z.string(),
  scope: z.string(),
  notes_en: z.string().optional(),
  items: z.array(sourceItem),
  // The provinces the template belongs to ([] = every province). Kept beside the template in the
  // seed, not in the synced record: the province scope a record is stored in already says whose it
  // is, so this only decides which provinces get the template seeded (docs/domain.md "Reference data per province").
  provinces: z.array(z.string()),
});
const sourceRole = z.strictObject({
  id: z.string(),
  role_vi: z.string(),
  role_en: z.string(),
  organization_vi: z.string(),
  systems: z.array(z.string()),
  when_to_call_en: z.string(),
  level: z.string(),
  sources: z.array(z.string()),
  // The provinces whose communes are offered this role slot ([] = every province).
  provinces: z.array(z.string()),
});
const sourceCommune = z.strictObject({
  name_vi: z.string(),
  type: z.string(),
  province: z.string(),
  named_in_seeds: z.boolean(),
  ocr_raw: z.string().nullable(),
  sources: z.array(z.string()),
  before_2025_province: z.string(),
  uncertain: z.boolean().optional(),
  note_en: z.string().optional(),
});

/** Keeps only the keys whose value is not undefined, so the JSON has no "key": null noise. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${what} fails its schema:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

type WithId<T> = { id: string } & T;

function withId<T>(id: string, fields: unknown, schema: z.ZodType<T>, what: string): WithId<T> {
  return { id: validated(idSchema, id, `${what} id`), ...validated(schema, fields, what) };
}

function buildServices(): WithId<ServiceFields>[] {
  return readDomain('service-catalog.json', z.array(sourceService)).map((s) =>
    withId(
      uuidV5(`services/${s.id}`),
      compact({ code: s.id, name: { vi: s.name_vi, en: s.name_en }, group: s.group, catalogVersion: 1, active: true, notes: ownWords(s.notes_en) }),
      serviceFieldsSchema,
      `service ${s.id}`,
    ),
  );
}

function buildTemplates(): (WithId<ChecklistTemplateFields> & { provinces: string[] })[] {
  return readDomain('checklist-templates.json', z.array(sourceTemplate)).map((t) => {
    // Categories in order of first use, which is the order the research groups items in.
    const categories = [...new Set(t.items.map((i) => i.category))];
    const items = t.items.map((i) =>
      compact({
        id: i.id,
        title: { vi: i.title_vi, en: i.title_en },
        category: i.category,
        leadUnit: i.lead_unit_vi,
        due: i.due ?? undefined,
        dueKind: i.due_kind,
        dueNote: i.due_note,
        start: i.start,
        phase: i.phase ?? undefined,
        target: i.target ? compact({ ...i.target }) : undefined,
        notes: ownWords(i.notes_en),
        sourceRef: i.source_ref,
      }),
    );
    const version = 1;
    const template = withId(
      uuidV5(`checklistTemplates/${t.id}/v${version}`),
      compact({
        templateId: t.id,
        version,
        title: { vi: t.title_vi, en: t.title_en },
        scope: t.scope,
        categories,
        items,
        source: t.source,
        notes: ownWords(t.notes_en),
      }),
      checklistTemplateFieldsSchema,
      `template ${t.id}`,
    );
    return { ...template, provinces: validated(provincesSchema, t.provinces, `template ${t.id} provinces`) };
  });
}

const ROLE_LEVELS: Record<string, ContactRole['level']> = {
  commune: 'commune',
  province: 'province',
  'province (area-assigned)': 'province_area',
};

function buildRoles(): ContactRole[] {
  return readDomain('contacts-roles.json', z.array(sourceRole)).map((r) => {
    const level = ROLE_LEVELS[r.level];
    if (!level) throw new Error(`contact role ${r.id}: unknown level "${r.level}"`);
    return validated(
      contactRoleSchema,
      {
        id: r.id,
        role: { vi: r.role_vi, en: r.role_en },
        organization: r.organization_vi,
        systems: r.systems,
        whenToCall: r.when_to_call_en,
        level,
        provinces: r.provinces,
      },
      `contact role ${r.id}`,
    );
  });
}

const COMMUNE_KINDS: Record<string, Commune['kind']> = { xã: 'xa', phường: 'phuong', 'đặc khu': 'dac_khu' };

// Names whose folded slug collides with another commune's. Ids are permanent (every record
// carries one), so a collision is settled here by hand, once, and never by file order.
// "Sơn Hà" and "Sơn Hạ" differ only by a tone mark; Sơn Hà keeps the plain slug.
const COMMUNE_ID_OVERRIDES: Record<string, string> = { 'Sơn Hạ': 'son-ha-2' };

function buildCommunes(): Commune[] {
  const communes = readDomain('communes.json', z.array(sourceCommune)).map((c) => {
    const kind = COMMUNE_KINDS[c.type];
    if (!kind) throw new Error(`commune ${c.name_vi}: unknown type "${c.type}"`);
    return validated(
      communeSchema,
      compact({
        id: COMMUNE_ID_OVERRIDES[c.name_vi] ?? slugifyVi(c.name_vi),
        name: c.name_vi,
        kind,
        provinceId: slugifyVi(c.province),
        provinceName: c.province,
        uncertain: c.uncertain ?? false,
        namedInSeeds: c.named_in_seeds,
        formerProvince: c.before_2025_province,
        note: c.note_en,
      }),
      `commune ${c.name_vi}`,
    );
  });
  const seen = new Map<string, string>();
  for (const c of communes) {
    const other = seen.get(c.id);
    if (other !== undefined) throw new Error(`communes "${other}" and "${c.name}" both get id "${c.id}": add an override`);
    seen.set(c.id, c.name);
  }
  return communes;
}

function main(): void {
  const check = process.argv.includes('--check');
  const outputs: Record<string, unknown> = {
    'services.json': buildServices(),
    'checklist-templates.json': buildTemplates(),
    'contact-roles.json': buildRoles(),
    'communes.json': buildCommunes(),
  };
  mkdirSync(seedDir, { recursive: true });
  const stale: string[] = [];
  for (const [file, data] of Object.entries(outputs)) {
    const text = `${JSON.stringify(data, null, 2)}\n`;
    const target = path.join(seedDir, file);
    let current: string | null = null;
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      current = null; // not generated yet
    }
    if (current === text) continue;
    if (check) stale.push(file);
    else writeFileSync(target, text, 'utf8');
  }
  const counts = Object.entries(outputs).map(([file, data]) => `${file}: ${(data as unknown[]).length}`);
  if (stale.length > 0) {
    process.stderr.write(`Seed files out of date: ${stale.join(', ')}. Run: node --import tsx scripts/build-seed.ts\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${check ? 'Seed files are up to date' : 'Seed files written'} (${counts.join(', ')})\n`);
}

main();
