// Chooses the store from the configuration: DATABASE_URL selects PostgreSQL,
// otherwise the embedded SQLite file under DATA_DIR.
import type { DatabaseConfig } from '../config';
import { PostgresStore } from './postgres-store';
import { SqliteStore } from './sqlite-store';
import type { BackgroundErrorHandler, SyncStore } from './types';

export interface OpenStoreOptions {
  onBackgroundError?: BackgroundErrorHandler;
  /** SQLite only: checkpoint the WAL on a worker thread (the long-running server wants this). */
  backgroundCheckpoint?: boolean;
}

/** How often the server's checkpoint thread copies the SQLite WAL into the database file. */
const CHECKPOINT_INTERVAL_MS = 200;

/** Opens (but does not migrate) the configured store. */
export function openStore(database: DatabaseConfig, options: OpenStoreOptions = {}): SyncStore {
  switch (database.kind) {
    case 'sqlite':
      return new SqliteStore({
        file: database.file,
        ...(options.backgroundCheckpoint ? { backgroundCheckpoint: { intervalMs: CHECKPOINT_INTERVAL_MS, onError: options.onBackgroundError ?? (() => undefined) } } : {}),
      });
    case 'postgres':
      return new PostgresStore({ url: database.url, ...(options.onBackgroundError ? { onBackgroundError: options.onBackgroundError } : {}) });
  }
}
