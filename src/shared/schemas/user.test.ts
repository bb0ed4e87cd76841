import { describe, expect, it } from 'vitest';
import { userSchema } from './user';

const member = {
  id: '0197c1a2-0000-7000-8000-000000000001',
  username: 'lan.nguyen',
  displayName: 'Nguyễn Thị Lan',
  role: 'member',
  communeId: 'ngok-bay',
};

describe('userSchema (login response user)', () => {
  it('accepts a commune user and a province admin', () => {
    expect(userSchema.parse(member)).toEqual(member);
    const admin = { ...member, role: 'admin', communeId: null, provinceId: 'quang-ngai' };
    expect(userSchema.parse(admin)).toEqual(admin);
  });

  it('drops fields a newer server adds instead of failing the sign-in', () => {
    expect(userSchema.parse({ ...member, avatarColor: 'teal' })).toEqual(member);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a commune user without commune', { communeId: null }, 'validation.roleScope'],
    ['an admin with a commune', { role: 'admin', provinceId: 'quang-ngai' }, 'validation.roleScope'],
    ['an admin without province', { role: 'admin', communeId: null }, 'validation.roleScope'],
    ['an unknown role', { role: 'superuser' }, 'validation.invalidOption'],
    ['a username with spaces', { username: 'lan nguyen' }, 'validation.username'],
    ['a blank display name', { displayName: ' ' }, 'validation.required'],
  ])('refuses %s', (_label, change, key) => {
    expect(userSchema.safeParse({ ...member, ...change }).error?.issues.map((i) => i.message)).toContain(key);
  });
});
