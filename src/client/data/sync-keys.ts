// The syncState keys, apart from the repositories so that a read without Dexie (boot-settings.ts,
// session-state.ts) names the same rows.

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
