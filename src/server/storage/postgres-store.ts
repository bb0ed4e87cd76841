// The PostgreSQL store, for deployments that outgrow one file (DATABASE_URL).
import pg from 'pg';
import { latestVersion, MIGRATIONS, pendingMigrations, type AppliedMigration, type Migration } from './migrations';
import type { BackgroundErrorHandler, MigrationResult, StoreHealth, SyncStore } from './types';

export interface PostgresStoreOptions {
  url: string;
  /** Tests inject their own list; production uses MIGRATIONS. */
  migrations?: readonly Migration[];
  /** Errors from idle pooled connections (server restart, network cut); without a listener they would crash the process. */
  onBackgroundError?: BackgroundErrorHandler;
  maxConnections?: number;
}

/**
 * Key of the transaction-level advisory lock held while migrating, so two instances
 * starting together apply each migration once instead of racing on CREATE TABLE.
 * Any constant works as long as nothing else in the database uses it.
 */
export const MIGRATION_LOCK_KEY = 0x536f_5461; // "SoTa"

export class PostgresStore implements SyncStore {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly migrations: readonly Migration[];
  private closed = false;

  constructor(options: PostgresStoreOptions) {
    this.migrations = options.migrations ?? MIGRATIONS;
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      // Fail a request (and the health check) rather than hang when the database is unreachable.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      application_name: 'so-tay-so',
    });
    const onError = options.onBackgroundError ?? (() => undefined);
    this.pool.on('error', onError);
  }

  async migrate(): Promise<MigrationResult> {
    return this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await client.query<AppliedMigration>('SELECT version, name FROM schema_migrations ORDER BY version');
      const pending = pendingMigrations(rows, this.migrations);
      for (const migration of pending) {
        // No parameters: the simple query protocol runs a multi-statement migration.
        await client.query(migration.postgres);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      }
      return { applied: pending.map((m) => m.version), schemaVersion: latestVersion(this.migrations) };
    });
  }

  async health(): Promise<StoreHealth> {
    try {
      const { rows } = await this.pool.query<{ version: number | null }>(
        "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE (SELECT max(version) FROM schema_migrations) END AS version",
      );
      const schemaVersion = rows[0]?.version ?? 0;
      return { ok: schemaVersion === latestVersion(this.migrations), schemaVersion };
    } catch {
      return { ok: false, schemaVersion: 0 };
    }
  }

  async getMeta(key: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
    return rows[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.pool.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /**
   * Runs `fn` on one connection inside BEGIN/COMMIT, rolling back on any error.
   * A connection whose ROLLBACK failed is in an unknown state, so it is destroyed
   * rather than returned to the pool.
   */
  private async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
