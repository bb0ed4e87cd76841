import { describe, expect, it } from 'vitest';
import vi from '../../../../../locales/vi/contacts.json';
import en from '../../../../../locales/en/contacts.json';
import { CONTACT_SYSTEMS } from '../../../../shared/contacts/directory';
import { seedContactRoles } from '../../../../shared/seed';
import { contactFieldErrors, toContactInput, emptyFormValues, isContactFormValues } from './form-values';
import { zaloLink } from './phone';
import { contactShareText } from './share-text';

describe('Zalo links', () => {
  it.each<[string | null, string[], string | null]>([
    ['0987654321', ['0912345678'], 'https://zalo.me/0987654321'],
    ['zalo.me/g/abcdef', [], 'https://zalo.me/g/abcdef'],
    ['https://chat.zalo.me/abc', [], 'https://chat.zalo.me/abc'],
    [null, ['02553822123', '0912345678'], 'https://zalo.me/0912345678'],
    [null, ['02553822123', '18001260'], null],
  ])('Zalo %j with phones %j opens %j', (zalo, phones, href) => {
    expect(zaloLink({ zalo, phones })?.href ?? null).toBe(href);
  });
});

describe('form values', () => {
  it('drops blank phone rows and maps errors back to the row typed in', () => {
    const values = { ...emptyFormValues(), name: 'A', phones: ['', '0912345678', ' ', '123'], email: '  ' };
    const { input, phoneRows } = toContactInput(values);
    expect(input).toEqual({ name: 'A', favorite: false, phones: ['0912345678', '123'] });
    expect(phoneRows).toEqual([1, 3]);
    const errors = contactFieldErrors([{ path: 'phones.1', key: 'validation.phone' }, { path: 'name', key: 'validation.required' }], phoneRows);
    expect(errors).toEqual({ 'phones.3': 'validation.phone', name: 'validation.required' });
  });

  it('restores only a draft of the form’s shape', () => {
    expect(isContactFormValues({ ...emptyFormValues(), name: 'Bình' })).toBe(true);
    expect(isContactFormValues({ ...emptyFormValues(), name: 'Bình', phones: [1, 2], favorite: 'yes' })).toBe(false);
    expect(isContactFormValues('nonsense')).toBe(false);
  });
});

describe('share text', () => {
  it('puts one fact per line, numbers as digits, for pasting into Zalo', () => {
    const text = contactShareText(
      {
        id: 'x', communeId: 'dak-mar', createdBy: 'u', createdAt: '2025-07-01T00:00:00.000Z', updatedAt: '2025-07-01T00:00:00.000Z', deleted: false,
        name: 'Nguyễn Văn Bình', organization: 'VNPT Quảng Ngãi', role: null, systems: ['qlvb'], phones: ['0912345678'],
        zalo: '0912345678', email: 'binh@vnpt.vn', area: 'Đăk Mar', note: 'riêng tư', favorite: false, roleId: null, lastVerifiedAt: '2025-07-01',
      },
      { role: 'Kỹ thuật viên', systems: ['Quản lý văn bản'], systemsLabel: 'Hệ thống', phone: 'ĐT', zalo: 'Zalo', email: 'Email', area: 'Địa bàn', verified: (d) => `Xác minh ${d}` },
    );
    expect(text).toBe(
      'Nguyễn Văn Bình\nKỹ thuật viên\nVNPT Quảng Ngãi\nHệ thống: Quản lý văn bản\nĐT: 0912345678\nZalo: https://zalo.me/0912345678\nEmail: binh@vnpt.vn\nĐịa bàn: Đăk Mar\nXác minh 01/07/2025',
    );
  });
});

describe('contacts namespace', () => {
  it('says when to call for every role slot, and names every system, in both languages', () => {
    const ids = seedContactRoles().map((role) => role.id).sort();
    expect(Object.keys(vi.roleHints).sort()).toEqual(ids);
    expect(Object.keys(en.roleHints).sort()).toEqual(ids);
    const used = new Set(seedContactRoles().flatMap((role) => role.systems));
    for (const id of used) expect(CONTACT_SYSTEMS).toContain(id);
    expect(Object.keys(vi.systems).sort()).toEqual([...CONTACT_SYSTEMS].sort());
  });
});
