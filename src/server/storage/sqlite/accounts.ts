// Communes and users on SQLite (AccountStore).
import type { AccountStore, CommuneRow, NewCommune, NewUser, UserRow } from '../account-types';
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
