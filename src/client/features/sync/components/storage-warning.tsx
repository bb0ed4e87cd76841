// Home's storage warning (docs/security.md "Sign-out and storage loss"): the browser refused to keep
// the data for good while changes wait to be sent, so a phone short of space may lose them. Shown on
// Home, not only in Settings, with the same rule and words as the sync section there.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../hooks/use-now';
import { usePersistState } from '../hooks/use-persist-state';
import { useStoredSyncSummary } from '../../../hooks/use-stored-sync-summary';
import { storageAtRisk } from '../status';

export function StorageWarning(): ReactElement | null {
  const { t } = useTranslation('sync');
  // Home shows it only for a signed-in member (app/home-screen.tsx).
  const summary = useStoredSyncSummary(true);
  const persist = usePersistState();
  const now = useNow();
  if (!summary || !storageAtRisk(persist, summary.oldestPendingAt, now)) return null;
  return (
    <p className="notice" role="alert" data-testid="home-storage-warning">
      {t('section.persistWarning')} <Link to="/settings#sync">{t('section.syncNow')}</Link>
    </p>
  );
}
