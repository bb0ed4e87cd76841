// Communes and users on SQLite (AccountStore).
import type { AccountListRow, AccountStore, CommuneRow, NewCommune, NewUser, UserPatch, UserRow } from '../account-types';
import { ACCOUNT_LIST_SELECT, decodeAccountListRow, userPatchColumns, type AccountListDbRow } from '../rows';
import { COMMUNE_COLUMNS, USER_COLUMNS, USER_FROM, decodeCommuneRow, decodeUserRow, duplicateCommune, duplicateUsername, usernameKey, type CommuneDbRow, type UserDbRow } from '../rows';
import { isUniqueViolation, run, type SqliteConnection } from './connection';

export class SqliteAccountStore implements AccountStore {
  constructor(private readonly connection: SqliteConnection) {}

  createCommune(commune: NewCommune): Promise<void> {
    return run(() => {
      try {
        this.connection
          .sql('INSERT INTO communes (id, name, province_id, created_at, active) VALUES (?, ?, ?, ?, ?)')
          .run(commune.id, commune.name, commune.provinceId, commune.createdAt, 1);
      } catch (error) {
        throw isUniqueViolation(error) ? duplicateCommune(commune) : error;
      }
    });
  }

  getCommune(id: string): Promise<CommuneRow | undefined> {
    return run(() => {
      const row = this.connection.sql(`SELECT ${COMMUNE_COLUMNS} FROM communes WHERE id = ?`).get(id) as CommuneDbRow | undefined;
      return row ? decodeCommuneRow(row) : undefined;
    });
  }

  listCommunes(): Promise<CommuneRow[]> {
    return run(() => (this.connection.sql(`SELECT ${COMMUNE_COLUMNS} FROM communes ORDER BY id`).all() as CommuneDbRow[]).map(decodeCommuneRow));
  }

  renameCommune(id: string, name: string, basedOn: string): Promise<boolean> {
    return run(() => this.connection.sql('UPDATE communes SET name = ? WHERE id = ? AND name = ?').run(name, id, basedOn).changes === 1);
  }

  setCommuneActive(id: string, active: boolean, now: number): Promise<string[] | undefined> {
    return run(() =>
      this.connection.transaction(() => {
        const changed = this.connection.sql('UPDATE communes SET active = ? WHERE id = ? AND active = ?').run(active ? 1 : 0, id, active ? 0 : 1).changes;
        if (changed !== 1) return undefined;
        if (active) return [];
        const disabled = (this.connection.sql('UPDATE users SET disabled = 1 WHERE commune_id = ? AND disabled = 0 RETURNING id').all(id) as { id: string }[]).map((row) => row.id);
        this.connection
          .sql("UPDATE sessions SET revoked_at = ?, revoked_reason = 'disabled' WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE commune_id = ?)")
          .run(now, id);
        return disabled;
      }),
    );
  }

  createUser(user: NewUser): Promise<void> {
    return run(() => {
      try {
        this.connection
          .sql(
            `INSERT INTO users (id, username, username_key, display_name, role, commune_id, province_id, password_hash, created_at, password_changed_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(user.id, user.username, usernameKey(user.username), user.displayName, user.role, user.communeId, user.provinceId, user.passwordHash, user.now, user.now);
      } catch (error) {
        throw isUniqueViolation(error) ? duplicateUsername(user) : error;
      }
    });
  }

  findUserByUsername(username: string): Promise<UserRow | undefined> {
    return run(() => {
      const row = this.connection.sql(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.username_key = ?`).get(usernameKey(username)) as UserDbRow | undefined;
      return row ? decodeUserRow(row) : undefined;
    });
  }

  listUsers(): Promise<UserRow[]> {
    return run(() => (this.connection.sql(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} ORDER BY u.commune_id, u.username_key`).all() as UserDbRow[]).map(decodeUserRow));
  }

  listCommuneUsers(communeId: string): Promise<UserRow[]> {
    return run(() =>
      (this.connection.sql(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.commune_id = ? ORDER BY u.username_key`).all(communeId) as UserDbRow[]).map(decodeUserRow),
    );
  }

