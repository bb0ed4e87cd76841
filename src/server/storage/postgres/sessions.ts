// Refresh-token sessions and the login rate limit's failures on PostgreSQL (SessionStore).
import { decodeSessionRow, judgeRefreshToken, refreshTokenSelect, sessionWithUserSelect, type RefreshTokenDbRow, type SessionUserDbRow } from '../rows';
import { decodeDeviceRow, deviceScope, deviceSelect, type DeviceDbRow } from '../device-rows';
import type { DeviceNote, DeviceRow, LoginFailures, NewSession, RefreshOutcome, RefreshRotation, SessionStore, SessionWithUser } from '../session-types';
import type { PostgresConnection } from './connection';

const INSERT_REFRESH_TOKEN = 'INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at) VALUES ($1, $2, $3, $4)';

/** One statement, and no write when nothing changed and the noted times are recent (a pull per page must stay cheap). */
const NOTE_DEVICE = `UPDATE sessions SET last_used_at = greatest(last_used_at, $2::bigint),
    last_sync_at = CASE WHEN $3::boolean THEN $2::bigint ELSE last_sync_at END,
    app_version = coalesce($4::text, app_version), unsynced_count = coalesce($5::integer, unsynced_count)
  WHERE id = $1 AND (last_used_at < $6::bigint OR ($3::boolean AND (last_sync_at IS NULL OR last_sync_at < $6::bigint))
    OR ($4::text IS NOT NULL AND app_version IS DISTINCT FROM $4::text) OR ($5::integer IS NOT NULL AND unsynced_count IS DISTINCT FROM $5::integer))`;

export class PostgresSessionStore implements SessionStore {
  constructor(private readonly connection: PostgresConnection) {}

  async createSession(session: NewSession): Promise<void> {
    await this.connection.transaction(async (client) => {
      await client.query('INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, device_name) VALUES ($1, $2, $3, $3, $4, $5)', [
        session.sessionId,
        session.userId,
        session.now,
        session.sessionExpiresAt,
        session.deviceName ?? null,
      ]);
      await client.query(INSERT_REFRESH_TOKEN, [session.tokenHash, session.sessionId, session.now, Math.min(session.tokenExpiresAt, session.sessionExpiresAt)]);
    });
  }

  async getSession(sessionId: string): Promise<SessionWithUser | undefined> {
    // Every sync request reads it: a prepared statement (docs/performance.md "PostgreSQL").
    const { rows } = await this.connection.pool.query<SessionUserDbRow>({ name: 'session-with-user', text: sessionWithUserSelect('$1'), values: [sessionId] });
    return rows[0] ? decodeSessionRow(sessionId, rows[0]) : undefined;
  }

  async rotateRefreshToken(rotation: RefreshRotation): Promise<RefreshOutcome> {
    return this.connection.transaction(async (client): Promise<RefreshOutcome> => {
      // FOR UPDATE: two uses of one token at once are serialized, and the second sees it replaced.
      const { rows } = await client.query<RefreshTokenDbRow>(`${refreshTokenSelect('$2', '$1')} FOR UPDATE OF t, s`, [rotation.oldHash, rotation.newHash]);
      let token = rows[0];
      if (token?.replaced_at != null) {
        // After waiting for the lock, the join above still shows the successor as of the statement's
        // start: a racing refresh that just committed it must be read in a statement of its own.
        const successor = await client.query<Pick<RefreshTokenDbRow, 'n_hash' | 'n_replaced_at'>>(
          'SELECT token_hash AS n_hash, replaced_at AS n_replaced_at FROM refresh_tokens WHERE token_hash = $1 AND session_id = $2',
          [rotation.newHash, token.session_id],
        );
        token = { ...token, n_hash: successor.rows[0]?.n_hash ?? null, n_replaced_at: successor.rows[0]?.n_replaced_at ?? null };
      }
      const outcome = judgeRefreshToken(token, rotation);
      if (!token) return outcome;
      if (outcome.kind === 'reused') {
        await client.query("UPDATE sessions SET revoked_at = $1, revoked_reason = 'refresh_reuse' WHERE id = $2", [rotation.now, token.session_id]);
      } else if (outcome.kind === 'rotated') {
        await client.query('UPDATE refresh_tokens SET replaced_at = $1 WHERE token_hash = $2', [rotation.now, rotation.oldHash]);
        await client.query(INSERT_REFRESH_TOKEN, [rotation.newHash, token.session_id, rotation.now, Math.min(rotation.tokenExpiresAt, Number(token.s_expires_at))]);
        await client.query('UPDATE sessions SET last_used_at = $1 WHERE id = $2', [rotation.now, token.session_id]);
      }
      return outcome;
    });
  }

