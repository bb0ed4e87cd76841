// Settings → Account: who is signed in, and sign-out. Sign-out clears this user's data from the
// phone (shared phones, docs/privacy.md checklist item 26–27), so it refuses to drop unsent changes silently:
// with changes waiting it first offers "Đồng bộ ngay"; giving them up takes a second, explicit
// confirmation that names how many changes will be lost, and the data layer re-checks that number
// in the same transaction as the wipe.
import { useState, type ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { useSession } from '../../../hooks/use-session';
import { useCommuneName } from '../../../hooks/use-people';
import { countOutbox } from '../../../data/sync-status-repository';
import { signOut } from '../../../sync/auth';
import { syncNow } from '../../../sync/runtime';
import { lockVault } from '../../../data/vault/vault';
import { formatDateTime } from '../../../../shared/text/dates';
import { log } from '../../../lib/log';
import '../auth.css';

type Step = { kind: 'idle' } | { kind: 'warn' } | { kind: 'confirm'; count: number } | { kind: 'busy' } | { kind: 'done' } | { kind: 'failed' } | { kind: 'changed' };

export function AccountSection(): ReactElement | null {
  const { t } = useTranslation('auth');
  const session = useSession();
  const pending = useLiveQuery(countOutbox, []);
  const communeName = useCommuneName();
  const [chosen, setStep] = useState<Step>({ kind: 'idle' });
  const [syncing, setSyncing] = useState(false);

  if (session === undefined || pending === undefined) return null;
  // The count the user agreed to lose no longer matches: ask again rather than lose a newer change.
  const step: Step = chosen.kind === 'confirm' && pending !== chosen.count ? { kind: 'changed' } : chosen;

  const run = (discardPending?: number) => {
    setStep({ kind: 'busy' });
    signOut(discardPending === undefined ? {} : { discardPending }).then(
      (result) => setStep(result.ok ? { kind: 'done' } : { kind: 'changed' }),
      (error: unknown) => {
        log.error('sign-out failed', error instanceof Error ? error.message : error);
        setStep({ kind: 'failed' });
      },
    );
  };
  const onSyncNow = () => {
    setSyncing(true);
    syncNow()
      .catch((error: unknown) => log.warn('sync now failed', error))
      .finally(() => setSyncing(false));
  };

  if (!session) {
    return (
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">{t('account.title')}</h2>
        {step.kind === 'done' && <p role="status">{t('account.signedOut')}</p>}
        <p>{t('account.notSignedIn')}</p>
        <Link className="button primary" to="/sign-in">{t('account.signIn')}</Link>
      </section>
    );
  }

  const { user } = session;
  const warn = pending > 0 && (step.kind === 'warn' || step.kind === 'changed');
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
      {step.kind !== 'confirm' && (
        <button
          type="button"
          className="button"
          disabled={step.kind === 'busy'}
          onClick={() => (pending === 0 ? run() : setStep({ kind: 'warn' }))}
        >
          {step.kind === 'busy' ? t('account.signingOut') : t('account.signOut')}
        </button>
      )}
      {step.kind === 'failed' && <p className="account-error" role="alert">{t('account.failed')}</p>}
      {warn && (
        <div className="sign-out-warning" role="alert">
          <h3>{t('account.pendingTitle')}</h3>
          {step.kind === 'changed' && <p>{t('account.countChanged')}</p>}
          <p>{t('account.pending', { count: pending })}</p>
          <div className="button-row">
            <button type="button" className="button primary" onClick={onSyncNow} disabled={syncing}>
              {syncing ? t('account.syncing') : t('account.syncFirst')}
            </button>
            <button type="button" className="button danger" onClick={() => setStep({ kind: 'confirm', count: pending })}>
              {t('account.discard', { count: pending })}
            </button>
          </div>
        </div>
      )}
      {step.kind === 'confirm' && (
        <div className="sign-out-warning" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
          <h3 id="confirm-title">{t('account.confirmTitle')}</h3>
          <p id="confirm-text">{t('account.confirm', { count: step.count })}</p>
          <div className="button-row">
            <button type="button" className="button danger primary" onClick={() => run(step.count)}>
              {t('account.confirmDiscard', { count: step.count })}
            </button>
            <button type="button" className="button" onClick={() => setStep({ kind: 'idle' })}>
              {t('account.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
