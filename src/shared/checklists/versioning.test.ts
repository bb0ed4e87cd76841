import { describe, expect, it } from 'vitest';
import { findVersion, latestVersions, nextVersion } from './versioning';
import { deriveTemplateVersion } from '../../../test/helpers/template-versions';
import { checklistTemplateFieldsSchema } from '../schemas/checklist-template';
import { seedChecklistTemplates, seedTemplateById } from '../seed';

const ref = (id: string, templateId: string, version: number) => ({ id, templateId, version });

describe('template versions', () => {
  const list = [ref('01', 'a', 1), ref('02', 'b', 1), ref('03', 'a', 2), ref('05', 'a', 3), ref('04', 'a', 3)];

  it('finds the latest version of each template; a duplicate version resolves to the smaller id everywhere', () => {
    expect(latestVersions(list).map((t) => t.id)).toEqual(['04', '02']);
    expect(latestVersions([...list].reverse()).map((t) => t.id)).toEqual(['04', '02']);
  });

  it('finds exactly the version a checklist was made from, never another', () => {
    expect(findVersion(list, 'a', 2)?.id).toBe('03');
    expect(findVersion(list, 'a', 3)?.id).toBe('04');
    expect(findVersion(list, 'a', 4)).toBeUndefined();
    expect(findVersion(list, 'c', 1)).toBeUndefined();
  });

  it('numbers the next version after the highest one', () => {
    expect(nextVersion(list, 'a')).toBe(4);
    expect(nextVersion(list, 'b')).toBe(2);
    expect(nextVersion(list, 'new')).toBe(1);
  });

  it('derives a valid new version with edited titles and due dates, leaving the base unchanged', () => {
    const base = seedTemplateById('qng-2025-commune-shared-systems-readiness')!;
    const { id: _id, provinces: _provinces, ...fields } = base;
    const before = JSON.stringify(fields);
    const first = fields.items[0]!;
    const monthItem = fields.items.find((i) => i.dueKind === 'month')!;
    const next = deriveTemplateVersion(fields, 2, {
      title: { vi: 'Sẵn sàng 2026', en: 'Readiness 2026' },
      items: [
        { itemId: first.id, title: { vi: 'Gửi danh sách cán bộ mới', en: 'Send the new staff list' }, due: '2026-03-01' },
        { itemId: monthItem.id, due: '2026-04-30' },
      ],
    });
    expect(JSON.stringify(fields)).toBe(before);
    expect(checklistTemplateFieldsSchema.safeParse(next).success).toBe(true);
    expect(next).toMatchObject({ templateId: fields.templateId, version: 2, title: { vi: 'Sẵn sàng 2026' } });
    expect(next.items).toHaveLength(fields.items.length);
    expect(next.items.map((i) => i.id)).toEqual(fields.items.map((i) => i.id));
    expect(next.items[0]).toMatchObject({ title: { vi: 'Gửi danh sách cán bộ mới' }, due: '2026-03-01', dueKind: 'before' });
    const moved = next.items.find((i) => i.id === monthItem.id)!;
    expect(moved).toMatchObject({ due: '2026-04-30', dueKind: 'by' });
    expect(moved.dueNote).toBeUndefined();
    expect(next.items[1]).toBe(fields.items[1]);
  });

  it('clears a deadline to "unspecified" and keeps non-deadline kinds', () => {
    const base = seedChecklistTemplates()[0]!;
    const { id: _id, provinces: _provinces, ...fields } = base;
    const dated = fields.items.find((i) => i.due && i.dueKind === 'on')!;
    const next = deriveTemplateVersion(fields, 2, { items: [{ itemId: dated.id, due: null }] });
    expect(next.items.find((i) => i.id === dated.id)).toMatchObject({ due: null, dueKind: 'unspecified' });
    expect(checklistTemplateFieldsSchema.safeParse(next).success).toBe(true);
  });

  it('refuses an edit of an item the template does not have', () => {
    const { id: _id, provinces: _provinces, ...fields } = seedChecklistTemplates()[0]!;
    expect(() => deriveTemplateVersion(fields, 2, { items: [{ itemId: 'no-such-item', due: null }] })).toThrow(RangeError);
  });
});
