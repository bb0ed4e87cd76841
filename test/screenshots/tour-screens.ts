// Every screen of the app and the roles that reach it, for the screenshot tour (tour.ts). A screen
// is an address, or an address and a tap (a report made on the phone has no address known ahead).
import type { Page } from 'playwright-core';
import type { TourWorld } from './tour-world';
import { TOUR_TEMPLATE } from './tour-world';

export type TourRole = 'member' | 'leader' | 'reviewer' | 'admin';

export interface TourScreen {
  name: string;
  path: (world: TourWorld) => string;
  roles: readonly TourRole[];
  /** After the address has opened: taps that reach the screen (skipped when it returns false). */
  open?: (page: Page) => Promise<boolean>;
}

const COMMUNE: readonly TourRole[] = ['member', 'leader', 'reviewer'];
const FIELD: readonly TourRole[] = ['member', 'leader'];
const ALL: readonly TourRole[] = ['member', 'leader', 'reviewer', 'admin'];
const at = (path: string) => () => path;

export const TOUR_SCREENS: readonly TourScreen[] = [
  { name: 'home', path: at('/'), roles: ALL },
  { name: 'assistance-list', path: at('/assistance'), roles: COMMUNE },
  { name: 'assistance-new', path: at('/assistance/new'), roles: FIELD },
  { name: 'assistance-log', path: (w) => `/assistance/logs/${w.citizenLog}`, roles: COMMUNE },
  { name: 'assistance-log-edit', path: (w) => `/assistance/logs/${w.citizenLog}/edit`, roles: ['leader'] },
  { name: 'follow-ups', path: at('/assistance/follow-ups'), roles: COMMUNE },
  { name: 'group-sessions', path: at('/assistance/groups'), roles: COMMUNE },
  { name: 'group-session-new', path: at('/assistance/groups/new'), roles: FIELD },
  { name: 'group-session', path: (w) => `/assistance/groups/${w.groupSession}`, roles: COMMUNE },
  { name: 'group-session-edit', path: (w) => `/assistance/groups/${w.groupSession}/edit`, roles: ['leader'] },
  { name: 'villages', path: at('/assistance/villages'), roles: FIELD },
  { name: 'checklists', path: at('/checklists'), roles: ALL },
  { name: 'checklist', path: (w) => `/checklists/${w.checklist}`, roles: COMMUNE },
  { name: 'checklist-new', path: at('/checklists/new'), roles: ['leader'] },
  { name: 'templates', path: at('/checklists/templates'), roles: ['leader', 'admin'] },
  { name: 'template-publish', path: at(`/checklists/templates/${TOUR_TEMPLATE.templateId}`), roles: ['admin'] },
  { name: 'contacts', path: at('/contacts'), roles: COMMUNE },
  { name: 'contact', path: (w) => `/contacts/${w.contact}`, roles: COMMUNE },
  { name: 'contact-new', path: at('/contacts/new'), roles: FIELD },
  { name: 'contact-edit', path: (w) => `/contacts/${w.contact}/edit`, roles: FIELD },
  { name: 'reports', path: at('/reports'), roles: ['leader', 'reviewer', 'admin'] },
  { name: 'readiness', path: at('/reports/readiness'), roles: ['leader', 'reviewer'] },
  { name: 'reports-print', path: at('/reports/print'), roles: ['leader', 'reviewer'] },
  { name: 'period-reports', path: at('/period-report'), roles: ['leader', 'reviewer'] },
  {
    name: 'period-report',
    path: at('/period-report'),
    roles: ['leader'],
    // Opens (creates, the first time) the current period's draft, as the leader's tap does.
    open: async (page) => {
      const current = page.getByRole('button', { name: /^Kỳ hiện tại/ });
      if ((await current.count()) === 0) return false;
      await current.click();
      await page.waitForURL((url) => /^\/period-report\/[^/]+$/.test(url.pathname));
      return true;
    },
  },
  { name: 'summary', path: at('/summary'), roles: FIELD },
  { name: 'settings', path: at('/settings'), roles: ALL },
  { name: 'privacy-notice', path: at('/privacy'), roles: ALL },
  { name: 'privacy-erase', path: at('/privacy/erase'), roles: ['leader'] },
  { name: 'audit-log', path: at('/privacy/audit'), roles: ['leader', 'admin'] },
  { name: 'retention', path: at('/privacy/retention'), roles: ['leader', 'admin'] },
  { name: 'password', path: at('/password'), roles: ALL },
  { name: 'admin-area', path: at('/admin'), roles: ['leader', 'admin'] },
  { name: 'accounts', path: at('/admin/accounts'), roles: ['leader', 'admin'] },
];
