import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import { LanguageSection } from './language-section';
import { StorageSection } from './storage-section';

export function SettingsScreen(): ReactElement {
  const { t } = useTranslation();
  return (
    <Screen title={t('settings.title')}>
      <LanguageSection />
      <StorageSection />
      <section className="card" aria-labelledby="about-title">
        <h2 id="about-title">{t('settings.about')}</h2>
        <p>{t('settings.version', { version: __APP_VERSION__ })}</p>
      </section>
    </Screen>
  );
}
