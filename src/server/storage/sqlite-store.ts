// The embedded default store: one SQLite file under DATA_DIR, through better-sqlite3.
// better-sqlite3 is synchronous; the async methods keep the SyncStore contract shared
// with PostgreSQL, and one process owns the file, so blocking briefly is acceptable.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { latestVersion, MIGRATIONS, pendingMigrations, type AppliedMigration, type Migration } from './migrations';
import {
  USER_COLUMNS,
  USER_FROM,
  decodeCommuneRow,
  decodeOutcome,
  decodeRecordRow,
  decodeUserRow,
  encodeRecord,
  usernameKey,
  type CommuneDbRow,
  type RecordRow,
  type UserDbRow,
} from './rows';
import {
  DuplicateError,
  type AppliedMutation,
  type CommuneRow,
  type MigrationResult,
  type NewSession,
  type NewUser,
  type PullPage,
  type PullRequest,
  type PushBatch,
  type PushCommitted,
  type PushPlan,
  type RecordQuery,
  type RefreshOutcome,
  type RefreshRotation,
  type SessionWithUser,
  type StoreHealth,
  type StoredRecord,
  type SyncStore,
  type UserRow,
  type BackgroundErrorHandler,
} from './types';
import { startCheckpointer, type Checkpointer, type CheckpointStats } from './sqlite-checkpointer';
import type { SyncTable } from '../../shared/schemas/tables';
import type { SyncedRecord } from '../../shared/sync/merge';

export interface SqliteStoreOptions {
  file: string;
  /** Tests inject their own list; production uses MIGRATIONS. */
  migrations?: readonly Migration[];
  /**
   * The server checkpoints the WAL on a worker thread (sqlite-checkpointer.ts) instead of inside
   * a COMMIT; short-lived users (admin CLI, tests) keep SQLite's automatic checkpoints.
   */
  /**
   * Another connection's thread checkpoints the WAL (the server's sync thread writes through its
   * own connection while the main one owns the checkpointer): never checkpoint inside a COMMIT.
   */
  checkpointedElsewhere?: boolean;
  backgroundCheckpoint?: {
    intervalMs: number;
    /** WAL length in pages from which a checkpoint also rewinds the WAL (default 4 × SQLite's 1000). */
    restartFrames?: number;
    onError: BackgroundErrorHandler;
  };
}

/** SQLite's own automatic checkpoint threshold, in WAL pages (its default). */
const AUTO_CHECKPOINT_PAGES = 1000;
/** After a rewind the WAL file is cut back to this size instead of keeping its peak. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/** Most pushes written in one group commit (bounds how long one transaction blocks the event loop). */
const MAX_GROUP_COMMIT = 64;

/** The connection settings we rely on, as SQLite reports them. */
export interface SqliteSettings {
  journalMode: string;
  synchronous: number;
  foreignKeys: number;
  busyTimeout: number;
  /** WAL pages after which a COMMIT checkpoints inline; 0 when a background thread does it. */
  walAutocheckpoint: number;
}

