import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Screen } from '../../../components/ui/screen';
import { LanguageSection } from './language-section';
import { StorageSection } from './storage-section';

/**
 * `children`: sections composed in by src/client/app (account, sync), shown first; `fieldTools`:
 * links to other features' field tools (the hand-over), composed in the same way.
 */
export function SettingsScreen({ children, fieldTools }: { children?: ReactNode; fieldTools?: ReactNode }): ReactElement {
  const { t } = useTranslation();
  return (
    <Screen title={t('settings.title')}>
      {children}
      <LanguageSection />
      <StorageSection />
      <section className="card" aria-labelledby="field-tools-title">
        <h2 id="field-tools-title">{t('settings.fieldTools')}</h2>
        <p><Link to="/summary">{t('settings.summary')}</Link></p>
        {fieldTools}
      </section>
      <section className="card" aria-labelledby="about-title">
        <h2 id="about-title">{t('settings.about')}</h2>
        <p>{t('settings.version', { version: __APP_VERSION__ })}</p>
        <p><Link to="/privacy">{t('settings.privacyNotice')}</Link></p>
        <p><Link to="/privacy/requests">{t('settings.requests')}</Link></p>
        <p><Link to="/privacy/erase">{t('settings.erasure')}</Link></p>
        <p><Link to="/privacy/audit">{t('settings.auditLog')}</Link></p>
        <p><Link to="/privacy/retention">{t('settings.retention')}</Link></p>
      </section>
    </Screen>
  );
}
