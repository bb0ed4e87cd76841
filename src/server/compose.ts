// The long-running server's wiring, above every layer: which store it opens and where sync
// requests run. The admin CLI, scripts and tests open a plain store (storage/open-store.ts).
import type { DatabaseConfig } from './config';
import { PostgresStore } from './storage/postgres-store';
import { SqliteStore } from './storage/sqlite-store';
import type { BackgroundErrorHandler, SyncStore } from './storage/types';
import { startPushThread } from './sync/push-thread';
import { inProcessSyncRequests, type SyncRequests } from './sync/sync-requests';

/** How often the server's checkpoint thread copies the SQLite WAL into the database file. */
const CHECKPOINT_INTERVAL_MS = 200;

export interface ServerStore {
  /** Accounts, sessions, pulls, migrations: this thread's connection; on SQLite the province's views read on a reader thread. */
  store: SyncStore;
  /** Pushes and pulls: for SQLite, pushes on the push thread (its own connection) and pulls here. */
  sync: SyncRequests;
  /** Resolves when sync can be served (the push thread is up); rejects if it cannot start. */
  ready: Promise<void>;
}

/**
 * What the long-running server opens: the store, and where sync requests run. On SQLite, the
 * push thread is the writer of sync records and checkpoints the WAL in the background; this
 * thread's connection never checkpoints inside a COMMIT; the province's views read on a third.
 */
export function openServerStore(database: DatabaseConfig, onBackgroundError: BackgroundErrorHandler): ServerStore {
  if (database.kind === 'postgres') {
    const store = new PostgresStore({ url: database.url, onBackgroundError });
    return { store, sync: inProcessSyncRequests(store.records), ready: Promise.resolve() };
  }
  // The province's views read on a reader thread (storage/sqlite/reader-thread.ts): a view's
  // statements must not hold this thread's event loop, which answers the pulls.
  const store = new SqliteStore({ file: database.file, checkpointedElsewhere: true, readerThread: true });
  const pushThread = startPushThread({ file: database.file, checkpointIntervalMs: CHECKPOINT_INTERVAL_MS, onBackgroundError });
  const inProcess = inProcessSyncRequests(store.records);
  return { store, sync: { push: pushThread.push, pull: inProcess.pull, purge: pushThread.purge, close: pushThread.close }, ready: pushThread.ready };
}