export class SqliteStore implements SyncStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly migrations: readonly Migration[];
  /**
   * One transaction wrapper for every use: better-sqlite3 compiles its BEGIN/COMMIT/SAVEPOINT
   * statements when a wrapper is made, so making one per call costs more than the queries.
   */
  private readonly runner: Database.Transaction<(fn: () => unknown) => unknown>;

  constructor(options: SqliteStoreOptions) {
    mkdirSync(path.dirname(options.file), { recursive: true });
    this.migrations = options.migrations ?? MIGRATIONS;
    this.db = new Database(options.file);
    // WAL lets pulls read while a push writes. synchronous=FULL because durability is
    // chosen (SYNC.md §1): WAL's usual NORMAL can lose the last commits on power loss,
    // and an acknowledged mutation must never be lost. busy_timeout waits out another
    // connection (the server's push thread, the admin CLI) instead of failing with SQLITE_BUSY;
    // it is set first, so even switching to WAL waits rather than fails.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    this.runner = this.db.transaction((fn: () => unknown) => fn());
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

  private readonly checkpointer: Checkpointer | undefined;

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
      const row = this.sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
      return row?.value;
    });
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
    // The checkpointer's connection closes first, so this last one can fold the WAL back in.
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }

  // ---------- communes and users ----------

  createCommune(commune: CommuneRow): Promise<void> {
    return run(() => {
      try {
        this
          .sql('INSERT INTO communes (id, name, province_id, created_at) VALUES (?, ?, ?, ?)')
          .run(commune.id, commune.name, commune.provinceId, commune.createdAt);
      } catch (error) {
        throw uniqueToDuplicate(error, `A commune with id "${commune.id}" already exists.`);
      }
    });
  }

  getCommune(id: string): Promise<CommuneRow | undefined> {
    return run(() => {
      const row = this.sql('SELECT id, name, province_id, created_at FROM communes WHERE id = ?').get(id) as CommuneDbRow | undefined;
      return row ? decodeCommuneRow(row) : undefined;
    });
  }

  listCommunes(): Promise<CommuneRow[]> {
    return run(() => (this.sql('SELECT id, name, province_id, created_at FROM communes ORDER BY id').all() as CommuneDbRow[]).map(decodeCommuneRow));
  }

  createUser(user: NewUser): Promise<void> {
    return run(() => {
      try {
        this
          .sql(
            `INSERT INTO users (id, username, username_key, display_name, role, commune_id, province_id, password_hash, created_at, password_changed_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(user.id, user.username, usernameKey(user.username), user.displayName, user.role, user.communeId, user.provinceId, user.passwordHash, user.now, user.now);
      } catch (error) {
        throw uniqueToDuplicate(error, `The username "${user.username}" is taken.`);
      }
    });
  }

  findUserByUsername(username: string): Promise<UserRow | undefined> {
    return run(() => {
      const row = this.sql(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.username_key = ?`).get(usernameKey(username)) as UserDbRow | undefined;
      return row ? decodeUserRow(row) : undefined;
    });
  }

  listUsers(): Promise<UserRow[]> {
    return run(() => (this.sql(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} ORDER BY u.commune_id, u.username_key`).all() as UserDbRow[]).map(decodeUserRow));
  }

  setPassword(userId: string, passwordHash: string, now: number): Promise<void> {
    return run(() =>
      this.transaction(() => {
        this.sql('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(passwordHash, now, userId);
        this
          .sql("UPDATE sessions SET revoked_at = ?, revoked_reason = 'password_reset' WHERE user_id = ? AND revoked_at IS NULL")
          .run(now, userId);
      }),
    );
  }

  setUserDisabled(userId: string, disabled: boolean, now: number): Promise<void> {
    return run(() =>
      this.transaction(() => {
        this.sql('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, userId);
        if (disabled) {
          this.sql("UPDATE sessions SET revoked_at = ?, revoked_reason = 'disabled' WHERE user_id = ? AND revoked_at IS NULL").run(now, userId);
        }
      }),
    );
  }

  // ---------- sessions ----------

  createSession(session: NewSession): Promise<void> {
    return run(() =>
      this.transaction(() => {
        this
          .sql('INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at) VALUES (?, ?, ?, ?, ?)')
          .run(session.sessionId, session.userId, session.now, session.now, session.sessionExpiresAt);
        this
          .sql('INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
          .run(session.tokenHash, session.sessionId, session.now, Math.min(session.tokenExpiresAt, session.sessionExpiresAt));
      }),
    );
  }

  getSession(sessionId: string): Promise<SessionWithUser | undefined> {
    return run(() => {
      const row = this
        .sql(`SELECT s.expires_at AS s_expires_at, s.revoked_at AS s_revoked_at, ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN communes c ON c.id = u.commune_id WHERE s.id = ?`)
        .get(sessionId) as (UserDbRow & { s_expires_at: number; s_revoked_at: number | null }) | undefined;
      if (!row) return undefined;
      return { sessionId, expiresAt: row.s_expires_at, revokedAt: row.s_revoked_at, user: decodeUserRow(row) };
    });
  }

  rotateRefreshToken(rotation: RefreshRotation): Promise<RefreshOutcome> {
    return run(() =>
      this.transaction((): RefreshOutcome => {
        const token = this
          .sql(
            `SELECT t.session_id, t.expires_at, t.replaced_at, s.user_id, s.expires_at AS s_expires_at, s.revoked_at
             FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id WHERE t.token_hash = ?`,
          )
          .get(rotation.oldHash) as
          | { session_id: string; expires_at: number; replaced_at: number | null; user_id: string; s_expires_at: number; revoked_at: number | null }
          | undefined;
        if (!token) return { kind: 'unknown' };
        const ids = { sessionId: token.session_id, userId: token.user_id };
        if (token.revoked_at !== null) return { kind: 'revoked', ...ids };
        if (token.replaced_at !== null) {
          this.sql("UPDATE sessions SET revoked_at = ?, revoked_reason = 'refresh_reuse' WHERE id = ?").run(rotation.now, token.session_id);
          return { kind: 'reused', ...ids };
        }
        if (token.expires_at <= rotation.now || token.s_expires_at <= rotation.now) return { kind: 'expired', ...ids };
        this.sql('UPDATE refresh_tokens SET replaced_at = ? WHERE token_hash = ?').run(rotation.now, rotation.oldHash);
        this
          .sql('INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
          .run(rotation.newHash, token.session_id, rotation.now, Math.min(rotation.tokenExpiresAt, token.s_expires_at));
        this.sql('UPDATE sessions SET last_used_at = ? WHERE id = ?').run(rotation.now, token.session_id);
        return { kind: 'rotated', ...ids };
      }),
    );
  }

  findSessionByRefreshHash(tokenHash: string): Promise<string | undefined> {
    return run(() => (this.sql('SELECT session_id FROM refresh_tokens WHERE token_hash = ?').get(tokenHash) as { session_id: string } | undefined)?.session_id);
  }

  revokeSession(sessionId: string, reason: string, now: number): Promise<void> {
    return run(() => {
      this.sql('UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL').run(now, reason, sessionId);
    });
  }

  // ---------- login rate limit ----------

  recentLoginFailures(keys: readonly string[], since: number): Promise<Map<string, { count: number; oldest: number }>> {
    return run(() => {
      const statement = this.sql('SELECT count(*) AS count, min(at) AS oldest FROM login_failures WHERE key = ? AND at > ?');
      const result = new Map<string, { count: number; oldest: number }>();
      for (const key of keys) {
        const row = statement.get(key, since) as { count: number; oldest: number | null };
        result.set(key, { count: row.count, oldest: row.oldest ?? since });
      }
      return result;
    });
  }

  recordLoginFailure(keys: readonly string[], at: number, forgetBefore: number): Promise<void> {
    return run(() =>
      this.transaction(() => {
        this.sql('DELETE FROM login_failures WHERE at <= ?').run(forgetBefore);
        const insert = this.sql('INSERT INTO login_failures (key, at) VALUES (?, ?)');
        for (const key of keys) insert.run(key, at);
      }),
    );
  }

  clearLoginFailures(key: string): Promise<void> {
    return run(() => {
      this.sql('DELETE FROM login_failures WHERE key = ?').run(key);
    });
  }

  // ---------- sync ----------

  /**
   * Group commit: pushes that arrive together are written in one transaction, each inside its own
   * savepoint (a push that fails rolls back alone), so they share one fsync. With
   * synchronous=FULL the fsync is most of a push's cost; this keeps durability chosen (SYNC.md §1)
   * without one fsync per phone. Every push still resolves only after the COMMIT.
   */
  push<P extends PushPlan>(batch: PushBatch<P>): Promise<PushCommitted<P>> {
    return new Promise<PushCommitted<P>>((resolve, reject) => {
      this.pendingPushes.push({
        // A nested better-sqlite3 transaction is a SAVEPOINT: a throw undoes this push only.
        run: () => {
          const committed = this.nested(() => this.pushOne(batch));
          return () => resolve(committed);
        },
        reject,
      });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flushPushes());
      }
    });
  }

  private readonly pendingPushes: { run: () => () => void; reject: (error: unknown) => void }[] = [];
  private flushScheduled = false;

  private flushPushes(): void {
    this.flushScheduled = false;
    const group = this.pendingPushes.splice(0, MAX_GROUP_COMMIT);
    if (this.pendingPushes.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => this.flushPushes());
    }
    // Outcomes are settled only after COMMIT: an acknowledged push is a durable push.
    const settle: (() => void)[] = [];
    try {
      // BEGIN IMMEDIATE: SQLite has one writer at a time, so row_seq order is commit order (§4.1).
      this.transaction(() => {
        for (const item of group) {
          try {
            settle.push(item.run());
          } catch (error) {
            settle.push(() => item.reject(error));
          }
        }
      });
    } catch (error) {
      for (const item of group) item.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    for (const done of settle) done();
  }

  private pushOne<P extends PushPlan>(batch: PushBatch<P>): PushCommitted<P> {
    let seq = this.lockScope(batch.scope);
    const appliedStatement = this.sql('SELECT mutation_id, user_id, result FROM applied_mutations WHERE mutation_id = ?');
    const applied = new Map<string, AppliedMutation>();
    for (const mutationId of new Set(batch.mutationIds)) {
      const row = appliedStatement.get(mutationId) as { mutation_id: string; user_id: string; result: string } | undefined;
      if (row) applied.set(mutationId, { mutationId, userId: row.user_id, outcome: decodeOutcome(row.result) });
    }
    const recordStatement = this.sql('SELECT table_name, id, scope, fields, clocks, row_seq FROM records WHERE table_name = ? AND id = ?');
    const records: StoredRecord[] = [];
    const seen = new Set<string>();
    for (const { table, id } of batch.recordKeys) {
      const key = `${table}\u0000${id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      records.push(...(recordStatement.all(table, id) as RecordRow[]).map(decodeRecordRow));
    }

    const plan = batch.plan({ applied, records });

    const upsert = this.sql(
      `INSERT INTO records (table_name, id, scope, fields, clocks, row_seq) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (table_name, id, scope) DO UPDATE SET fields = excluded.fields, clocks = excluded.clocks, row_seq = excluded.row_seq`,
    );
    for (const write of plan.writes) {
      seq += 1;
      const encoded = encodeRecord(write.record);
      upsert.run(write.table, write.record.id, batch.scope, encoded.fields, encoded.clocks, seq);
    }
    const remember = this.sql('INSERT INTO applied_mutations (mutation_id, user_id, client_id, result, applied_at) VALUES (?, ?, ?, ?, ?)');
    for (const entry of plan.remember) remember.run(entry.mutationId, batch.userId, batch.clientId, JSON.stringify(entry.outcome), batch.now);
    this.sql('UPDATE scope_seq SET seq = ? WHERE scope = ?').run(seq, batch.scope);
    return { plan, scopeSeq: seq };
  }

  pull(request: PullRequest): Promise<PullPage> {
    return run(() =>
      // A deferred transaction of reads only: under WAL it is one snapshot, and writers go on.
      this.read((): PullPage => {
        const epoch = (this.sql("SELECT value FROM meta WHERE key = 'epoch'").get() as { value: string }).value;
        const head = this.sql('SELECT seq FROM scope_seq WHERE scope = ?');
        const page = this.sql(
          'SELECT table_name, id, scope, fields, clocks, row_seq FROM records WHERE scope = ? AND row_seq > ? ORDER BY row_seq LIMIT ?',
        );
        let remaining = request.limit;
        const scopes = request.scopes.map(({ scope, after }) => {
          const headSeq = (head.get(scope) as { seq: number } | undefined)?.seq ?? 0;
          const rows = (page.all(scope, after, remaining + 1) as RecordRow[]).map(decodeRecordRow);
          const hasMore = rows.length > remaining;
          if (hasMore) rows.length = remaining;
          remaining -= rows.length;
          return { scope, rows, hasMore, headSeq };
        });
        return { epoch, scopes };
      }),
    );
  }

  seedRecords(scope: string, records: readonly { table: SyncTable; record: SyncedRecord }[]): Promise<number> {
    return run(() =>
      this.transaction(() => {
        let seq = this.lockScope(scope);
        const exists = this.sql('SELECT 1 FROM records WHERE table_name = ? AND id = ? AND scope = ?');
        const insert = this.sql('INSERT INTO records (table_name, id, scope, fields, clocks, row_seq) VALUES (?, ?, ?, ?, ?, ?)');
        let inserted = 0;
        for (const { table, record } of records) {
          if (exists.get(table, record.id, scope)) continue;
          seq += 1;
          inserted += 1;
          const encoded = encodeRecord(record);
          insert.run(table, record.id, scope, encoded.fields, encoded.clocks, seq);
        }
        this.sql('UPDATE scope_seq SET seq = ? WHERE scope = ?').run(seq, scope);
        return inserted;
      }),
    );
  }

  pruneAppliedMutations(before: number): Promise<number> {
    return run(() => this.sql('DELETE FROM applied_mutations WHERE applied_at < ?').run(before).changes);
  }

  listRecords(query: RecordQuery): Promise<StoredRecord[]> {
    if (query.tables.length === 0) return Promise.resolve([]);
    const tables = query.tables.map(() => '?').join(', ');
    const period = query.occurredAt ? " AND json_extract(fields, '$.occurredAt') >= ? AND json_extract(fields, '$.occurredAt') < ?" : '';
    const params = [query.scope, ...query.tables, ...(query.occurredAt ? [query.occurredAt.from, query.occurredAt.before] : [])];
    return run(() =>
      (this.sql(`SELECT table_name, id, scope, fields, clocks, row_seq FROM records WHERE scope = ? AND table_name IN (${tables})${period}`).all(...params) as RecordRow[]).map(decodeRecordRow),
    );
  }

  /** Creates the scope's counter row if needed and returns its value; the caller is inside a write transaction. */
  private lockScope(scope: string): number {
    this.sql('INSERT INTO scope_seq (scope, seq) VALUES (?, 0) ON CONFLICT (scope) DO NOTHING').run(scope);
    return (this.sql('SELECT seq FROM scope_seq WHERE scope = ?').get(scope) as { seq: number }).seq;
  }

  /**
   * Runs `fn` in one write transaction. IMMEDIATE takes the write lock up front, so two
   * writers queue on busy_timeout instead of deadlocking when a reader upgrades.
   * `fn` must be synchronous: that is what keeps the transaction atomic in better-sqlite3.
   */
  private transaction<T>(fn: () => T): T {
    return this.runner.immediate(fn) as T;
  }

  /** Inside a transaction: a SAVEPOINT that rolls back alone when `fn` throws. */
  private nested<T>(fn: () => T): T {
    return this.runner(fn) as T;
  }

  /** A deferred (read) transaction: under WAL, one snapshot while writers go on. */
  private read<T>(fn: () => T): T {
    return this.runner.deferred(fn) as T;
  }

  /** Prepared statements, compiled once per SQL text (the hot paths run them per request). */
  private readonly statements = new Map<string, Database.Statement>();

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private schemaVersion(): number {
    const table = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!table) return 0;
    const row = this.db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
    return row.version ?? 0;
  }
}

/** A unique-constraint violation becomes a DuplicateError with a readable message. */
function uniqueToDuplicate(error: unknown, message: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ? new DuplicateError(message) : error;
}

/** Turns a synchronous throw into a rejection, so callers see one error path for both stores. */
function run<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
