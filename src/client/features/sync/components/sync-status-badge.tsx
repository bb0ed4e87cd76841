// The compact sync status in the top bar of every screen. A tap opens the full account and sync
// section in Settings (or the sign-in screen when nobody is signed in).
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../hooks/use-sync-status';
import { useHeadlineLabel } from '../hooks/use-headline-label';
import { useNow } from '../../../hooks/use-now';
import '../sync.css';

export function SyncStatusBadge(): ReactElement | null {
  const { t } = useTranslation('sync');
  const { headline, summary, signedIn } = useSyncStatus();
  const label = useHeadlineLabel(headline, useNow());
  if (signedIn === undefined) return null;
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
