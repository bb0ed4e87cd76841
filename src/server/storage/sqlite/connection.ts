// One better-sqlite3 connection and what every SQLite area store needs from it: prepared
// statements compiled once, the three kinds of transaction, migrations, meta and health.
// better-sqlite3 is synchronous; the area stores keep the async contracts shared with
// PostgreSQL, and one process owns the file, so blocking briefly is acceptable.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AppliedMigration, Migration } from '../migration-types';
import { latestVersion, MIGRATIONS, pendingMigrations } from '../migrations';
import { startCheckpointer, type Checkpointer, type CheckpointStats } from '../sqlite-checkpointer';
import type { BackgroundErrorHandler, MigrationResult, StoreHealth } from '../types';
import { ReaderThread } from './reader-thread';

export interface SqliteStoreOptions {
  file: string;
  /** Tests inject their own list; production uses MIGRATIONS. */
  migrations?: readonly Migration[];
  /**
   * Another connection's thread checkpoints the WAL (the server's sync thread writes through its
   * own connection while the main one owns the checkpointer): never checkpoint inside a COMMIT.
   */
  checkpointedElsewhere?: boolean;
  /**
   * The server's province views read on a read-only connection of their own, on a worker thread
   * (reader-thread.ts), so that they never hold the event loop that answers sync rounds.
   */
  readerThread?: boolean;
  /**
   * The server checkpoints the WAL on a worker thread (sqlite-checkpointer.ts) instead of inside
   * a COMMIT; short-lived users (admin CLI, tests) keep SQLite's automatic checkpoints.
   */
  backgroundCheckpoint?: {
    intervalMs: number;
    /** WAL length in pages from which a checkpoint also rewinds the WAL (default 4 × SQLite's 1000). */
    restartFrames?: number;
    onError: BackgroundErrorHandler;
  };
}

/** The connection settings we rely on, as SQLite reports them. */
export interface SqliteSettings {
  journalMode: string;
  synchronous: number;
  foreignKeys: number;
  busyTimeout: number;
  /** WAL pages after which a COMMIT checkpoints inline; 0 when a background thread does it. */
  walAutocheckpoint: number;
}

/** SQLite's own automatic checkpoint threshold, in WAL pages (its default). */
const AUTO_CHECKPOINT_PAGES = 1000;
/** After a rewind the WAL file is cut back to this size instead of keeping its peak. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

export class SqliteConnection {
  private readonly db: Database.Database;
  private readonly migrations: readonly Migration[];
  private readonly checkpointer: Checkpointer | undefined;
  private readonly reader: ReaderThread | undefined;
  /**
   * One transaction wrapper for every use: better-sqlite3 compiles its BEGIN/COMMIT/SAVEPOINT
   * statements when a wrapper is made, so making one per call costs more than the queries.
   */
  private readonly runner: Database.Transaction<(fn: () => unknown) => unknown>;
  /** Prepared statements, compiled once per SQL text (the hot paths run them per request). */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(options: SqliteStoreOptions) {
    mkdirSync(path.dirname(options.file), { recursive: true });
    this.migrations = options.migrations ?? MIGRATIONS;
    this.db = new Database(options.file);
    // WAL lets pulls read while a push writes. synchronous=FULL because durability is
    // chosen (docs/sync.md §1): WAL's usual NORMAL can lose the last commits on power loss,
    // and an acknowledged mutation must never be lost. busy_timeout waits out another
    // connection (the server's push thread, the admin CLI) instead of failing with SQLITE_BUSY;
    // it is set first, so even switching to WAL waits rather than fails.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // A citizen's erased details must not survive in freed space of the file (docs/privacy.md):
    // SQLite overwrites deleted content with zeros instead of leaving it in free pages.
    this.db.pragma('secure_delete = ON');
    this.db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    this.runner = this.db.transaction((fn: () => unknown) => fn());
    this.reader = options.readerThread ? new ReaderThread(options.file) : undefined;
    if (options.checkpointedElsewhere) this.db.pragma('wal_autocheckpoint = 0');
    const background = options.backgroundCheckpoint;
    if (background) {
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = startCheckpointer(options.file, {
        intervalMs: background.intervalMs,
        restartFrames: background.restartFrames ?? AUTO_CHECKPOINT_PAGES * 4,
        onError: background.onError,
        onLost: () => {
          background.onError(new Error('the WAL checkpoint thread stopped; checkpointing inline again'));
          if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
        },
      });
    }
  }

  /** What the background checkpointer has done (undefined when SQLite checkpoints by itself). */
  checkpointStats(): CheckpointStats | undefined {
    return this.checkpointer?.stats();
  }

  settings(): SqliteSettings {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      foreignKeys: Number(this.db.pragma('foreign_keys', { simple: true })),
      busyTimeout: Number(this.db.pragma('busy_timeout', { simple: true })),
      walAutocheckpoint: Number(this.db.pragma('wal_autocheckpoint', { simple: true })),
    };
  }

  /** A prepared statement for `text`, compiled on first use. */
  sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /**
   * Every row of a statement that only reads, on the reader thread when this connection has one
   * (the server's, for the province's views), else here.
   */
  readAll<T>(text: string, params: readonly unknown[]): Promise<T[]> {
    return this.reader ? this.reader.all<T>(text, params) : run(() => this.sql(text).all(...params) as T[]);
  }

  /**
   * Runs `fn` in one write transaction. IMMEDIATE takes the write lock up front, so two
   * writers queue on busy_timeout instead of deadlocking when a reader upgrades.
   * `fn` must be synchronous: that is what keeps the transaction atomic in better-sqlite3.
   */
  transaction<T>(fn: () => T): T {
    return this.runner.immediate(fn) as T;
  }

  /** Inside a transaction: a SAVEPOINT that rolls back alone when `fn` throws. */
  nested<T>(fn: () => T): T {
    return this.runner(fn) as T;
  }

  /** A deferred (read) transaction: under WAL, one snapshot while writers go on. */
  read<T>(fn: () => T): T {
    return this.runner.deferred(fn) as T;
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
    return run(() => (this.sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value);
  }

  setMeta(key: string, value: string): Promise<void> {
    return run(() => {
      this.sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
    });
  }

  ensureMeta(key: string, value: string): Promise<string> {
    return run(() =>
      this.transaction(() => {
        this.sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, value);
        return (this.sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string }).value;
      }),
    );
  }

  async close(): Promise<void> {
    // The reader's and the checkpointer's connections close first, so this last one can fold the WAL back in.
    await this.reader?.close();
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }

  private schemaVersion(): number {
    const table = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!table) return 0;
    const row = this.db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
    return row.version ?? 0;
  }
}

/** Turns a synchronous throw into a rejection, so callers see one error path for both stores. */
export function run<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** A unique-constraint violation becomes a DuplicateError-worthy error: true for SQLite's codes. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
