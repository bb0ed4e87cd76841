// The embedded default store: one SQLite file under DATA_DIR, through better-sqlite3.
// better-sqlite3 is synchronous; the async methods keep the SyncStore contract shared
// with PostgreSQL, and one process owns the file, so blocking briefly is acceptable.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { latestVersion, MIGRATIONS, pendingMigrations, type AppliedMigration, type Migration } from './migrations';
import type { MigrationResult, StoreHealth, SyncStore } from './types';

export interface SqliteStoreOptions {
  file: string;
  /** Tests inject their own list; production uses MIGRATIONS. */
  migrations?: readonly Migration[];
}

/** The connection settings we rely on, as SQLite reports them. */
export interface SqliteSettings {
  journalMode: string;
  synchronous: number;
  foreignKeys: number;
  busyTimeout: number;
}

export class SqliteStore implements SyncStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly migrations: readonly Migration[];

  constructor(options: SqliteStoreOptions) {
    mkdirSync(path.dirname(options.file), { recursive: true });
    this.migrations = options.migrations ?? MIGRATIONS;
    this.db = new Database(options.file);
    // WAL lets pulls read while a push writes. synchronous=FULL because durability is
    // chosen (SYNC.md §1): WAL's usual NORMAL can lose the last commits on power loss,
    // and an acknowledged mutation must never be lost. busy_timeout waits out a second
    // process (the admin CLI) instead of failing with SQLITE_BUSY.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
  }

  settings(): SqliteSettings {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      foreignKeys: Number(this.db.pragma('foreign_keys', { simple: true })),
      busyTimeout: Number(this.db.pragma('busy_timeout', { simple: true })),
    };
  }

  migrate(): Promise<MigrationResult> {
    return run(() =>
      this.transaction(() => {
        this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
        const applied = this.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as AppliedMigration[];
        const pending = pendingMigrations(applied, this.migrations);
        const record = this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
        for (const migration of pending) {
          this.db.exec(migration.sqlite);
          record.run(migration.version, migration.name, new Date().toISOString());
        }
        return { applied: pending.map((m) => m.version), schemaVersion: latestVersion(this.migrations) };
      }),
    );
  }

  health(): Promise<StoreHealth> {
    try {
      const schemaVersion = this.schemaVersion();
      return Promise.resolve({ ok: schemaVersion === latestVersion(this.migrations), schemaVersion });
    } catch {
      return Promise.resolve({ ok: false, schemaVersion: 0 });
    }
  }

  getMeta(key: string): Promise<string | undefined> {
    return run(() => {
      const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
      return row?.value;
    });
  }

  setMeta(key: string, value: string): Promise<void> {
    return run(() => {
      this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
    });
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }

  /**
   * Runs `fn` in one write transaction. IMMEDIATE takes the write lock up front, so two
   * writers queue on busy_timeout instead of deadlocking when a reader upgrades.
   * `fn` must be synchronous: that is what keeps the transaction atomic in better-sqlite3.
   */
  private transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  private schemaVersion(): number {
    const table = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!table) return 0;
    const row = this.db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
    return row.version ?? 0;
  }
}

/** Turns a synchronous throw into a rejection, so callers see one error path for both stores. */
function run<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