  async findSessionByRefreshHash(tokenHash: string): Promise<string | undefined> {
    const { rows } = await this.connection.pool.query<{ session_id: string }>('SELECT session_id FROM refresh_tokens WHERE token_hash = $1', [tokenHash]);
    return rows[0]?.session_id;
  }

  async revokeSession(sessionId: string, reason: string, now: number): Promise<boolean> {
    const result = await this.connection.pool.query('UPDATE sessions SET revoked_at = $1, revoked_reason = $2 WHERE id = $3 AND revoked_at IS NULL', [now, reason, sessionId]);
    return (result.rowCount ?? 0) > 0;
  }

  // ---------- devices ----------

  async noteDevice(sessionId: string, note: DeviceNote, notedBefore: number): Promise<void> {
    // Every sync request runs it: a prepared statement, like the session read.
    await this.connection.pool.query({
      name: 'note-device',
      text: NOTE_DEVICE,
      values: [sessionId, note.at, note.synced, note.appVersion ?? null, note.unsynced ?? null, notedBefore],
    });
  }

  async listDevices(scope: { provinceId: string } | { communeId: string }, now: number): Promise<DeviceRow[]> {
    const [where, value] = deviceScope(scope, '$1');
    const { rows } = await this.connection.pool.query<DeviceDbRow>(deviceSelect(where, '$2'), [value, now]);
    return rows.map(decodeDeviceRow);
  }

  async getDevice(sessionId: string, now: number): Promise<DeviceRow | undefined> {
    const { rows } = await this.connection.pool.query<DeviceDbRow>(deviceSelect('s.id = $1', '$2'), [sessionId, now]);
    return rows[0] ? decodeDeviceRow(rows[0]) : undefined;
  }

  // ---------- login rate limit ----------

  async recentLoginFailures(keys: readonly string[], since: number): Promise<Map<string, LoginFailures>> {
    const { rows } = await this.connection.pool.query<{ key: string; count: string; oldest: string }>(
      'SELECT key, count(*) AS count, min(at) AS oldest FROM login_failures WHERE key = ANY($1::text[]) AND at > $2 GROUP BY key',
      [keys, since],
    );
    const result = new Map(keys.map((key) => [key, { count: 0, oldest: since }]));
    for (const row of rows) result.set(row.key, { count: Number(row.count), oldest: Number(row.oldest) });
    return result;
  }

  async recordLoginFailure(keys: readonly string[], at: number, forgetBefore: number): Promise<void> {
    await this.connection.transaction(async (client) => {
      await client.query('DELETE FROM login_failures WHERE at <= $1', [forgetBefore]);
      await client.query('INSERT INTO login_failures (key, at) SELECT unnest($1::text[]), $2', [keys, at]);
    });
  }

  async pruneSessions(now: number, revokedBefore: number): Promise<{ sessions: number; tokens: number }> {
    return this.connection.transaction(async (client) => {
      const tokens = await client.query(
        'DELETE FROM refresh_tokens WHERE expires_at <= $1 OR session_id IN (SELECT id FROM sessions WHERE expires_at <= $1 OR revoked_at <= $2)',
        [now, revokedBefore],
      );
      const sessions = await client.query('DELETE FROM sessions WHERE expires_at <= $1 OR revoked_at <= $2', [now, revokedBefore]);
      return { sessions: sessions.rowCount ?? 0, tokens: tokens.rowCount ?? 0 };
    });
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.connection.pool.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }
}
