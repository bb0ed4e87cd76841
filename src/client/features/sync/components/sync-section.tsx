// The full sync status (Settings): the headline and, on an error, the human reason; last success;
// what is waiting and since when; the next automatic retry; "Đồng bộ ngay" with progress; the
// storage warning when unsynced work is at risk; and the changes the server did not accept.
import { useEffect, useState, type ReactElement } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../hooks/use-sync-status';
import { useHeadlineLabel } from '../hooks/use-headline-label';
import { useNow } from '../../../hooks/use-now';
import { storageAtRisk } from '../status';
import { RejectedChanges } from './rejected-changes';
import { syncNow } from '../../../sync/runtime';
import { usePersistState } from '../hooks/use-persist-state';
import { formatDateTime, formatTime } from '../../../../shared/text/dates';
import { log } from '../../../lib/log';
import '../sync.css';

export function SyncSection(): ReactElement | null {
  const { t } = useTranslation('sync');
  const { headline, summary, live, signedIn } = useSyncStatus();
  const now = useNow();
  const label = useHeadlineLabel(headline, now);
  const [requested, setRequested] = useState(false);
  const persist = usePersistState();
  const { hash } = useLocation();

  useEffect(() => {
    if (hash === '#sync' && signedIn) document.getElementById('sync')?.scrollIntoView();
  }, [hash, signedIn]);

  if (!signedIn || !summary) return null;
  const syncing = live.running || requested;
  const onSyncNow = () => {
    setRequested(true);
    syncNow()
      .catch((error: unknown) => log.warn('sync now failed', error))
      .finally(() => setRequested(false));
  };
  const reason = headline.kind === 'error' ? headline.reason : null;
  return (
    <section className="card sync-section" id="sync" aria-labelledby="sync-title">
      <h2 id="sync-title">{t('section.title')}</h2>
      <p role="status" data-testid="sync-headline" data-state={headline.kind}>
        <strong>{label}</strong>
      </p>
      {reason && <p className="sync-error">{t(`reason.${reason}`)}</p>}
      {(reason === 'signedOut' || reason === 'forbidden') && (
        <p>
          <Link className="button primary" to="/sign-in">{t('section.signInAgain')}</Link>
        </p>
      )}
      <ul className="sync-facts">
        <li>{summary.lastSuccessAt ? t('section.lastSuccess', { when: formatDateTime(summary.lastSuccessAt) }) : t('section.never')}</li>
        <li data-testid="sync-pending">{summary.pending > 0 ? t('section.pending', { count: summary.pending }) : t('section.allSent')}</li>
        {summary.oldestPendingAt && <li>{t('section.oldestPending', { when: formatDateTime(summary.oldestPendingAt) })}</li>}
        {live.retryAt !== null && !syncing && <li>{t('section.retryAt', { time: formatTime(new Date(live.retryAt)) })}</li>}
      </ul>
      {storageAtRisk(persist, summary.oldestPendingAt, now) && <p className="notice" role="alert">{t('section.persistWarning')}</p>}
      <button type="button" className="button primary" onClick={onSyncNow} disabled={syncing} aria-busy={syncing}>
        {syncing ? (headline.kind === 'syncing' ? label : t('section.syncing')) : t('section.syncNow')}
      </button>
      <RejectedChanges />
    </section>
  );
}
