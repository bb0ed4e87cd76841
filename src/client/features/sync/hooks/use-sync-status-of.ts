// The sync status as React values, for a known signed-in state: the engine's live state (memory),
// what IndexedDB remembers (live across tabs; loaded only when `readSummary`) and the online hint,
// reduced to one headline. Nothing here loads Dexie by itself: the top bar's status of a visitor
// nobody has signed in on reads nothing from IndexedDB (docs/first-visit.md).
import { useSyncExternalStore } from 'react';
import { getLiveSyncState, subscribeLiveSyncState, type LiveSyncState } from '../../../sync/status-store';
import type { SyncSummary } from '../../../data/sync-status-repository';
import { useStoredSyncSummary } from '../../../hooks/use-stored-sync-summary';
import { useOnline } from '../../../hooks/use-online';
import { describeSyncStatus, type SyncHeadline } from '../status';

export interface SyncStatus {
  headline: SyncHeadline;
  live: LiveSyncState;
  summary: SyncSummary | undefined;
  /** undefined while loading. */
  signedIn: boolean | undefined;
}

export function useSyncStatusOf(signedIn: boolean | undefined, readSummary: boolean): SyncStatus {
  const live = useSyncExternalStore(subscribeLiveSyncState, getLiveSyncState, getLiveSyncState);
  const summary = useStoredSyncSummary(readSummary);
  const online = useOnline();
  return { headline: describeSyncStatus({ signedIn: signedIn ?? false, live, summary, online }), live, summary, signedIn };
}
