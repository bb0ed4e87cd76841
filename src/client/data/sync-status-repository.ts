// What the sync status shows, read from IndexedDB: changes waiting, changes not accepted, the last
// success and the last error. Kept apart from sync-repository.ts (which needs the merge code and
// zod) because the top bar reads it on the first screen, where every kilobyte counts.
import { liveQuery } from 'dexie';
import { db, isOwnRejected } from './db';
import { hasFields } from '../../shared/has-fields';
import { SYNC_KEYS } from './sync-keys';

export { SYNC_KEYS };

/** Why the last round failed, in words the UI translates (sync.json `reason.*`). */
export type SyncErrorReason = 'offline' | 'unreachable' | 'rateLimited' | 'quotaExceeded' | 'bytesQuotaExceeded' | 'signedOut' | 'forbidden' | 'updateRequired' | 'server' | 'storage';

export interface SyncErrorInfo {
  reason: SyncErrorReason;
  at: string;
  /** When the engine tries again by itself (epoch ms), if it does. */
  retryAt?: number;
}

export interface SyncSummary {
  pending: number;
  /** createdAt of the oldest change waiting, to warn when unsynced work is getting old. */
  oldestPendingAt: string | null;
  rejected: number;
  lastSuccessAt: string | null;
  lastError: SyncErrorInfo | null;
}

const REASONS: readonly SyncErrorReason[] = ['offline', 'unreachable', 'rateLimited', 'quotaExceeded', 'bytesQuotaExceeded', 'signedOut', 'forbidden', 'updateRequired', 'server', 'storage'];

function isErrorInfo(value: unknown): value is SyncErrorInfo {
  return hasFields(value, 'at', 'reason') && typeof value.at === 'string' && REASONS.some((reason) => reason === value.reason);
}

export async function readSyncSummary(): Promise<SyncSummary> {
  return db.transaction('r', [db.outbox, db.rejectedChanges, db.syncState], async () => {
    const [pending, oldest, rejected, success, error] = await Promise.all([
      db.outbox.count(),
      db.outbox.orderBy('seq').first(),
      db.rejectedChanges.filter(isOwnRejected).count(),
      db.syncState.get(SYNC_KEYS.lastSuccessAt),
      db.syncState.get(SYNC_KEYS.lastError),
    ]);
    return {
      pending,
      oldestPendingAt: oldest?.createdAt ?? null,
      rejected,
      lastSuccessAt: typeof success?.value === 'string' ? success.value : null,
      lastError: isErrorInfo(error?.value) ? error.value : null,
    };
  });
}

/** Calls back with the summary now and after every change to what it reads (any tab). */
export function observeSyncSummary(onSummary: (summary: SyncSummary) => void, onError: (error: unknown) => void): () => void {
  const subscription = liveQuery(readSyncSummary).subscribe({ next: onSummary, error: onError });
  return () => subscription.unsubscribe();
}

export async function countOutbox(): Promise<number> {
  return db.outbox.count();
}

/** Calls back with the outbox size now and after every change (any tab): the debounce trigger. */
export function observeOutboxCount(onCount: (count: number) => void, onError: (error: unknown) => void): () => void {
  const subscription = liveQuery(() => db.outbox.count()).subscribe({ next: onCount, error: onError });
  return () => subscription.unsubscribe();
}

export async function recordSyncSuccess(at: string): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    await db.syncState.put({ key: SYNC_KEYS.lastSuccessAt, value: at });
    await db.syncState.delete(SYNC_KEYS.lastError);
  });
}

export async function recordSyncError(error: SyncErrorInfo): Promise<void> {
  await db.syncState.put({ key: SYNC_KEYS.lastError, value: error });
}

export async function clearSyncError(): Promise<void> {
  await db.syncState.delete(SYNC_KEYS.lastError);
}

// A sign-out made offline could not revoke the server session: the flag says the sync runtime
// must revoke it when the server answers. Read at start-up without a session (app/lock-check.tsx),
// so it lives here, beside the other sync keys, not in the heavier local-wipe module.
export async function markPendingLogout(): Promise<void> {
  await db.syncState.put({ key: SYNC_KEYS.pendingLogout, value: true });
}

export async function hasPendingLogout(): Promise<boolean> {
  return (await db.syncState.get(SYNC_KEYS.pendingLogout))?.value === true;
}

export async function clearPendingLogout(): Promise<void> {
  await db.syncState.delete(SYNC_KEYS.pendingLogout);
}
