// The bottom bar's items and Home's quick actions as index.html paints them (role-items.ts picks
// each role's).
import type { IconName } from '../components/ui/icons';
import type common from '../../../locales/vi/common.json';

export interface NavItem {
  to: string;
  key: IconName;
  end: boolean;
}

export const NAV_ITEMS = [
  { to: '/', key: 'home', end: true },
  { to: '/assistance', key: 'assistance', end: false },
  { to: '/checklists', key: 'checklists', end: false },
  { to: '/contacts', key: 'contacts', end: false },
  { to: '/reports', key: 'reports', end: false },
  { to: '/settings', key: 'settings', end: false },
] as const satisfies readonly NavItem[];

export interface QuickAction {
  to: string;
  icon: IconName;
  /** Its words: a key under common's `home.`. */
  label: keyof (typeof common)['home'];
}

/** What index.html paints and a member or leader uses: log help, the checklists, call for support. */
export const FIELD_ACTIONS: readonly QuickAction[] = [
  { to: '/assistance/new', icon: 'assistance', label: 'logAssistance' },
  { to: '/checklists', icon: 'checklists', label: 'openChecklists' },
  { to: '/contacts', icon: 'contacts', label: 'callSupport' },
];
