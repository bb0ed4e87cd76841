// Home, when nobody is signed in on this phone: one clear call to action instead of buttons that
// would fail ("sign in first").
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../hooks/use-session';

export function SignInCard(): ReactElement | null {
  const { t } = useTranslation('auth');
  const session = useSession();
  if (session !== null) return null;
  return (
    <section className="card" aria-labelledby="sign-in-card-title" data-testid="sign-in-card">
      <h2 id="sign-in-card-title">{t('cta.title')}</h2>
      <p>{t('cta.text')}</p>
      <Link className="button primary" to="/sign-in">{t('cta.action')}</Link>
    </section>
  );
}
