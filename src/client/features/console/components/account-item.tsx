// One account in the console's list: who, role, commune, last sync (flagged after 7 days), a code
// waiting; and, when the viewer may change it, a new code, the role, disable/enable.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { LEADER_ASSIGNABLE_ROLES, STALE_SYNC_DAYS, type AccountSummary, type SignInCodeResponse } from '../../../../shared/admin/accounts';
import { COMMUNE_ROLES, type CommuneRole } from '../../../../shared/schemas/team-member';
import { formatDate, formatDateTime } from '../../../../shared/text/dates';
import { issueAccountCode, updateAccount } from '../../../sync/admin-api';
import { HttpError } from '../../../sync/errors';
import { failureOf } from '../hooks/use-accounts';

interface Props {
  account: AccountSummary;
  isAdmin: boolean;
  now: number;
  onChanged: (account: AccountSummary) => void;
  onCode: (issued: SignInCodeResponse) => void;
}

export function AccountItem({ account, isAdmin, now, onChanged, onCode }: Props): ReactElement {
  const { t } = useTranslation('console');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const stale = account.lastSyncAt === null || now - account.lastSyncAt >= STALE_SYNC_DAYS * 24 * 60 * 60 * 1000;
  const roles: readonly CommuneRole[] = isAdmin ? COMMUNE_ROLES : LEADER_ASSIGNABLE_ROLES;

  async function run(work: () => Promise<void>): Promise<void> {
    setBusy(true);
    setMessage(null);
    try {
      await work();
    } catch (error) {
      setMessage(error instanceof HttpError && (error.status === 403 || error.status === 404) ? t('accounts.refused') : t(`accounts.${failureOf(error)}`));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="card account-item">
      <p className="account-name">{account.displayName}</p>
      <p className="hint">
        {account.username}
        {' · '}
        {t(`role.${account.role}`, { ns: 'auth' })}
        {account.communeName ? ` · ${account.communeName}` : ''}
      </p>
      <p className={stale ? 'hint account-stale' : 'hint'}>
        {account.lastSyncAt === null ? t('accounts.neverSynced') : t('accounts.lastSync', { date: formatDate(new Date(account.lastSyncAt)) })}
        {stale && account.lastSyncAt !== null ? ` — ${t('accounts.staleFlag')}` : ''}
      </p>
      {account.codeExpiresAt !== null && <p className="hint">{t('accounts.codeWaiting', { date: formatDateTime(new Date(account.codeExpiresAt)) })}</p>}
      {account.disabled && <p className="badge">{t('accounts.disabledFlag')}</p>}
      {account.manageable && (
        <div className="account-actions">
          <button type="button" className="button" disabled={busy} onClick={() => void run(async () => onCode(await issueAccountCode(account.id)))}>
            {t('accounts.newCode')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void run(async () => onChanged(await updateAccount(account.id, { disabled: !account.disabled })))}>
            {account.disabled ? t('accounts.enable') : t('accounts.disable')}
          </button>
          <select
            aria-label={t('accounts.changeRole', { name: account.displayName })}
            value={account.role}
            disabled={busy}
            onChange={(event) => void run(async () => onChanged(await updateAccount(account.id, { role: event.target.value as CommuneRole })))}
          >
            {roles.map((role) => (
              <option key={role} value={role}>{t(`role.${role}`, { ns: 'auth' })}</option>
            ))}
          </select>
        </div>
      )}
      {message && <p className="notice" role="alert">{message}</p>}
    </li>
  );
}
