// Chooses the store from the configuration: DATABASE_URL selects PostgreSQL,
// otherwise the embedded SQLite file under DATA_DIR.
import type { DatabaseConfig } from '../config';
import { PostgresStore } from './postgres-store';
import { SqliteStore } from './sqlite-store';
import type { BackgroundErrorHandler, SyncStore } from './types';
import { startPushThread } from '../sync/push-thread';
import { inProcessSyncRequests, type SyncRequests } from '../sync/sync-requests';

/** How often the server's checkpoint thread copies the SQLite WAL into the database file. */
const CHECKPOINT_INTERVAL_MS = 200;

export interface ServerStore {
  /** Accounts, sessions, pulls, reports, migrations: this thread's connection. */
  store: SyncStore;
  /** Pushes and pulls: for SQLite, pushes on the push thread (its own connection) and pulls here. */
  sync: SyncRequests;
  /** Resolves when sync can be served (the push thread is up); rejects if it cannot start. */
  ready: Promise<void>;
}

/**
 * What the long-running server opens: the store, and where sync requests run. On SQLite, the
 * push thread is the writer of sync records and checkpoints the WAL in the background; this
 * thread's connection never checkpoints inside a COMMIT.
 */
export function openServerStore(database: DatabaseConfig, onBackgroundError: BackgroundErrorHandler): ServerStore {
  if (database.kind === 'postgres') {
    const store = new PostgresStore({ url: database.url, onBackgroundError });
    return { store, sync: inProcessSyncRequests(store), ready: Promise.resolve() };
  }
  const store = new SqliteStore({ file: database.file, checkpointedElsewhere: true });
  const pushThread = startPushThread({ file: database.file, checkpointIntervalMs: CHECKPOINT_INTERVAL_MS, onBackgroundError });
  const inProcess = inProcessSyncRequests(store);
  return { store, sync: { push: pushThread.push, pull: inProcess.pull, close: pushThread.close }, ready: pushThread.ready };
}

/** Opens (but does not migrate) the configured store: the admin CLI, scripts and tests. */
export function openStore(database: DatabaseConfig): SyncStore {
  return database.kind === 'sqlite' ? new SqliteStore({ file: database.file }) : new PostgresStore({ url: database.url });
}
