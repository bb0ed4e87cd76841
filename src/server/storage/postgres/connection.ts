// One pg pool and what every PostgreSQL area store needs from it: queries, transactions that
// roll back (and drop a broken connection), migrations, meta and health.
import pg from 'pg';
import type { AppliedMigration, Migration } from '../migration-types';
import { latestVersion, MIGRATIONS, pendingMigrations } from '../migrations';
import type { BackgroundErrorHandler, MigrationResult, StoreHealth } from '../types';

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

export class PostgresConnection {
  readonly pool: pg.Pool;
  /**
   * The province's views' own connection (postgres/reports.ts; docs/reports.md "Beside the sync
   * rounds"): one, so a view's statements run one at a time, each in one backend without parallel
   * workers. A view then keeps at most one of the database's cores busy and leaves the others to
   * the sync rounds, which never wait for this pool nor it for theirs.
   */
  readonly views: pg.Pool;
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
    this.views = new pg.Pool({
      connectionString: options.url,
      max: 1,
      // Also how long a view may wait behind another admin's view for the connection.
      connectionTimeoutMillis: 15_000,
      idleTimeoutMillis: 30_000,
      application_name: 'so-tay-so-views',
      options: '-c max_parallel_workers_per_gather=0',
    });
    const onError = options.onBackgroundError ?? (() => undefined);
    this.pool.on('error', onError);
    this.views.on('error', onError);
  }

  /**
   * Runs `fn` on one connection inside BEGIN/COMMIT, rolling back on any error.
   * A connection whose ROLLBACK failed is in an unknown state, so it is destroyed
   * rather than returned to the pool.
   */
  async transaction<T>(fn: (client: pg.PoolClient, began: pg.QueryResult) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      // `begin` may carry a first statement after BEGIN (one round trip): fn gets its result.
      const began = (await client.query(begin)) as pg.QueryResult | pg.QueryResult[];
      const result = await fn(client, Array.isArray(began) ? began.at(-1)! : began);
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

  async ensureMeta(key: string, value: string): Promise<string> {
    const { rows } = await this.pool.query<{ value: string }>(
      // The no-op update makes RETURNING give the stored row whether or not this insert won.
      'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = meta.value RETURNING value',
      [key, value],
    );
    return rows[0]!.value;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.pool.end(), this.views.end()]);
  }
}

/** A unique-constraint violation (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
