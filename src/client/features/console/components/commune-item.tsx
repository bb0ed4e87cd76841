// One commune in the communes screen (docs/accounts.md "Communes"): its name, permanent id, state
// and enabled accounts; renaming (based on the name shown, so a rename by another admin meanwhile
// is a conflict explained in words); deactivating after saying what happens to its accounts and
// data; reactivating (its accounts stay disabled).
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { nfcString } from '../../../../shared/schemas/common';
import type { CommuneSummary, UpdateCommuneInput } from '../../../../shared/admin/communes';
import { updateCommune } from '../../../sync/admin-api';
import { HttpError } from '../../../sync/errors';
import { failureOf } from '../hooks/use-paged-list';

const nameSchema = nfcString(1, 100);

interface Props {
  commune: CommuneSummary;
  reload: () => Promise<CommuneSummary[]>;
}

export function CommuneItem({ commune, reload }: Props): ReactElement {
  const { t } = useTranslation('console');
  const [mode, setMode] = useState<'idle' | 'rename' | 'deactivate'>('idle');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const titleId = useId();
  const inputId = useId();

  async function change(patch: Omit<UpdateCommuneInput, 'basedOn'>, done: (disabled: number) => string): Promise<void> {
    setBusy(true);
    setMessage(null);
    try {
      const answer = await updateCommune(commune.id, { ...patch, basedOn: commune.name });
      setMode('idle');
      await reload();
      setMessage(done(answer.disabledAccounts));
    } catch (failure) {
      if (failure instanceof HttpError && failure.status === 409) {
        // Another admin changed it first: show what it is now, and let this admin decide again.
        const now = (await reload()).find((c) => c.id === commune.id);
        setMode('idle');
        setMessage(t('communes.conflict', { name: now?.name ?? commune.name }));
      } else {
        setMessage(t(`accounts.${failureOf(failure)}`));
      }
    } finally {
      setBusy(false);
    }
  }

  function rename(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('name');
    const parsed = nameSchema.safeParse(typeof value === 'string' ? value : '');
    if (!parsed.success) return setMessage(t('communes.nameRequired'));
    if (parsed.data === commune.name) return setMode('idle');
    void change({ name: parsed.data }, () => t('communes.renamed', { name: parsed.data }));
  }

  return (
    <li className="card account-item" aria-labelledby={titleId}>
      <p className="account-name" id={titleId}>{commune.name}</p>
      <p className="hint">{t('communes.idShown', { id: commune.id })}</p>
      <p className={commune.active ? 'hint' : 'badge'}>{commune.active ? t('communes.active') : t('communes.inactive')}</p>
      <p className="hint">{t('communes.accounts', { count: commune.accounts })}</p>
      {mode === 'idle' && (
        <div className="account-actions">
          <button type="button" className="button" onClick={() => setMode('rename')} aria-label={t('communes.renameNamed', { name: commune.name })}>{t('communes.rename')}</button>
          {commune.active ? (
            <button type="button" className="button" onClick={() => setMode('deactivate')} aria-label={t('communes.deactivateNamed', { name: commune.name })}>{t('communes.deactivate')}</button>
          ) : (
            <button type="button" className="button" disabled={busy} onClick={() => void change({ active: true }, () => t('communes.reactivated', { name: commune.name }))} aria-label={t('communes.reactivateNamed', { name: commune.name })}>
              {t('communes.reactivate')}
            </button>
          )}
        </div>
      )}
      {mode === 'rename' && (
        <form className="console-form device-confirm" onSubmit={rename} noValidate>
          <div className="field">
            <label htmlFor={inputId}>{t('communes.newName', { name: commune.name })}</label>
            <input id={inputId} name="name" defaultValue={commune.name} autoComplete="off" required />
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>{t('communes.saveName')}</button>
            <button type="button" className="button" disabled={busy} onClick={() => setMode('idle')}>{t('devices.cancel')}</button>
          </div>
        </form>
      )}
      {mode === 'deactivate' && (
        <div className="device-confirm" role="group" aria-label={t('communes.confirmTitle', { name: commune.name })}>
          <p className="account-name">{t('communes.confirmTitle', { name: commune.name })}</p>
          <p>{t('communes.confirmAccounts', { count: commune.accounts })}</p>
          <p>{t('communes.confirmData')}</p>
          <div className="form-actions">
            <button type="button" className="button primary" disabled={busy} onClick={() => void change({ active: false }, (count) => t('communes.deactivated', { name: commune.name, count }))}>
              {t('communes.confirm')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setMode('idle')}>{t('devices.cancel')}</button>
          </div>
        </div>
      )}
      {message && <p className="notice" role="status">{message}</p>}
    </li>
  );
}
