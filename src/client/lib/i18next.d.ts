// Typed translation keys: t('nav.home') is checked against the Vietnamese source of truth.
// Each feature namespace adds one line here when it adds locales/vi/<ns>.json.
import type common from '../../../locales/vi/common.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
    };
  }
}
