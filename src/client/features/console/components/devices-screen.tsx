// /admin/devices: the devices (sign-ins) a commune leader or the province admin oversees
// (docs/accounts.md "Devices"): the phones not synced for STALE_SYNC_DAYS first and counted, what
// each last reported, and revoking one. Online only: the devices live on the server.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { STALE_SYNC_DAYS } from '../../../../shared/admin/accounts';
import { EmptyState, Screen } from '../../../components/ui/screen';
import type { DeviceFilters } from '../../../sync/admin-api';
import { useConsoleCommunes } from '../hooks/use-accounts';
import { useDevices } from '../hooks/use-devices';
import { DeviceItem } from './device-item';
import { SearchAndCommune, StaleBox } from './list-filters';
import { ManagersOnly } from './managers-only';
import '../console.css';

export function DevicesScreen(): ReactElement {
  const { t } = useTranslation('console');
  return (
    <ManagersOnly title={t('devices.title')} loading={t('devices.loading')}>
      {(isAdmin) => <DevicesConsole isAdmin={isAdmin} />}
    </ManagersOnly>
  );
}

function DevicesConsole({ isAdmin }: { isAdmin: boolean }): ReactElement {
  const { t } = useTranslation('console');
  const [filters, setFilters] = useState<DeviceFilters>({});
  const { state, more, replace } = useDevices(filters);
  const communes = useConsoleCommunes();
  const set = (patch: DeviceFilters) => setFilters((now) => ({ ...now, ...patch }));

  return (
    <Screen title={t('devices.title')}>
      <p>{t('devices.intro')}</p>
      <div className="console-filters">
        <SearchAndCommune isAdmin={isAdmin} communes={communes} searchLabel={t('devices.search')} set={set} />
        <StaleBox label={t('devices.stale', { days: STALE_SYNC_DAYS })} set={set} />
        <label className="checkbox">
          <input type="checkbox" onChange={(event) => set({ withdrawn: event.target.checked || undefined })} />
          {t('devices.withdrawn')}
        </label>
      </div>
      {state.kind === 'loading' && <p role="status">{t('devices.loading')}</p>}
      {state.kind === 'failed' && <p className="notice" role="alert">{t(`devices.${state.why}`)}</p>}
      {state.kind === 'ready' && (
        <>
          <p role="status" className={state.first.atRisk > 0 ? 'notice' : undefined}>
            {state.first.atRisk > 0 ? t('devices.atRisk', { count: state.first.atRisk, days: STALE_SYNC_DAYS }) : t('devices.noneAtRisk', { days: STALE_SYNC_DAYS })}
          </p>
          <p>{t('devices.total', { count: state.total })}</p>
          {state.items.length === 0 && <EmptyState>{t('devices.empty')}</EmptyState>}
          <ul className="console-list" aria-label={t('devices.listLabel')}>
            {state.items.map((device) => (
              <DeviceItem key={device.id} device={device} onChanged={replace} />
            ))}
          </ul>
          {state.next !== null && (
            <button type="button" className="button" onClick={more} disabled={state.loadingMore}>{t('accounts.more')}</button>
          )}
        </>
      )}
    </Screen>
  );
}
