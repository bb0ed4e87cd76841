// The compact sync status in the top bar of every screen. A tap opens the full account and sync
// section in Settings (or the sign-in screen when nobody is signed in). The app shell says who is
// signed in (the lock check read it): for nobody, the badge reads nothing from IndexedDB.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSyncStatusOf } from '../hooks/use-sync-status-of';
import { useHeadlineLabel } from '../hooks/use-headline-label';
import { useNow } from '../../../hooks/use-now';
import '../sync.css';

export function SyncStatusBadge({ signedIn }: { signedIn: boolean }): ReactElement {
  const { t } = useTranslation('sync');
  const { headline, summary } = useSyncStatusOf(signedIn, signedIn);
  const label = useHeadlineLabel(headline, useNow());
  const tone = headline.kind === 'error' || headline.kind === 'rejected' ? 'error' : headline.kind === 'upToDate' ? 'ok' : 'busy';
  // While offline or syncing, still say how much is waiting: it is what the user worries about.
  const waiting = headline.kind !== 'pending' && summary && summary.pending > 0 ? summary.pending : 0;
  return (
    <Link className="sync-badge" data-state={headline.kind} data-tone={tone} to={signedIn ? '/settings#sync' : '/sign-in'} data-testid="sync-badge">
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-badge-text" role="status">
        <span className="sync-visually-hidden">{t('status.label')}: </span>
        {label}
        {waiting > 0 && <> · {t('status.pending', { count: waiting })}</>}
      </span>
    </Link>
  );
}