  getUser(id: string): Promise<UserRow | undefined> {
    return run(() => {
      const row = this.connection.sql(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.id = ?`).get(id) as UserDbRow | undefined;
      return row ? decodeUserRow(row) : undefined;
    });
  }

  listScopeUsers(scope: { provinceId: string } | { communeId: string }): Promise<AccountListRow[]> {
    const [where, value] = 'communeId' in scope ? ['u.commune_id = ?', scope.communeId] : ['COALESCE(c.province_id, u.province_id) = ?', scope.provinceId];
    return run(() => (this.connection.sql(`${ACCOUNT_LIST_SELECT} WHERE ${where}`).all(value) as AccountListDbRow[]).map(decodeAccountListRow));
  }

  updateUser(id: string, patch: UserPatch): Promise<void> {
    const columns = userPatchColumns(patch);
    if (columns.length === 0) return Promise.resolve();
    return run(() => {
      this.connection.sql(`UPDATE users SET ${columns.map(([name]) => `${name} = ?`).join(', ')} WHERE id = ?`).run(...columns.map(([, value]) => value), id);
    });
  }

  getSignInCode(userId: string): Promise<{ codeHash: string; expiresAt: number } | undefined> {
    return run(() => {
      const row = this.connection.sql('SELECT code_hash, expires_at FROM sign_in_codes WHERE user_id = ?').get(userId) as { code_hash: string; expires_at: number } | undefined;
      return row ? { codeHash: row.code_hash, expiresAt: row.expires_at } : undefined;
    });
  }

  setSignInCode(userId: string, codeHash: string, now: number, expiresAt: number): Promise<void> {
    return run(() => {
      this.connection
        .sql(
          `INSERT INTO sign_in_codes (user_id, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET code_hash = excluded.code_hash, created_at = excluded.created_at, expires_at = excluded.expires_at`,
        )
        .run(userId, codeHash, now, expiresAt);
    });
  }

  redeemSignInCode(userId: string, codeHash: string, passwordHash: string, now: number): Promise<'ok' | 'invalid' | 'expired'> {
    return run(() =>
      this.connection.transaction(() => {
        const row = this.connection.sql('SELECT code_hash, expires_at FROM sign_in_codes WHERE user_id = ?').get(userId) as { code_hash: string; expires_at: number } | undefined;
        if (!row || row.code_hash !== codeHash) return 'invalid';
        this.connection.sql('DELETE FROM sign_in_codes WHERE user_id = ?').run(userId);
        if (row.expires_at <= now) return 'expired';
        this.connection.sql('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(passwordHash, now, userId);
        this.connection.sql("UPDATE sessions SET revoked_at = ?, revoked_reason = 'password_reset' WHERE user_id = ? AND revoked_at IS NULL").run(now, userId);
        return 'ok';
      }),
    );
  }

  noteSync(userId: string, now: number, notedBefore: number): Promise<void> {
    return run(() => {
      this.connection.sql('UPDATE users SET last_sync_at = ? WHERE id = ? AND (last_sync_at IS NULL OR last_sync_at < ?)').run(now, userId, notedBefore);
    });
  }

  setPassword(userId: string, passwordHash: string, now: number): Promise<void> {
    return run(() =>
      this.connection.transaction(() => {
        this.connection.sql('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(passwordHash, now, userId);
        this.connection
          .sql("UPDATE sessions SET revoked_at = ?, revoked_reason = 'password_reset' WHERE user_id = ? AND revoked_at IS NULL")
          .run(now, userId);
      }),
    );
  }

  setUserDisabled(userId: string, disabled: boolean, now: number): Promise<void> {
    return run(() =>
      this.connection.transaction(() => {
        this.connection.sql('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, userId);
        if (disabled) {
          this.connection
            .sql("UPDATE sessions SET revoked_at = ?, revoked_reason = 'disabled' WHERE user_id = ? AND revoked_at IS NULL")
            .run(now, userId);
        }
      }),
    );
  }
}
