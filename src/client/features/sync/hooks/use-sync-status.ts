// The sync status of whoever the stored session says is signed in (use-sync-status-of.ts), for the
// screens that read the session live themselves (Settings' sync section).
import { useSession } from '../../../hooks/use-session';
import { useSyncStatusOf, type SyncStatus } from './use-sync-status-of';

export type { SyncStatus };

export function useSyncStatus(): SyncStatus {
  const session = useSession();
  return useSyncStatusOf(session === undefined ? undefined : session !== null, true);
}
