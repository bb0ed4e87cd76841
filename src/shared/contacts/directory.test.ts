import { describe, expect, it } from 'vitest';
import { buildDirectory, matchesContact, type Contact } from './directory';
import { seedContactRoles } from '../seed';
import { uuidv7 } from '../sync/ids';

const AUTHOR = '0197c1a2-0000-7000-8000-000000000001';

function contact(overrides: Partial<Contact>): Contact {
  return {
    id: uuidv7(), communeId: 'dak-mar', createdBy: AUTHOR, createdAt: '2025-07-01T00:00:00.000Z', updatedAt: '2025-07-01T00:00:00.000Z', deleted: false,
    name: 'A', organization: null, role: null, systems: [], phones: [], zalo: null, email: null, area: null, note: null,
    favorite: false, roleId: null, lastVerifiedAt: null, ...overrides,
  };
}

describe('contact search', () => {
  const labels = { qlvb: 'Quản lý văn bản', vneid: 'VNeID, định danh điện tử' };
  const roles = seedContactRoles();
  const c = contact({
    name: 'Nguyễn Văn Bình', organization: 'VNPT Quảng Ngãi', role: 'Kỹ thuật viên', systems: ['qlvb'], phones: ['0912345678'],
    area: 'Đăk Mar', note: 'Gọi giờ hành chính', roleId: 'commune-police',
  });

  it.each([
    ['nguyen', true], ['NGUYỄN văn', true], ['vnpt', true], ['quang ngai', true], ['ky thuat', true], ['van ban', true], ['qlvb', true],
    ['dak mar', true], ['gio hanh chinh', true], ['cong an', true], ['0912', true], ['912 345', true], ['0912.345.6', true], ['+84 912', true],
    ['tran', false], ['0913', false], ['vneid', false],
  ])('%j → %s', (query, expected) => {
    expect(matchesContact(c, query, { systemLabels: labels, roles })).toBe(expected);
  });
});

describe('the directory', () => {
  const roles = seedContactRoles();

  it('opens on people, not empty cards: with no contact there is no group, and all 25 role slots wait in one list, documents first, leaders last (issue 17 item 14)', () => {
    const directory = buildDirectory([], roles);
    expect(directory.groups).toEqual([]);
    expect(directory.slotCount).toBe(25);
    expect(directory.emptySlots).toHaveLength(25);
    expect(directory.emptySlots[0]!.role.id).toBe('vnpt-qlvb-technician');
    expect(directory.emptySlots.map((s) => s.role.id).slice(-7)).toEqual(expect.arrayContaining(['commune-chairman', 'youth-union']));
  });

  it('files a contact of no role and no system under "other", never under the leaders; a filled leader slot under the leaders (issue 17 item 14)', () => {
    const directory = buildDirectory([contact({ name: 'Ai đó' }), contact({ name: 'Chủ tịch Hà', roleId: 'commune-chairman' })], roles);
    expect(directory.groups.map((g) => g.key)).toEqual(['leaders', 'other']);
    expect(directory.groups[0]!.slots.map((s) => [s.role.id, s.contacts.map((c) => c.name)])).toEqual([['commune-chairman', ['Chủ tịch Hà']]]);
    expect(directory.groups[0]!.contacts).toEqual([]);
    expect(directory.groups[1]!.contacts.map((c) => c.name)).toEqual(['Ai đó']);
    expect(directory.emptySlots.map((s) => s.role.id)).not.toContain('commune-chairman');
    expect(directory.emptySlots).toHaveLength(24);
  });

  it('puts contacts in their slot or by system, favourites first, then Vietnamese order', () => {
    const list = [
      contact({ name: 'Đặng Văn Đức', roleId: 'vnpt-qlvb-technician' }),
      contact({ name: 'Dương Thị Hà', roleId: 'vnpt-qlvb-technician' }),
      contact({ name: 'Bùi Văn Ân', roleId: 'vnpt-qlvb-technician', favorite: true }),
      contact({ name: 'Ông Ba', systems: ['banking'] }),
      contact({ name: 'Ánh', systems: ['zz-new-system'] }),
      contact({ name: 'Xóa', deleted: true, roleId: 'vnpt-qlvb-technician' }),
      contact({ name: 'Ai đó' }),
    ];
    const directory = buildDirectory(list, roles);
    expect(directory.favorites.map((c) => c.name)).toEqual(['Bùi Văn Ân']);
    // "Dương" before "Đặng": d sorts before đ in Vietnamese.
    expect(directory.groups[0]!.slots[0]!.contacts.map((c) => c.name)).toEqual(['Bùi Văn Ân', 'Dương Thị Hà', 'Đặng Văn Đức']);
    expect(directory.groups.find((g) => g.key === 'banking')!.contacts.map((c) => c.name)).toEqual(['Ông Ba']);
    const keys = directory.groups.map((g) => g.key);
    expect(keys.indexOf('zz-new-system')).toBe(keys.length - 2);
    expect(directory.groups.at(-1)!.key).toBe('other');
    expect(directory.groups.at(-1)!.contacts.map((c) => c.name)).toEqual(['Ai đó']);
    // Only the filled slot is in a group; the 24 others wait folded.
    expect(directory.groups.flatMap((g) => g.slots).map((s) => s.role.id)).toEqual(['vnpt-qlvb-technician']);
    expect(directory.emptySlots).toHaveLength(24);
    expect(directory.matchCount).toBe(6);
  });

  it('filters by a query: matching contacts and the slots whose role matches', () => {
    const list = [contact({ name: 'Nguyễn Văn Bình', roleId: 'vnpt-qlvb-technician' }), contact({ name: 'Lê Lợi', systems: ['vneid'] })];
    const byName = buildDirectory(list, roles, { query: 'nguyen' });
    expect(byName.matchCount).toBe(1);
    expect(byName.groups.flatMap((g) => g.slots.map((s) => [s.role.id, s.contacts.length]))).toEqual([['vnpt-qlvb-technician', 1]]);
    const police = buildDirectory(list, roles, { query: 'cong an' });
    // Words begin words: "an" is not found inside "Văn" or "Ban".
    expect(police.groups).toEqual([]);
    expect(police.emptySlots.map((s) => s.role.id)).toEqual(['commune-police', 'provincial-police-cyber']);
    expect(buildDirectory(list, roles, { query: 'công an xã' }).emptySlots.map((s) => s.role.id)).toEqual(['commune-police']);
    // English slot names are searched when the UI is in English.
    const vi = buildDirectory(list, roles, { query: 'police' });
    expect(vi.matchCount + vi.groups.length + vi.emptySlots.length).toBe(0);
    expect(buildDirectory(list, roles, { query: 'police', language: 'en' }).emptySlots.map((s) => s.role.id)).toEqual(['commune-police', 'provincial-police-cyber']);
    expect(police.matchCount).toBe(0);
    const bySystem = buildDirectory(list, roles, { query: 'dinh danh', systemLabels: { vneid: 'VNeID, định danh điện tử' } });
    expect(bySystem.groups.find((g) => g.key === 'vneid')!.contacts.map((c) => c.name)).toEqual(['Lê Lợi']);
  });
});
