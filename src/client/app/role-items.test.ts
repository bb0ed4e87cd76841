// Each role's navigation holds only what the role can use (no tab that ends on a notice).
import { describe, expect, it } from 'vitest';
import { navItemsFor } from './role-items';

const keys = (role?: Parameters<typeof navItemsFor>[0]) => navItemsFor(role).map((item) => item.key);

describe('navigation per role', () => {
  it('gives each role its own areas', () => {
    expect(keys('member')).toEqual(['home', 'assistance', 'checklists', 'contacts', 'settings']);
    expect(keys('leader')).toEqual(['home', 'assistance', 'checklists', 'contacts', 'reports', 'settings']);
    expect(keys('reviewer')).toEqual(['home', 'assistance', 'checklists', 'contacts', 'reports', 'settings']);
    expect(keys('admin')).toEqual(['home', 'checklists', 'reports', 'settings']);
    expect(keys(undefined)).toHaveLength(6);
  });
});
