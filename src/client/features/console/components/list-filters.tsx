// The filters the accounts and devices lists share (docs/accounts.md): a search over names, for
// the province admin a commune picker, and "not synced for STALE_SYNC_DAYS days". Each screen sets
// them into its own filters and adds its own (role and state; withdrawn devices).
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { STALE_SYNC_DAYS, type CommuneListResponse } from '../../../../shared/admin/accounts';

/** What these filters change in either list's filters. */
export interface SharedFilters {
  q?: string;
  communeId?: string;
  staleDays?: number;
}

interface Props {
  isAdmin: boolean;
  communes: CommuneListResponse['communes'];
  searchLabel: string;
  set: (patch: SharedFilters) => void;
}

export function SearchAndCommune({ isAdmin, communes, searchLabel, set }: Props): ReactElement {
  const { t } = useTranslation('console');
  return (
    <>
      <input type="search" aria-label={searchLabel} placeholder={searchLabel} onChange={(event) => set({ q: event.target.value })} />
      {isAdmin && (
        <select aria-label={t('accounts.commune')} defaultValue="" onChange={(event) => set({ communeId: event.target.value || undefined })}>
          <option value="">{t('accounts.allCommunes')}</option>
          {communes.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </select>
      )}
    </>
  );
}

export function StaleBox({ label, set }: { label: string; set: (patch: SharedFilters) => void }): ReactElement {
  return (
    <label className="checkbox">
      <input type="checkbox" onChange={(event) => set({ staleDays: event.target.checked ? STALE_SYNC_DAYS : undefined })} />
      {label}
    </label>
  );
}
