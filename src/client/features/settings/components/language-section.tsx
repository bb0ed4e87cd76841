import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage } from '../../../lib/i18n';
import { chooseLanguage } from '../../../lib/language';
import { log } from '../../../lib/log';

export function LanguageSection(): ReactElement {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="card">
      <legend>{t('settings.language')}</legend>
      <p className="hint">{t('settings.languageHint')}</p>
      {LANGUAGES.map((language) => (
        <label key={language} className="choice" lang={language}>
          <input
            type="radio"
            name="language"
            value={language}
            checked={i18n.language === language}
            onChange={(event) => {
              const value = event.target.value;
              if (isLanguage(value)) chooseLanguage(value).catch((error: unknown) => log.error('language change failed', error));
            }}
          />
          {t(`languages.${language}`)}
        </label>
      ))}
    </fieldset>
  );
}
