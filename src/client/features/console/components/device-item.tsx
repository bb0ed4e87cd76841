// One device in the console's list: whose, which phone, when it was last seen and synced, what it
// still had to send, flagged after STALE_SYNC_DAYS; and revoking it, with a confirmation that asks
// whether the phone was stolen (then its unsent changes are refused).
import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { STALE_SYNC_DAYS } from '../../../../shared/admin/accounts';
import type { DeviceSummary } from '../../../../shared/admin/devices';
import { formatDate, formatDateTime } from '../../../../shared/text/dates';
import { revokeDevice } from '../../../sync/admin-api';
import { HttpError } from '../../../sync/errors';
import { failureOf } from '../hooks/use-paged-list';

export function DeviceItem({ device, onChanged }: { device: DeviceSummary; onChanged: (device: DeviceSummary) => void }): ReactElement {
  const { t } = useTranslation('console');
  const [confirming, setConfirming] = useState(false);
  const [stolen, setStolen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const titleId = useId();
  const name = device.name || t('devices.unnamed');

  async function revoke(): Promise<void> {
    setBusy(true);
    setMessage(null);
    try {
      onChanged(await revokeDevice(device.id, !stolen));
      setConfirming(false);
      setMessage(t('devices.revoked'));
    } catch (error) {
      setMessage(error instanceof HttpError && (error.status === 403 || error.status === 404 || error.status === 409) ? t('devices.refused') : t(`devices.${failureOf(error)}`));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="card account-item" aria-labelledby={titleId}>
      <p className="account-name" id={titleId}>{name}</p>
      <p className="hint">
        {device.userName}
        {' · '}
        {t(`role.${device.role}`, { ns: 'auth' })}
        {device.communeName ? ` · ${device.communeName}` : ''}
      </p>
      {device.atRisk && <p className="account-stale">{t('devices.atRiskFlag', { days: STALE_SYNC_DAYS })}</p>}
      <p className="hint">{device.lastSyncAt === null ? t('devices.neverSynced') : t('devices.lastSync', { date: formatDateTime(new Date(device.lastSyncAt)) })}</p>
      {device.unsynced !== null && <p className="hint">{device.unsynced > 0 ? t('devices.unsynced', { count: device.unsynced }) : t('devices.allSent')}</p>}
      <p className="hint">
        {t('devices.lastSeen', { date: formatDateTime(new Date(device.lastSeenAt)) })}
        {' · '}
        {t('devices.signedIn', { date: formatDate(new Date(device.signedInAt)) })}
      </p>
      {device.appVersion && <p className="hint">{t('devices.version', { version: device.appVersion })}</p>}
      {device.current && <p className="badge">{t('devices.current')}</p>}
      {device.state === 'revoked' && device.revokedAt !== null && <p className="badge">{t('devices.revokedFlag', { date: formatDate(new Date(device.revokedAt)) })}</p>}
      {device.state === 'accountDisabled' && <p className="badge">{t('devices.accountDisabledFlag')}</p>}
      {device.revocable && !confirming && (
        <div className="account-actions">
          <button type="button" className="button" onClick={() => setConfirming(true)}>{t('devices.revoke')}</button>
        </div>
      )}
      {device.revocable && confirming && (
        <div className="device-confirm" role="group" aria-label={t('devices.confirmTitle', { device: name, name: device.userName })}>
          <p className="account-name">{t('devices.confirmTitle', { device: name, name: device.userName })}</p>
          <p>{t('devices.confirmIntro')}</p>
          <label className="checkbox">
            <input type="checkbox" checked={stolen} onChange={(event) => setStolen(event.target.checked)} />
            {t('devices.stolen')}
          </label>
          <div className="form-actions">
            <button type="button" className="button primary" disabled={busy} onClick={() => void revoke()}>{t('devices.confirm')}</button>
            <button type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>{t('devices.cancel')}</button>
          </div>
        </div>
      )}
      {message && <p className="notice" role="status">{message}</p>}
    </li>
  );
}
