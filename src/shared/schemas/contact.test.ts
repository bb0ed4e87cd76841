import { describe, expect, it } from 'vitest';
import { contactFieldsSchema, contactPatchSchema, contactRecordSchema } from './contact';

const contact = {
  name: 'Kỹ thuật VNPT địa bàn',
  organization: 'VNPT Quảng Ngãi',
  role: 'Kỹ thuật viên',
  systems: ['qlvb', 'signature'],
  phones: ['0912 345 678', '1800 1260'],
  zalo: 'https://zalo.me/0912345678',
  email: 'hotro@vnpt.vn',
  area: 'Đăk Mar, Đăk Kôi',
  note: 'Gọi giờ hành chính',
  favorite: true,
  roleId: 'vnpt-qlvb-technician',
  lastVerifiedAt: '2025-07-01',
};

const meta = {
  id: '0197c1a2-7b3e-7c4d-8e5f-0a1b2c3d4e5f',
  communeId: 'dak-mar',
  createdBy: '0197c1a2-0000-7000-8000-000000000001',
  createdAt: '2025-07-05T03:00:00.000Z',
  updatedAt: '2025-07-05T03:00:00.000Z',
  deleted: false,
};

const firstMessage = (value: unknown): string | undefined => contactFieldsSchema.safeParse(value).error?.issues[0]?.message;

describe('contacts', () => {
  it('accepts a full contact and normalises its phones', () => {
    const parsed = contactFieldsSchema.parse(contact);
    expect(parsed.phones).toEqual(['0912345678', '18001260']);
    expect(contactRecordSchema.parse({ ...meta, ...contact }).name).toBe(contact.name);
  });

  it('accepts a name alone', () => {
    expect(contactFieldsSchema.parse({ name: 'Công an xã' })).toEqual({ name: 'Công an xã' });
  });

  it.each([
    ['0912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['zalo.me/g/abcdef', 'zalo.me/g/abcdef'],
    ['https://chat.zalo.me/abc', 'https://chat.zalo.me/abc'],
  ])('accepts the Zalo %j as %j', (zalo, stored) => {
    expect(contactFieldsSchema.parse({ name: 'A', zalo }).zalo).toBe(stored);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an empty name', { name: ' ' }, 'validation.required'],
    ['a name of 201 characters', { name: 'a'.repeat(201) }, 'validation.tooLong'],
    ['a bad phone', { name: 'A', phones: ['12345'] }, 'validation.phone'],
    ['the same phone twice, written differently', { name: 'A', phones: ['0912345678', '+84 912 345 678'] }, 'validation.duplicate'],
    ['a javascript: Zalo link', { name: 'A', zalo: 'javascript:alert(1)' }, 'validation.zalo'],
    ['a Zalo link to another site', { name: 'A', zalo: 'https://zalo.me.evil.example/x' }, 'validation.zalo'],
    ['a bad email', { name: 'A', email: 'hotro at vnpt' }, 'validation.email'],
    ['a bad role slot', { name: 'A', roleId: 'VNPT tech' }, 'validation.slug'],
    ['a verification date that is not a day', { name: 'A', lastVerifiedAt: '2025-13-01' }, 'validation.localDate'],
    ['an extra field', { name: 'A', birthday: '1980-01-01' }, 'validation.unknownField'],
  ])('refuses %s', (_label, value, key) => {
    expect(firstMessage(value)).toBe(key);
  });

  it('a patch may change one field or delete', () => {
    expect(contactPatchSchema.parse({ favorite: false })).toEqual({ favorite: false });
    expect(contactPatchSchema.parse({ deleted: true, note: null })).toEqual({ deleted: true, note: null });
    expect(contactPatchSchema.safeParse({ createdBy: meta.createdBy }).success).toBe(false);
  });
});
