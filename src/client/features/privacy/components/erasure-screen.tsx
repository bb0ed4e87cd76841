// /privacy/erase: a leader answers a citizen's request to erase their details (docs/privacy.md
// "Erasure"). The server erases them from every log of the commune, so this needs the network;
// the other phones erase them at their next sync. The logs and every count stay.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/permissions';
import { isCitizenQuery } from '../../../../shared/privacy/erasure';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SessionGate } from '../../../components/ui/session-gate';
import { NetworkError } from '../../../sync/errors';
import { eraseCitizenOnServer } from '../../../sync/privacy-api';
import { syncNow } from '../../../sync/runtime';
import '../privacy.css';

type Step = { kind: 'form' } | { kind: 'confirm' } | { kind: 'erasing' } | { kind: 'done'; erasedLogs: number } | { kind: 'failed'; offline: boolean };

export function ErasureScreen(): ReactElement {
  const { t } = useTranslation('privacy');
  return (
    <SessionGate text={{ title: t('erasure.title'), loading: t('erasure.loading'), signInFirst: t('erasure.signInFirst'), signIn: t('erasure.signIn') }}>
      {(user) =>
        can(user.role, 'citizen.erase') ? (
          <ErasureForm />
        ) : (
          <Screen title={t('erasure.title')}>
            <EmptyState>{t('erasure.leadersOnly')}</EmptyState>
          </Screen>
        )
      }
    </SessionGate>
  );
}

function ErasureForm(): ReactElement {
  const { t } = useTranslation('privacy');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [missing, setMissing] = useState(false);

  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (!isCitizenQuery({ name, phone })) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setStep({ kind: 'confirm' });
  };

  const erase = async () => {
    setStep({ kind: 'erasing' });
    try {
      const { erasedLogs } = await eraseCitizenOnServer({ name, phone });
      setStep({ kind: 'done', erasedLogs });
      setName('');
      setPhone('');
      // This phone erases them now; the others at their next sync.
      void syncNow().catch(() => undefined);
    } catch (error) {
      setStep({ kind: 'failed', offline: error instanceof NetworkError });
    }
  };

  const editing = step.kind === 'form' || step.kind === 'failed' || step.kind === 'done';
  return (
    <Screen title={t('erasure.title')}>
      <p>{t('erasure.intro')}</p>
      <form className="card erasure-form" onSubmit={ask} noValidate>
        <div className="field">
          <label htmlFor="erase-name">{t('erasure.name')}</label>
          <input id="erase-name" autoComplete="off" maxLength={100} value={name} disabled={!editing} onChange={(e) => setName(e.target.value)} aria-describedby={missing ? 'erase-missing' : undefined} />
        </div>
        <div className="field">
          <label htmlFor="erase-phone">{t('erasure.phone')}</label>
          <input id="erase-phone" type="tel" inputMode="tel" autoComplete="off" maxLength={20} value={phone} disabled={!editing} onChange={(e) => setPhone(e.target.value)} />
        </div>
        <p className="hint">{t('erasure.bothHint')}</p>
        {missing && <p className="field-error" id="erase-missing" role="alert">{t('erasure.missing')}</p>}
        {editing && <button type="submit" className="button primary">{t('erasure.erase')}</button>}
      </form>
      {(step.kind === 'confirm' || step.kind === 'erasing') && (
        <div className="card erasure-confirm" role="alertdialog" aria-labelledby="erase-confirm-text">
          <p id="erase-confirm-text">{t('erasure.confirm')}</p>
          <button type="button" className="button danger" disabled={step.kind === 'erasing'} onClick={() => void erase()}>{t('erasure.confirmYes')}</button>
          <button type="button" className="button" disabled={step.kind === 'erasing'} onClick={() => setStep({ kind: 'form' })}>{t('erasure.cancel')}</button>
        </div>
      )}
      {step.kind === 'done' && <p className="notice" role="status">{t('erasure.done', { count: step.erasedLogs })}</p>}
      {step.kind === 'failed' && <p className="notice" role="alert">{t(step.offline ? 'erasure.offline' : 'erasure.failed')}</p>}
    </Screen>
  );
}
