import { describe, expect, it } from 'vitest';
import { checklistTemplateFieldsSchema } from '../schemas/checklist-template';
import { communeSchema } from '../schemas/commune';
import { contactRoleSchema } from '../schemas/contact-role';
import { serviceFieldsSchema } from '../schemas/service';
import { toNfc } from '../text/vietnamese';
import checklistTemplatesJson from './checklist-templates.json';
import communesJson from './communes.json';
import contactRolesJson from './contact-roles.json';
import servicesJson from './services.json';
import {
  seedChecklistTemplates,
  seedCommuneById,
  seedCommunes,
  seedContactRoleById,
  seedContactRoles,
  seedContactRolesFor,
  seedChecklistTemplatesFor,
  seedServiceByCode,
  seedServices,
  seedTemplateById,
} from './index';
import { provincesSchema } from './provinces';

const withoutId = ({ id: _id, ...rest }: { id: string }) => rest;

describe('seed files parse with their schemas, entry by entry', () => {
  it.each(servicesJson.map((s) => [s.code, s] as const))('service %s', (_code, entry) => {
    expect(serviceFieldsSchema.safeParse(withoutId(entry)).error?.issues).toBeUndefined();
  });

  it.each(checklistTemplatesJson.map((t) => [t.templateId, t] as const))('template %s', (_id, entry) => {
    const { provinces, ...fields } = withoutId(entry) as { provinces?: unknown };
    expect(checklistTemplateFieldsSchema.safeParse(fields).error?.issues).toBeUndefined();
    expect(provincesSchema.safeParse(provinces).error?.issues).toBeUndefined();
  });

  it.each(contactRolesJson.map((r) => [r.id, r] as const))('contact role %s', (_id, entry) => {
    expect(contactRoleSchema.safeParse(entry).error?.issues).toBeUndefined();
  });

  it.each(communesJson.map((c) => [c.id, c] as const))('commune %s', (_id, entry) => {
    expect(communeSchema.safeParse(entry).error?.issues).toBeUndefined();
  });
});

describe('seed contents', () => {
  it('has 30 services with unique codes and ids', () => {
    const services = seedServices();
    expect(services).toHaveLength(30);
    expect(new Set(services.map((s) => s.code)).size).toBe(30);
    expect(new Set(services.map((s) => s.id)).size).toBe(30);
    expect(services.every((s) => s.active && s.catalogVersion === 1)).toBe(true);
  });

  it('has 5 templates, version 1 each, with 121 items in all', () => {
    const templates = seedChecklistTemplates();
    expect(templates).toHaveLength(5);
    expect(templates.every((t) => t.version === 1)).toBe(true);
    expect(templates.reduce((n, t) => n + t.items.length, 0)).toBe(121);
    const itemIds = templates.flatMap((t) => t.items.map((i) => i.id));
    expect(new Set(itemIds).size).toBe(121);
    expect(templates.map((t) => t.scope).sort()).toEqual(['commune', 'commune', 'commune', 'team', 'village']);
  });

  it('has 25 contact roles with unique ids', () => {
    const roles = seedContactRoles();
    expect(roles).toHaveLength(25);
    expect(new Set(roles.map((r) => r.id)).size).toBe(25);
  });

  it('has 47 communes with unique slug ids, keeping the uncertain flags', () => {
    const communes = seedCommunes();
    expect(communes).toHaveLength(47);
    expect(new Set(communes.map((c) => c.id)).size).toBe(47);
    expect(communes.filter((c) => c.uncertain).map((c) => c.id)).toEqual(['ba-to', 'dak-plo', 'ia-dal', 'son-ha', 'dinh-cuong', 'son-ha-2', 'dak-to-kan']);
  });

  it('keeps ethnic-minority spellings and gives folded ids', () => {
    expect(seedCommuneById('ngok-bay')?.name).toBe('Ngọk Bay');
    expect(seedCommuneById('dak-ro-wa')?.name).toBe('Đăk Rơ Wa');
    expect(seedCommuneById('ro-koi')?.name).toBe('Rờ Kơi');
    expect(seedCommuneById('dak-to-kan')?.name).toBe('Đăk Tờ Kan');
    // "Sơn Hà" and "Sơn Hạ" fold to the same slug; the build settles it with a fixed override.
    expect(seedCommuneById('son-ha')?.name).toBe('Sơn Hà');
    expect(seedCommuneById('son-ha-2')?.name).toBe('Sơn Hạ');
    expect(seedCommuneById('ly-son')?.kind).toBe('dac_khu');
  });

  it('stores every string as NFC', () => {
    const all = JSON.stringify([servicesJson, checklistTemplatesJson, contactRolesJson, communesJson]);
    expect(all).toBe(toNfc(all));
  });

  it('finds entries by their codes', () => {
    expect(seedServiceByCode('vneid-install-register')?.group).toBe('vneid');
    expect(seedServiceByCode('nope')).toBeUndefined();
    expect(seedTemplateById('village-digital-readiness')?.scope).toBe('village');
    expect(seedContactRoleById('vnpt-qlvb-technician')?.level).toBe('province_area');
    expect(seedCommuneById('nope')).toBeUndefined();
  });

  it('caches and freezes the parsed lists', () => {
    expect(seedServices()).toBe(seedServices());
    expect(Object.isFrozen(seedCommunes())).toBe(true);
  });

  it('gives seeded reference records fixed name-based ids (UUIDv5)', () => {
    // Pinned: these ids are in every database; a change here means the seed namespace moved.
    expect(seedServiceByCode('vneid-install-register')?.id).toBe('1211ab82-cb86-5d24-9cd4-899043cac872');
    for (const s of seedServices()) expect(s.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seedTemplateById('qng-2025-commune-shared-systems-readiness')?.id).toBe('b49538a8-5729-5980-aefa-b01fe96b283c');
  });
});

describe('reference data per province', () => {
  const PROVINCE_NAMES = ['Quảng Ngãi', 'Nghệ An', 'Kon Tum'];
  const mentions = (value: unknown): string[] => PROVINCE_NAMES.filter((name) => JSON.stringify(value).includes(name));

  it('tags every template and role slot; a national one names no province in what a commune reads', () => {
    for (const template of seedChecklistTemplates()) {
      if (template.provinces.length > 0) continue;
      expect([template.templateId, mentions({ title: template.title.vi, items: template.items.map((i) => [i.title.vi, i.leadUnit]) })]).toEqual([template.templateId, []]);
    }
    for (const role of seedContactRoles()) {
      if (role.provinces.length > 0) continue;
      expect([role.id, mentions([role.role.vi, role.organization])]).toEqual([role.id, []]);
    }
  });

  it("gives each province its own entries and the national ones, never another province's", () => {
    const ids = (province: string) => seedChecklistTemplatesFor(province).map((t) => t.templateId);
    expect(ids('nghe-an')).toContain('nga-2025-commune-go-live');
    expect(ids('quang-ngai')).not.toContain('nga-2025-commune-go-live');
    expect(ids('kon-tum')).toEqual(['community-digital-team-operations', 'village-digital-readiness']);
    expect(seedContactRolesFor('nghe-an').map((r) => r.id)).not.toContain('vnpt-qlvb-technician');
    expect(seedContactRolesFor('nghe-an').map((r) => r.id)).toContain('vnpt-platform-support');
    expect(seedContactRolesFor('quang-ngai')).toHaveLength(25);
    // A session saved before provinces existed is in the default province.
    expect(seedContactRolesFor(undefined)).toEqual(seedContactRolesFor('quang-ngai'));
  });
});
