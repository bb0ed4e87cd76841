// The PostgreSQL store, for deployments that outgrow one file (DATABASE_URL).
import pg from 'pg';
import type { SyncTable } from '../../shared/schemas/tables';
import type { SyncedRecord } from '../../shared/sync/merge';
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
  type BackgroundErrorHandler,
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
} from './types';

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
    await this.pool.end();
  }

  // ---------- communes and users ----------

  async createCommune(commune: CommuneRow): Promise<void> {
    try {
      await this.pool.query('INSERT INTO communes (id, name, province_id, created_at) VALUES ($1, $2, $3, $4)', [
        commune.id,
        commune.name,
        commune.provinceId,
        commune.createdAt,
      ]);
    } catch (error) {
      throw uniqueToDuplicate(error, `A commune with id "${commune.id}" already exists.`);
    }
  }

  async getCommune(id: string): Promise<CommuneRow | undefined> {
    const { rows } = await this.pool.query<CommuneDbRow>('SELECT id, name, province_id, created_at FROM communes WHERE id = $1', [id]);
    return rows[0] ? decodeCommuneRow(rows[0]) : undefined;
  }

  async listCommunes(): Promise<CommuneRow[]> {
    const { rows } = await this.pool.query<CommuneDbRow>('SELECT id, name, province_id, created_at FROM communes ORDER BY id');
    return rows.map(decodeCommuneRow);
  }

  async createUser(user: NewUser): Promise<void> {
    try {
      await this.pool.query(
        `INSERT INTO users (id, username, username_key, display_name, role, commune_id, province_id, password_hash, created_at, password_changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
        [user.id, user.username, usernameKey(user.username), user.displayName, user.role, user.communeId, user.provinceId, user.passwordHash, user.now],
      );
    } catch (error) {
      throw uniqueToDuplicate(error, `The username "${user.username}" is taken.`);
    }
  }

  async findUserByUsername(username: string): Promise<UserRow | undefined> {
    const { rows } = await this.pool.query<UserDbRow>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.username_key = $1`, [usernameKey(username)]);
    return rows[0] ? decodeUserRow(rows[0]) : undefined;
  }

  async listUsers(): Promise<UserRow[]> {
    const { rows } = await this.pool.query<UserDbRow>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} ORDER BY u.commune_id NULLS FIRST, u.username_key`);
    return rows.map(decodeUserRow);
  }

  async setPassword(userId: string, passwordHash: string, now: number): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3', [passwordHash, now, userId]);
      await client.query("UPDATE sessions SET revoked_at = $1, revoked_reason = 'password_reset' WHERE user_id = $2 AND revoked_at IS NULL", [now, userId]);
    });
  }

  async setUserDisabled(userId: string, disabled: boolean, now: number): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('UPDATE users SET disabled = $1 WHERE id = $2', [disabled, userId]);
      if (disabled) {
        await client.query("UPDATE sessions SET revoked_at = $1, revoked_reason = 'disabled' WHERE user_id = $2 AND revoked_at IS NULL", [now, userId]);
      }
    });
  }

  // ---------- sessions ----------

  async createSession(session: NewSession): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at) VALUES ($1, $2, $3, $3, $4)', [
        session.sessionId,
        session.userId,
        session.now,
        session.sessionExpiresAt,
      ]);
      await client.query('INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
        session.tokenHash,
        session.sessionId,
        session.now,
        Math.min(session.tokenExpiresAt, session.sessionExpiresAt),
      ]);
    });
  }

  async getSession(sessionId: string): Promise<SessionWithUser | undefined> {
    const { rows } = await this.pool.query<UserDbRow & { s_expires_at: string; s_revoked_at: string | null }>(
      `SELECT s.expires_at AS s_expires_at, s.revoked_at AS s_revoked_at, ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN communes c ON c.id = u.commune_id WHERE s.id = $1`,
      [sessionId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { sessionId, expiresAt: Number(row.s_expires_at), revokedAt: row.s_revoked_at === null ? null : Number(row.s_revoked_at), user: decodeUserRow(row) };
  }

  async rotateRefreshToken(rotation: RefreshRotation): Promise<RefreshOutcome> {
    return this.transaction(async (client): Promise<RefreshOutcome> => {
      // FOR UPDATE: two uses of one token at once are serialized, and the second sees it replaced.
      const { rows } = await client.query<{
        session_id: string;
        expires_at: string;
        replaced_at: string | null;
        user_id: string;
        s_expires_at: string;
        revoked_at: string | null;
      }>(
        `SELECT t.session_id, t.expires_at, t.replaced_at, s.user_id, s.expires_at AS s_expires_at, s.revoked_at
         FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id WHERE t.token_hash = $1 FOR UPDATE OF t, s`,
        [rotation.oldHash],
      );
      const token = rows[0];
      if (!token) return { kind: 'unknown' };
      const ids = { sessionId: token.session_id, userId: token.user_id };
      if (token.revoked_at !== null) return { kind: 'revoked', ...ids };
      if (token.replaced_at !== null) {
        await client.query("UPDATE sessions SET revoked_at = $1, revoked_reason = 'refresh_reuse' WHERE id = $2", [rotation.now, token.session_id]);
        return { kind: 'reused', ...ids };
      }
      const sessionExpiresAt = Number(token.s_expires_at);
      if (Number(token.expires_at) <= rotation.now || sessionExpiresAt <= rotation.now) return { kind: 'expired', ...ids };
      await client.query('UPDATE refresh_tokens SET replaced_at = $1 WHERE token_hash = $2', [rotation.now, rotation.oldHash]);
      await client.query('INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
        rotation.newHash,
        token.session_id,
        rotation.now,
        Math.min(rotation.tokenExpiresAt, sessionExpiresAt),
      ]);
      await client.query('UPDATE sessions SET last_used_at = $1 WHERE id = $2', [rotation.now, token.session_id]);
      return { kind: 'rotated', ...ids };
    });
  }

  async findSessionByRefreshHash(tokenHash: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ session_id: string }>('SELECT session_id FROM refresh_tokens WHERE token_hash = $1', [tokenHash]);
    return rows[0]?.session_id;
  }

  async revokeSession(sessionId: string, reason: string, now: number): Promise<void> {
    await this.pool.query('UPDATE sessions SET revoked_at = $1, revoked_reason = $2 WHERE id = $3 AND revoked_at IS NULL', [now, reason, sessionId]);
  }

  // ---------- login rate limit ----------

  async recentLoginFailures(keys: readonly string[], since: number): Promise<Map<string, { count: number; oldest: number }>> {
    const { rows } = await this.pool.query<{ key: string; count: string; oldest: string }>(
      'SELECT key, count(*) AS count, min(at) AS oldest FROM login_failures WHERE key = ANY($1::text[]) AND at > $2 GROUP BY key',
      [keys, since],
    );
    const result = new Map(keys.map((key) => [key, { count: 0, oldest: since }]));
    for (const row of rows) result.set(row.key, { count: Number(row.count), oldest: Number(row.oldest) });
    return result;
  }

  async recordLoginFailure(keys: readonly string[], at: number, forgetBefore: number): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM login_failures WHERE at <= $1', [forgetBefore]);
      await client.query('INSERT INTO login_failures (key, at) SELECT unnest($1::text[]), $2', [keys, at]);
    });
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.pool.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }

  // ---------- sync ----------

  async push<P extends PushPlan>(batch: PushBatch<P>): Promise<PushCommitted<P>> {
    // READ COMMITTED (the default): the counter row lock is taken first and held to COMMIT, so
    // writers of one scope queue on it, each sees the previous one's commit, and row_seq order
    // equals commit order (sync-research §4.1). REPEATABLE READ would fail the second writer instead.
    return this.transaction(async (client) => {
      let seq = await lockScope(client, batch.scope);
      const applied = new Map<string, AppliedMutation>();
      if (batch.mutationIds.length > 0) {
        const { rows } = await client.query<{ mutation_id: string; user_id: string; result: string }>(
          'SELECT mutation_id, user_id, result FROM applied_mutations WHERE mutation_id = ANY($1::text[])',
          [[...new Set(batch.mutationIds)]],
        );
        for (const row of rows) applied.set(row.mutation_id, { mutationId: row.mutation_id, userId: row.user_id, outcome: decodeOutcome(row.result) });
      }
      const records = [];
      if (batch.recordKeys.length > 0) {
        const { rows } = await client.query<RecordRow>(
          `SELECT table_name, id, scope, fields, clocks, row_seq FROM records
           WHERE (table_name, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
          [batch.recordKeys.map((key) => key.table), batch.recordKeys.map((key) => key.id)],
        );
        records.push(...rows.map(decodeRecordRow));
      }

      const plan = batch.plan({ applied, records });

      if (plan.writes.length > 0) {
        const encoded = plan.writes.map((write) => encodeRecord(write.record));
        const seqs = plan.writes.map(() => (seq += 1));
        await client.query(
          `INSERT INTO records (table_name, id, scope, fields, clocks, row_seq)
           SELECT t, i, $3, f, c, s FROM unnest($1::text[], $2::text[], $4::text[], $5::text[], $6::bigint[]) AS u (t, i, f, c, s)
           ON CONFLICT (table_name, id, scope) DO UPDATE SET fields = excluded.fields, clocks = excluded.clocks, row_seq = excluded.row_seq`,
          [
            plan.writes.map((write) => write.table),
            plan.writes.map((write) => write.record.id),
            batch.scope,
            encoded.map((e) => e.fields),
            encoded.map((e) => e.clocks),
            seqs,
          ],
        );
      }
      if (plan.remember.length > 0) {
        await client.query(
          `INSERT INTO applied_mutations (mutation_id, user_id, client_id, result, applied_at)
           SELECT m, $2, $3, r, $4 FROM unnest($1::text[], $5::text[]) AS u (m, r)`,
          [plan.remember.map((entry) => entry.mutationId), batch.userId, batch.clientId, batch.now, plan.remember.map((entry) => JSON.stringify(entry.outcome))],
        );
      }
      await client.query('UPDATE scope_seq SET seq = $1 WHERE scope = $2', [seq, batch.scope]);
      return { plan, scopeSeq: seq };
    });
  }

  async pull(request: PullRequest): Promise<PullPage> {
    // One REPEATABLE READ snapshot for the epoch, the heads and every scope's rows: the page is a
    // state that existed, and a push committed meanwhile is wholly in the next page or wholly not.
    return this.transaction(async (client) => {
      const { rows: meta } = await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'epoch'");
      const scopes: PullPage['scopes'] = [];
      let remaining = request.limit;
      for (const { scope, after } of request.scopes) {
        const { rows: head } = await client.query<{ seq: string }>('SELECT seq FROM scope_seq WHERE scope = $1', [scope]);
        const { rows } = await client.query<RecordRow>(
          'SELECT table_name, id, scope, fields, clocks, row_seq FROM records WHERE scope = $1 AND row_seq > $2 ORDER BY row_seq LIMIT $3',
          [scope, after, remaining + 1],
        );
        const decoded = rows.map(decodeRecordRow);
        const hasMore = decoded.length > remaining;
        if (hasMore) decoded.length = remaining;
        remaining -= decoded.length;
        scopes.push({ scope, rows: decoded, hasMore, headSeq: Number(head[0]?.seq ?? 0) });
      }
      return { epoch: meta[0]!.value, scopes };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async seedRecords(scope: string, records: readonly { table: SyncTable; record: SyncedRecord }[]): Promise<number> {
    return this.transaction(async (client) => {
      let seq = await lockScope(client, scope);
      let inserted = 0;
      for (const { table, record } of records) {
        const encoded = encodeRecord(record);
        const result = await client.query(
          `INSERT INTO records (table_name, id, scope, fields, clocks, row_seq) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (table_name, id, scope) DO NOTHING`,
          [table, record.id, scope, encoded.fields, encoded.clocks, seq + 1],
        );
        if (result.rowCount === 1) {
          seq += 1;
          inserted += 1;
        }
      }
      await client.query('UPDATE scope_seq SET seq = $1 WHERE scope = $2', [seq, scope]);
      return inserted;
    });
  }

  async pruneAppliedMutations(before: number): Promise<number> {
    const result = await this.pool.query('DELETE FROM applied_mutations WHERE applied_at < $1', [before]);
    return result.rowCount ?? 0;
  }

  async listRecords(query: RecordQuery): Promise<StoredRecord[]> {
    if (query.tables.length === 0) return [];
    // COLLATE "C": ISO instants compare byte by byte, whatever the database's locale.
    const period = query.occurredAt ? ` AND (fields::json ->> 'occurredAt') COLLATE "C" >= $3 AND (fields::json ->> 'occurredAt') COLLATE "C" < $4` : '';
    const { rows } = await this.pool.query<RecordRow>(
      `SELECT table_name, id, scope, fields, clocks, row_seq FROM records WHERE scope = $1 AND table_name = ANY($2::text[])${period}`,
      [query.scope, [...query.tables], ...(query.occurredAt ? [query.occurredAt.from, query.occurredAt.before] : [])],
    );
    return rows.map(decodeRecordRow);
  }

  /**
   * Runs `fn` on one connection inside BEGIN/COMMIT, rolling back on any error.
   * A connection whose ROLLBACK failed is in an unknown state, so it is destroyed
   * rather than returned to the pool.
   */
  private async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(begin);
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

/**
 * Takes the scope's counter row lock (creating the row on first use) and returns its value. The
 * no-op DO UPDATE is what locks an existing row; a concurrent writer waits here until COMMIT.
 */
async function lockScope(client: pg.PoolClient, scope: string): Promise<number> {
  const { rows } = await client.query<{ seq: string }>(
    'INSERT INTO scope_seq (scope, seq) VALUES ($1, 0) ON CONFLICT (scope) DO UPDATE SET seq = scope_seq.seq RETURNING seq',
    [scope],
  );
  return Number(rows[0]!.seq);
}

/** A unique-constraint violation (SQLSTATE 23505) becomes a DuplicateError with a readable message. */
function uniqueToDuplicate(error: unknown, message: string): unknown {
  return (error as { code?: unknown } | null)?.code === '23505' ? new DuplicateError(message) : error;
}
