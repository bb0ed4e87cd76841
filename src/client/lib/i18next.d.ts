// Typed translation keys: t('nav.home') is checked against the Vietnamese source of truth.
// Each feature namespace adds one line here when it adds locales/vi/<ns>.json.
import type assistance from '../../../locales/vi/assistance.json';
import type auth from '../../../locales/vi/auth.json';
import type checklists from '../../../locales/vi/checklists.json';
import type consoleStrings from '../../../locales/vi/console.json';
import type common from '../../../locales/vi/common.json';
import type contacts from '../../../locales/vi/contacts.json';
import type guides from '../../../locales/vi/guides.json';
import type handover from '../../../locales/vi/handover.json';
import type periodReport from '../../../locales/vi/periodReport.json';
import type privacy from '../../../locales/vi/privacy.json';
import type reference from '../../../locales/vi/reference.json';
import type reports from '../../../locales/vi/reports.json';
import type summary from '../../../locales/vi/summary.json';
import type sync from '../../../locales/vi/sync.json';
import type wipe from '../../../locales/vi/wipe.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      assistance: typeof assistance;
      auth: typeof auth;
      checklists: typeof checklists;
      common: typeof common;
      console: typeof consoleStrings;
      contacts: typeof contacts;
      guides: typeof guides;
      handover: typeof handover;
      periodReport: typeof periodReport;
      privacy: typeof privacy;
      reference: typeof reference;
      reports: typeof reports;
      summary: typeof summary;
      sync: typeof sync;
      wipe: typeof wipe;
    };
  }
}
