// The seeded guides (docs/field-aids.md §3): valid, one per service of the catalogue, each citing an
// https source, every failure's contact role one of the directory's, in NFC Vietnamese.
import { describe, expect, it } from 'vitest';
import contactRoles from './contact-roles.json';
import { seedServiceGuides, seedServices } from '.';

describe('the seeded service guides', () => {
  const guides = seedServiceGuides();
  it('cover at least 8 services of the catalogue, one guide each', () => {
    const codes = guides.map((guide) => guide.serviceCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThanOrEqual(8);
    const catalogue = new Set(seedServices().map((service) => service.code));
    for (const code of codes) expect(catalogue.has(code), code).toBe(true);
  });
  it('cite an official source, name real contact roles and are NFC text', () => {
    const roles = new Set(contactRoles.map((role) => role.id));
    for (const guide of guides) {
      expect(guide.sourceUrl).toMatch(/^https:\/\//);
      expect(guide.steps.length).toBeGreaterThanOrEqual(3);
      for (const failure of guide.failures) if (failure.contactRoleId) expect(roles.has(failure.contactRoleId), failure.contactRoleId).toBe(true);
      const text = JSON.stringify(guide);
      expect(text.normalize('NFC')).toBe(text);
    }
  });
});
