// The admin area's entries (/admin): one line per console screen, shown to the roles that may use
// it. A new console screen adds its entry here (its words under console's `area.`).
import type { Role } from '../../shared/permissions';
import type consoleStrings from '../../../locales/vi/console.json';

export interface AdminLink {
  to: string;
  label: keyof (typeof consoleStrings)['area'];
  roles: readonly Role[];
}

export const ADMIN_LINKS: readonly AdminLink[] = [
  { to: '/admin/accounts', label: 'accounts', roles: ['leader', 'admin'] },
  { to: '/admin/communes', label: 'communes', roles: ['admin'] },
  { to: '/admin/device-policy', label: 'devicePolicy', roles: ['admin'] },
  { to: '/admin/services', label: 'services', roles: ['admin'] },
  { to: '/admin/templates', label: 'templates', roles: ['admin'] },
  { to: '/admin/guides', label: 'guides', roles: ['admin'] },
  { to: '/admin/report-settings', label: 'reportSettings', roles: ['admin'] },
  { to: '/admin/province-contacts', label: 'provinceContacts', roles: ['admin'] },
  { to: '/admin/devices', label: 'devices', roles: ['leader', 'admin'] },
];
