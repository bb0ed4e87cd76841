// What the sync status says, decided in one pure function (tested without React): the engine's
// live state, what IndexedDB remembers (waiting, refused, last success, last error) and the
// browser's online hint give one headline, most urgent first.
import type { LiveSyncState } from '../../sync/status-store';
import type { SyncProgress } from '../../sync/engine';
import type { SyncErrorReason, SyncSummary } from '../../data/sync-status-repository';

export type SyncHeadline =
  | { kind: 'signIn' }
  | { kind: 'syncing'; progress: SyncProgress | null }
  | { kind: 'error'; reason: SyncErrorReason }
  | { kind: 'pending'; count: number }
  | { kind: 'rejected'; count: number }
  | { kind: 'upToDate'; at: string }
  | { kind: 'never' };

/** Reasons that stop automatic syncing until the user acts: shown even when a later round was skipped. */
const BLOCKING: readonly SyncErrorReason[] = ['signedOut', 'updateRequired', 'forbidden'];

export function describeSyncStatus(input: {
  signedIn: boolean;
  live: LiveSyncState;
  summary: SyncSummary | undefined;
  online: boolean;
}): SyncHeadline {
  const { signedIn, live, summary, online } = input;
  if (!signedIn) return { kind: 'signIn' };
  if (live.running) return { kind: 'syncing', progress: live.progress };
  if (live.blocked && BLOCKING.includes(live.blocked)) return { kind: 'error', reason: live.blocked };
  const lastError = summary?.lastError ?? null;
  if (lastError && BLOCKING.includes(lastError.reason)) return { kind: 'error', reason: lastError.reason };
  // The browser's hint is good enough to say "offline"; a request that works overrides it anyway.
  if (!online) return { kind: 'error', reason: 'offline' };
  if (lastError && (!summary?.lastSuccessAt || lastError.at > summary.lastSuccessAt)) return { kind: 'error', reason: lastError.reason };
  if (summary && summary.pending > 0) return { kind: 'pending', count: summary.pending };
  if (summary && summary.rejected > 0) return { kind: 'rejected', count: summary.rejected };
  if (summary?.lastSuccessAt) return { kind: 'upToDate', at: summary.lastSuccessAt };
  return { kind: 'never' };
}

const DAY_MS = 86_400_000;

/** docs/sync.md §7.2 item 14: storage not persisted and work waiting for more than a day. */
export function storageAtRisk(persist: 'persisted' | 'not-persisted' | 'unsupported' | undefined, oldestPendingAt: string | null, now: number): boolean {
  if (persist !== 'not-persisted' || oldestPendingAt === null) return false;
  return now - Date.parse(oldestPendingAt) > DAY_MS;
}
