// The syncState keys, apart from the repositories so that a read without Dexie (boot-settings.ts,
// session-state.ts) names the same rows; and the sync's Web Lock, which the lock check waits on
// after another tab's wipe without loading the sync engine (app/lock-check.tsx).

/** One sync round at a time across tabs (and the service worker, should it ever sync): sync/runtime.ts. */
export const SYNC_LOCK = 'so-tay-so-sync';

/** syncState keys owned by the sync engine (the clock keys live in local-write.ts). */
export const SYNC_KEYS = {
  cursor: 'cursor',
  lastSuccessAt: 'lastSuccessAt',
  lastError: 'lastError',
  /** A sign-out that could not reach the server: revoke the session when the network returns. */
  pendingLogout: 'pendingLogout',
  /** Tables whose pulled changes this app version could not read (a newer server); see pulls. */
  skippedTables: 'skippedTables',
} as const;
