// Refresh-token sessions and the login rate limit's failures on SQLite (SessionStore).
import { decodeSessionRow, judgeRefreshToken, refreshTokenSelect, sessionWithUserSelect, type RefreshTokenDbRow, type SessionUserDbRow } from '../rows';
import { decodeDeviceRow, deviceScope, deviceSelect, type DeviceDbRow } from '../device-rows';
import type { DeviceNote, DeviceRow, LoginFailures, NewSession, RefreshOutcome, RefreshRotation, SessionStore, SessionWithUser } from '../session-types';
import { run, type SqliteConnection } from './connection';

const INSERT_REFRESH_TOKEN = 'INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at) VALUES (?, ?, ?, ?)';

/** One statement, and no write when nothing changed and the noted times are recent (a pull per page must stay cheap). */
const NOTE_DEVICE = `UPDATE sessions SET last_used_at = max(last_used_at, :at),
    last_sync_at = CASE WHEN :synced THEN :at ELSE last_sync_at END,
    app_version = coalesce(:version, app_version), unsynced_count = coalesce(:unsynced, unsynced_count)
  WHERE id = :id AND (last_used_at < :before OR (:synced AND (last_sync_at IS NULL OR last_sync_at < :before))
    OR (:version IS NOT NULL AND app_version IS NOT :version) OR (:unsynced IS NOT NULL AND unsynced_count IS NOT :unsynced))`;

export class SqliteSessionStore implements SessionStore {
  constructor(private readonly connection: SqliteConnection) {}

  createSession(session: NewSession): Promise<void> {
    return run(() =>
      this.connection.transaction(() => {
        this.connection
          .sql('INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, device_name) VALUES (?, ?, ?, ?, ?, ?)')
          .run(session.sessionId, session.userId, session.now, session.now, session.sessionExpiresAt, session.deviceName ?? null);
        this.connection
          .sql(INSERT_REFRESH_TOKEN)
          .run(session.tokenHash, session.sessionId, session.now, Math.min(session.tokenExpiresAt, session.sessionExpiresAt));
      }),
    );
  }

  getSession(sessionId: string): Promise<SessionWithUser | undefined> {
    return run(() => {
      const row = this.connection.sql(sessionWithUserSelect('?')).get(sessionId) as SessionUserDbRow | undefined;
      return row ? decodeSessionRow(sessionId, row) : undefined;
    });
  }

  rotateRefreshToken(rotation: RefreshRotation): Promise<RefreshOutcome> {
    return run(() =>
      // IMMEDIATE: two uses of one token at once are serialized, and the second sees it replaced.
      this.connection.transaction((): RefreshOutcome => {
        const token = this.connection.sql(refreshTokenSelect('?', '?')).get(rotation.newHash, rotation.oldHash) as RefreshTokenDbRow | undefined;
        const outcome = judgeRefreshToken(token, rotation);
        if (!token) return outcome;
        if (outcome.kind === 'reused') {
          this.connection.sql("UPDATE sessions SET revoked_at = ?, revoked_reason = 'refresh_reuse' WHERE id = ?").run(rotation.now, token.session_id);
        } else if (outcome.kind === 'rotated') {
          this.connection.sql('UPDATE refresh_tokens SET replaced_at = ? WHERE token_hash = ?').run(rotation.now, rotation.oldHash);
          this.connection
            .sql(INSERT_REFRESH_TOKEN)
            .run(rotation.newHash, token.session_id, rotation.now, Math.min(rotation.tokenExpiresAt, Number(token.s_expires_at)));
          this.connection.sql('UPDATE sessions SET last_used_at = ? WHERE id = ?').run(rotation.now, token.session_id);
        }
        return outcome;
      }),
    );
  }

  findSessionByRefreshHash(tokenHash: string): Promise<string | undefined> {
    return run(() => (this.connection.sql('SELECT session_id FROM refresh_tokens WHERE token_hash = ?').get(tokenHash) as { session_id: string } | undefined)?.session_id);
  }

  revokeSession(sessionId: string, reason: string, now: number): Promise<boolean> {
    return run(() => this.connection.sql('UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL').run(now, reason, sessionId).changes > 0);
  }

  // ---------- devices ----------

  noteDevice(sessionId: string, note: DeviceNote, notedBefore: number): Promise<void> {
    return run(() => {
      this.connection.sql(NOTE_DEVICE).run({
        id: sessionId,
        at: note.at,
        synced: note.synced ? 1 : 0,
        version: note.appVersion ?? null,
        unsynced: note.unsynced ?? null,
        before: notedBefore,
      });
    });
  }

  listDevices(scope: { provinceId: string } | { communeId: string }, now: number): Promise<DeviceRow[]> {
    const [where, value] = deviceScope(scope, '?');
    return run(() => (this.connection.sql(deviceSelect(where, '?')).all(value, now) as DeviceDbRow[]).map(decodeDeviceRow));
  }

  getDevice(sessionId: string, now: number): Promise<DeviceRow | undefined> {
    return run(() => {
      const row = this.connection.sql(deviceSelect('s.id = ?', '?')).get(sessionId, now) as DeviceDbRow | undefined;
      return row ? decodeDeviceRow(row) : undefined;
    });
  }

  // ---------- login rate limit ----------

  recentLoginFailures(keys: readonly string[], since: number): Promise<Map<string, LoginFailures>> {
    return run(() => {
      const statement = this.connection.sql('SELECT count(*) AS count, min(at) AS oldest FROM login_failures WHERE key = ? AND at > ?');
      const result = new Map<string, LoginFailures>();
      for (const key of keys) {
        const row = statement.get(key, since) as { count: number; oldest: number | null };
        result.set(key, { count: row.count, oldest: row.oldest ?? since });
      }
      return result;
    });
  }

  recordLoginFailure(keys: readonly string[], at: number, forgetBefore: number): Promise<void> {
    return run(() =>
      this.connection.transaction(() => {
        this.connection.sql('DELETE FROM login_failures WHERE at <= ?').run(forgetBefore);
        const insert = this.connection.sql('INSERT INTO login_failures (key, at) VALUES (?, ?)');
        for (const key of keys) insert.run(key, at);
      }),
    );
  }

  pruneSessions(now: number, revokedBefore: number): Promise<{ sessions: number; tokens: number }> {
    return run(() =>
      this.connection.transaction(() => {
        const gone = 'SELECT id FROM sessions WHERE expires_at <= ? OR revoked_at <= ?';
        const tokens = this.connection.sql(`DELETE FROM refresh_tokens WHERE expires_at <= ? OR session_id IN (${gone})`).run(now, now, revokedBefore).changes;
        const sessions = this.connection.sql('DELETE FROM sessions WHERE expires_at <= ? OR revoked_at <= ?').run(now, revokedBefore).changes;
        return { sessions, tokens };
      }),
    );
  }

  clearLoginFailures(key: string): Promise<void> {
    return run(() => {
      this.connection.sql('DELETE FROM login_failures WHERE key = ?').run(key);
    });
  }
}
