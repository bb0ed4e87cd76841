// The sync engine's live state (running, progress, next retry) for the UI, outside React and
// without dependencies: the top bar reads it on the first screen, while the engine itself is
// loaded after the first render. What must survive a reload (last success, last error, counts)
// is in IndexedDB instead (data/sync-status-repository).
import type { SyncProgress } from './engine';
import type { SyncErrorReason } from '../data/sync-status-repository';

export interface LiveSyncState {
  /** The engine has been loaded and started in this tab. */
  started: boolean;
  running: boolean;
  progress: SyncProgress | null;
  retryAt: number | null;
  blocked: SyncErrorReason | null;
}

const INITIAL: LiveSyncState = { started: false, running: false, progress: null, retryAt: null, blocked: null };

let state: LiveSyncState = INITIAL;
const listeners = new Set<() => void>();

export function getLiveSyncState(): LiveSyncState {
  return state;
}

export function subscribeLiveSyncState(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setLiveSyncState(patch: Partial<LiveSyncState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

/** Tests only: back to the state of a fresh page. */
export function resetLiveSyncState(): void {
  state = INITIAL;
  for (const listener of listeners) listener();
}
