// /privacy: the notice a member reads out or shows to a citizen before recording their details,
// in the version that new consent evidence names. It prints on one A4 page (privacy.css) so the
// commune can hand it over or pin it up. The text is locales/*/privacy.json `notice`, fixed per
// version by src/shared/privacy/notice.ts.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIVACY_NOTICE_VERSION } from '../../../../shared/privacy/notice';
import { Screen } from '../../../components/ui/screen';
import '../privacy.css';

const SECTIONS = ['what', 'why', 'howLong', 'who'] as const;
const RIGHTS = ['know', 'correct', 'withdraw', 'restrict', 'complain'] as const;
const CLOSING = ['consent', 'contact'] as const;

export function PrivacyNoticeScreen(): ReactElement {
  const { t } = useTranslation('privacy');
  return (
    <Screen title={t('screen.title')}>
      <div className="card no-print">
        <p>{t('screen.forMembers')}</p>
        <p>{t('screen.changed')}</p>
        <button type="button" className="button" onClick={() => window.print()}>{t('screen.print')}</button>
      </div>
      <article className="card privacy-notice" aria-labelledby="notice-title">
        <h2 id="notice-title">{t('notice.title')}</h2>
        <p>{t('notice.intro')}</p>
        {SECTIONS.map((section) => (
          <section key={section} aria-labelledby={`notice-${section}`}>
            <h3 id={`notice-${section}`}>{t(`notice.${section}.heading`)}</h3>
            <p>{t(`notice.${section}.body`)}</p>
          </section>
        ))}
        <section aria-labelledby="notice-rights">
          <h3 id="notice-rights">{t('notice.rights.heading')}</h3>
          <ul>
            {RIGHTS.map((right) => <li key={right}>{t(`notice.rights.${right}`)}</li>)}
          </ul>
          <p>{t('notice.rights.deadline')}</p>
        </section>
        {CLOSING.map((section) => (
          <section key={section} aria-labelledby={`notice-${section}`}>
            <h3 id={`notice-${section}`}>{t(`notice.${section}.heading`)}</h3>
            <p>{t(`notice.${section}.body`)}</p>
          </section>
        ))}
        <p className="notice-law">{t('notice.law')}</p>
        <p className="notice-version">{t('screen.version', { version: PRIVACY_NOTICE_VERSION })}</p>
      </article>
    </Screen>
  );
}
