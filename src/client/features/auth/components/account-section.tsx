// Settings → Account: who is signed in, the lock, and sign-out (sign-out-button.tsx says what a
// sign-out would delete before it does).
import { useState, type ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../hooks/use-session';
import { useCommuneName } from '../../../hooks/use-people';
import { lockVault } from '../../../data/vault/vault';
import { formatDateTime } from '../../../../shared/text/dates';
import { SignOutButton } from './sign-out-button';
import '../auth.css';

export function AccountSection(): ReactElement | null {
  const { t } = useTranslation('auth');
  const session = useSession();
  const communeName = useCommuneName();
  const [signedOut, setSignedOut] = useState(false);

  if (session === undefined) return null;

  if (!session) {
    return (
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">{t('account.title')}</h2>
        {signedOut && <p role="status">{t('account.signedOut')}</p>}
        <p>{t('account.notSignedIn')}</p>
        <Link className="button primary" to="/sign-in">{t('account.signIn')}</Link>
      </section>
    );
  }

  const { user } = session;
  return (
    <section className="card" aria-labelledby="account-title" data-testid="account-section">
      <h2 id="account-title">{t('account.title')}</h2>
      <ul className="account-facts">
        <li>{t('account.name', { name: user.displayName })}</li>
        <li>{t('account.username', { username: user.username })}</li>
        <li>{t('account.role', { role: t(`role.${user.role}`) })}</li>
        {user.communeId && <li>{communeName ? t('account.commune', { commune: communeName }) : t('account.communeNotSynced')}</li>}
        <li>{t('account.signedInAt', { when: formatDateTime(session.signedInAt) })}</li>
      </ul>
      <p>
        <Link to="/password">{t('account.changePassword')}</Link>
      </p>
      {(user.role === 'leader' || user.role === 'admin') && (
        <p>
          <Link to="/admin">{t('account.admin')}</Link>
        </p>
      )}
      <button type="button" className="button" onClick={lockVault}>{t('lock.lockNow')}</button>
      <p className="hint">{t('account.signOutHint')}</p>
      <SignOutButton userId={user.id} onSignedOut={() => setSignedOut(true)} />
    </section>
  );
}
