// Chooses the store from the configuration: DATABASE_URL selects PostgreSQL,
// otherwise the embedded SQLite file under DATA_DIR. Where the long-running server runs its
// pushes is decided above storage, in ../compose.ts.
import type { DatabaseConfig } from '../config';
import { PostgresStore } from './postgres-store';
import { SqliteStore } from './sqlite-store';
import type { SyncStore } from './types';

/** Opens (but does not migrate) the configured store: the admin CLI, scripts and tests. */
export function openStore(database: DatabaseConfig): SyncStore {
  return database.kind === 'sqlite' ? new SqliteStore({ file: database.file }) : new PostgresStore({ url: database.url });
}
