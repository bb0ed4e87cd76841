// The embedded default store: one SQLite file under DATA_DIR, through better-sqlite3. A facade
// over one connection (sqlite/connection.ts) and one store per area (sqlite/<area>.ts).
import type { CheckpointStats } from './sqlite-checkpointer';
import { SqliteAccountStore } from './sqlite/accounts';
import { SqliteAuditStore } from './sqlite/audit';
import { SqliteConnection, type SqliteSettings, type SqliteStoreOptions } from './sqlite/connection';
import { SqliteRecordDialect } from './sqlite/records';
import { SqliteIndicatorValueStore } from './sqlite/indicator-values';
import { SqliteReportStore } from './sqlite/reports';
import { SqliteSessionStore } from './sqlite/sessions';
import { RecordsOnSql } from './records';
import { StoreFacade } from './store-facade';
import type { SyncStore } from './types';

export type { SqliteSettings, SqliteStoreOptions };

export class SqliteStore extends StoreFacade<SqliteConnection> implements SyncStore {
  readonly kind = 'sqlite' as const;
  readonly accounts = new SqliteAccountStore(this.connection);
  readonly sessions = new SqliteSessionStore(this.connection);
  readonly records = new RecordsOnSql(new SqliteRecordDialect(this.connection));
  readonly audit = new SqliteAuditStore(this.connection);
  readonly reports = new SqliteReportStore(this.connection);
  readonly indicatorValues = new SqliteIndicatorValueStore(this.connection);

  constructor(options: SqliteStoreOptions) {
    super(new SqliteConnection(options));
  }

  /** What the background checkpointer has done (undefined when SQLite checkpoints by itself). */
  checkpointStats(): CheckpointStats | undefined {
    return this.connection.checkpointStats();
  }

  settings(): SqliteSettings {
    return this.connection.settings();
  }
}
