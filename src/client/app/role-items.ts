// What each role's navigation and Home quick actions show: only what the role can use, so no tab
// or tile leads to a notice such as "this is for commune accounts" (README "Who sees what").
// From the first render: the lock check tells the bars the role (signed-in.ts).
import { can, type Role } from '../../shared/permissions';
import type { IconName } from '../components/ui/icons';
import { FIELD_ACTIONS, NAV_ITEMS, type NavItem, type QuickAction } from './nav-items';

// Field work (help logs, the commune's contacts) belongs to commune accounts; the province admin
// works with templates and the province's figures.
const COMMUNE_ONLY: readonly IconName[] = ['assistance', 'contacts'];

/** The items for a role; everything when nobody is signed in (each screen then offers sign-in). */
export function navItemsFor(role: Role | undefined): readonly NavItem[] {
  if (!role) return NAV_ITEMS;
  return NAV_ITEMS.filter((item) => {
    if (item.key === 'reports') return can(role, 'reports.view');
    if (COMMUNE_ONLY.includes(item.key)) return role !== 'admin';
    return true;
  });
}

/**
 * Home's quick actions for a role, always three (Home swaps them in place once the session is read,
 * so nothing below them moves): a commune leader reads and signs, the province admin publishes
 * templates and reads the communes' figures.
 */
export function quickActionsFor(role: Role | undefined): readonly QuickAction[] {
  if (role === 'reviewer') {
    return [
      { to: '/checklists', icon: 'checklists', label: 'signOffChecklists' },
      { to: '/reports', icon: 'reports', label: 'readReports' },
      { to: '/contacts', icon: 'contacts', label: 'callSupport' },
    ];
  }
  if (role === 'admin') {
    return [
      { to: '/admin/templates', icon: 'checklists', label: 'publishTemplates' },
      { to: '/reports', icon: 'reports', label: 'provinceFigures' },
      // The accounts console (docs/accounts.md); Settings stays in the bottom bar.
      { to: '/admin/accounts', icon: 'settings', label: 'manageAccounts' },
    ];
  }
  return FIELD_ACTIONS;
}
