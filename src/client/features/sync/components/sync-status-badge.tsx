// The compact sync status in the top bar of a signed-in member's screens. A tap opens the full
// account and sync section in Settings. A visitor nobody has signed in on sees VisitorSyncBadge
// instead (sync-badge-link.tsx), which needs neither this chunk nor IndexedDB.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncStatusOf } from '../hooks/use-sync-status-of';
import { useHeadlineLabel } from '../hooks/use-headline-label';
import { useNow } from '../../../hooks/use-now';
import { SyncBadgeLink } from './sync-badge-link';

export function SyncStatusBadge(): ReactElement {
  const { t } = useTranslation('sync');
  const { headline, summary } = useSyncStatusOf(true, true);
  const label = useHeadlineLabel(headline, useNow());
  const tone = headline.kind === 'error' || headline.kind === 'rejected' ? 'error' : headline.kind === 'upToDate' ? 'ok' : 'busy';
  // While offline or syncing, still say how much is waiting: it is what the user worries about.
  const waiting = headline.kind !== 'pending' && summary && summary.pending > 0 ? summary.pending : 0;
  return (
    <SyncBadgeLink state={headline.kind} tone={tone} to="/settings#sync">
      {label}
      {waiting > 0 && <> · {t('status.pending', { count: waiting })}</>}
    </SyncBadgeLink>
  );
}
