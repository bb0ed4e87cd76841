// Entity rules of services, villages and sign-offs beyond what tables.test.ts checks for all tables.
import { describe, expect, it } from 'vitest';
import { serviceFieldsSchema } from './service';
import { signOffFieldsSchema } from './sign-off';
import { villageFieldsSchema } from './village';

const firstMessage = (result: { error?: { issues: { message: string }[] } }): string | undefined => result.error?.issues[0]?.message;

describe('services', () => {
  const service = { code: 'vneid-install-register', name: { vi: 'Cài đặt VNeID', en: 'Install VNeID' }, group: 'vneid', catalogVersion: 1, active: true };

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown group', { group: 'banking' }, 'validation.invalidOption'],
    ['a code with diacritics', { code: 'cài-vneid' }, 'validation.slug'],
    ['no Vietnamese name', { name: { vi: '', en: 'Install' } }, 'validation.required'],
    ['a name without English', { name: { vi: 'Cài' } }, 'validation.required'],
    ['no active flag', { active: undefined }, 'validation.required'],
  ])('refuses %s', (_label, change, key) => {
    expect(firstMessage(serviceFieldsSchema.safeParse({ ...service, ...change }))).toBe(key);
  });

  it('allows an empty English name (the UI falls back to Vietnamese)', () => {
    expect(serviceFieldsSchema.safeParse({ ...service, name: { vi: 'Cài', en: '' } }).success).toBe(true);
  });
});

describe('villages', () => {
  it.each(['thon', 'to_dan_pho', 'lang', 'buon', 'other'])('accepts kind %s', (kind) => {
    expect(villageFieldsSchema.safeParse({ name: 'Buôn Đăk Rơ', kind, active: true }).success).toBe(true);
  });

  it('keeps the name as typed, only composed and trimmed', () => {
    expect(villageFieldsSchema.parse({ name: ' Làng Kon Rờ Bàng '.normalize('NFD'), kind: 'lang', active: true }).name).toBe('Làng Kon Rờ Bàng');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown kind', { kind: 'xom' }, 'validation.invalidOption'],
    ['a name of 101 characters', { name: 'a'.repeat(101) }, 'validation.tooLong'],
  ])('refuses %s', (_label, change, key) => {
    expect(firstMessage(villageFieldsSchema.safeParse({ name: 'Thôn 1', kind: 'thon', active: true, ...change }))).toBe(key);
  });
});

describe('signOffs', () => {
  const signOff = { checklistId: '0197c1a2-7b3e-7c4d-8e5f-0a1b2c3d4e5f', signedBy: '0197c1a2-0000-7000-8000-000000000001', signedAt: '2025-07-10T09:00:00+07:00' };

  it('stores the sign-off time in UTC', () => {
    expect(signOffFieldsSchema.parse(signOff).signedAt).toBe('2025-07-10T02:00:00.000Z');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a signer that is not an id', { signedBy: 'chu tich' }, 'validation.uuid'],
    ['a sign-off without time', { signedAt: undefined }, 'validation.required'],
    ['a comment of 2001 characters', { comment: 'a'.repeat(2001) }, 'validation.tooLong'],
  ])('refuses %s', (_label, change, key) => {
    expect(firstMessage(signOffFieldsSchema.safeParse({ ...signOff, ...change }))).toBe(key);
  });
});
