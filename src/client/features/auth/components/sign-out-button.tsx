// Sign-out from Settings → Account. Sign-out clears this member's data from the phone (shared
// phones, docs/privacy.md checklist item 26–27), so it never drops anything silently
// (docs/security.md "Sign-out and storage loss"): when it would delete unsent changes, changes the
// server refused or the member's drafts, it first says how many of each; with changes waiting it
// offers "Đồng bộ ngay"; giving them up takes a second, explicit confirmation, and the data layer
// re-checks those numbers in the same transaction as the wipe.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { countSignOutLosses, NO_LOSSES, type SignOutLosses } from '../../../data/local-wipe';
import { signOut } from '../../../sync/auth';
import { syncNow } from '../../../sync/runtime';
import { log } from '../../../lib/log';

type Step = { kind: 'idle' } | { kind: 'warn' } | { kind: 'confirm'; agreed: SignOutLosses } | { kind: 'busy' } | { kind: 'failed' };

const KINDS = ['unsent', 'refused', 'drafts'] as const;
const total = (losses: SignOutLosses): number => losses.unsent + losses.refused + losses.drafts;
const same = (a: SignOutLosses, b: SignOutLosses): boolean => KINDS.every((kind) => a[kind] === b[kind]);

export function SignOutButton({ userId, onSignedOut }: { userId: string; onSignedOut: () => void }): ReactElement | null {
  const { t } = useTranslation('auth');
  const losses = useLiveQuery(() => countSignOutLosses(userId), [userId]);
  const [chosen, setStep] = useState<Step>({ kind: 'idle' });
  const [syncing, setSyncing] = useState(false);
  if (!losses) return null;
  // What the member agreed to lose no longer matches: show the new numbers and ask again.
  const changed = chosen.kind === 'confirm' && !same(losses, chosen.agreed);
  const step: Step = changed ? { kind: 'warn' } : chosen;

  const run = (agreed: SignOutLosses) => {
    setStep({ kind: 'busy' });
    signOut({ agreed }).then(
      (result) => (result.ok ? onSignedOut() : setStep({ kind: 'warn' })),
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

  return (
    <>
      {step.kind !== 'confirm' && (
        <button type="button" className="button" disabled={step.kind === 'busy'} onClick={() => (total(losses) === 0 ? run(NO_LOSSES) : setStep({ kind: 'warn' }))}>
          {step.kind === 'busy' ? t('account.signingOut') : t('account.signOut')}
        </button>
      )}
      {step.kind === 'failed' && <p className="account-error" role="alert">{t('account.failed')}</p>}
      {step.kind === 'warn' && total(losses) > 0 && (
        <div className="sign-out-warning" role="alert" data-testid="sign-out-losses">
          <h3>{t('account.lossTitle')}</h3>
          {changed && <p>{t('account.countChanged')}</p>}
          <ul>
            {KINDS.filter((kind) => losses[kind] > 0).map((kind) => (
              <li key={kind}>{t(`account.loss.${kind}`, { count: losses[kind] })}</li>
            ))}
          </ul>
          {losses.unsent > 0 && <p>{t('account.syncHint')}</p>}
          <div className="button-row">
            {losses.unsent > 0 && (
              <button type="button" className="button primary" onClick={onSyncNow} disabled={syncing}>
                {syncing ? t('account.syncing') : t('account.syncFirst')}
              </button>
            )}
            <button type="button" className="button danger" onClick={() => setStep({ kind: 'confirm', agreed: losses })}>
              {t('account.discard')}
            </button>
          </div>
        </div>
      )}
      {step.kind === 'confirm' && (
        <div className="sign-out-warning" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
          <h3 id="confirm-title">{t('account.confirmTitle')}</h3>
          <p id="confirm-text">{t('account.confirm', { count: total(step.agreed) })}</p>
          <div className="button-row">
            <button type="button" className="button danger primary" onClick={() => run(step.agreed)}>
              {t('account.confirmDiscard')}
            </button>
            <button type="button" className="button" onClick={() => setStep({ kind: 'idle' })}>
              {t('account.cancel')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
