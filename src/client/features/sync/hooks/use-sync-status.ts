// The sync status as React values: the engine's live state (memory), what IndexedDB remembers
// (live across tabs through Dexie) and the online hint, reduced to one headline.
import { useSyncExternalStore } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getLiveSyncState, subscribeLiveSyncState, type LiveSyncState } from '../../../sync/status-store';
import { readSyncSummary, type SyncSummary } from '../../../data/sync-status-repository';
import { useSession } from '../../../hooks/use-session';
import { useOnline } from '../../../hooks/use-online';
import { describeSyncStatus, type SyncHeadline } from '../status';

export interface SyncStatus {
  headline: SyncHeadline;
  live: LiveSyncState;
  summary: SyncSummary | undefined;
  /** undefined while loading. */
  signedIn: boolean | undefined;
}

export function useSyncStatus(): SyncStatus {
  const live = useSyncExternalStore(subscribeLiveSyncState, getLiveSyncState, getLiveSyncState);
  const summary = useLiveQuery(readSyncSummary, []);
  const session = useSession();
  const online = useOnline();
  const signedIn = session === undefined ? undefined : session !== null;
  return { headline: describeSyncStatus({ signedIn: signedIn ?? false, live, summary, online }), live, summary, signedIn };
}
