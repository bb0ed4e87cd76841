// Home, when nobody is signed in on this phone (Home asks the lock check: app/signed-in.ts): one
// clear call to action instead of buttons that would fail ("sign in first").
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function SignInCard(): ReactElement {
  const { t } = useTranslation('auth');
  return (
    <section className="card" aria-labelledby="sign-in-card-title" data-testid="sign-in-card">
      <h2 id="sign-in-card-title">{t('cta.title')}</h2>
      <p>{t('cta.text')}</p>
      <Link className="button primary" to="/sign-in">{t('cta.action')}</Link>
    </section>
  );
}
