// The PostgreSQL store, for deployments that outgrow one file (DATABASE_URL). A facade over one
// pool (postgres/connection.ts) and one store per area (postgres/<area>.ts).
import { PostgresAccountStore } from './postgres/accounts';
import { PostgresAuditStore } from './postgres/audit';
import { PostgresConnection, type PostgresStoreOptions } from './postgres/connection';
import { PostgresRecordDialect } from './postgres/records';
import { PostgresIndicatorValueStore } from './postgres/indicator-values';
import { PostgresReportStore } from './postgres/reports';
import { PostgresSessionStore } from './postgres/sessions';
import { RecordsOnSql } from './records';
import { StoreFacade } from './store-facade';
import type { SyncStore } from './types';

export { MIGRATION_LOCK_KEY } from './postgres/connection';
export type { PostgresStoreOptions };

export class PostgresStore extends StoreFacade<PostgresConnection> implements SyncStore {
  readonly kind = 'postgres' as const;
  readonly accounts = new PostgresAccountStore(this.connection);
  readonly sessions = new PostgresSessionStore(this.connection);
  readonly records = new RecordsOnSql(new PostgresRecordDialect(this.connection));
  readonly audit = new PostgresAuditStore(this.connection);
  readonly reports = new PostgresReportStore(this.connection);
  readonly indicatorValues = new PostgresIndicatorValueStore(this.connection);

  constructor(options: PostgresStoreOptions) {
    super(new PostgresConnection(options));
  }
}
