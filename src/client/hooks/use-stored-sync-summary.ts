// What IndexedDB remembers of the sync (changes waiting, refused, the last success and error), live
// across tabs. Dexie is loaded only when the summary is wanted: the top bar's status of a visitor
// nobody has signed in on needs none, and must not build the database (docs/first-visit.md).
import { useEffect, useState } from 'react';
import type { SyncSummary } from '../data/sync-status-repository';
import { log } from '../lib/log';

/** The stored summary, or undefined while it loads and whenever `enabled` is false. */
export function useStoredSyncSummary(enabled: boolean): SyncSummary | undefined {
  const [summary, setSummary] = useState<SyncSummary>();
  useEffect(() => {
    if (!enabled) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    import('../data/sync-status-repository')
      .then(({ observeSyncSummary }) => {
        if (!cancelled) stop = observeSyncSummary(setSummary, (error: unknown) => log.warn('sync summary read failed', error));
      })
      .catch((error: unknown) => log.warn('sync summary failed to load', error));
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [enabled]);
  return enabled ? summary : undefined;
}
