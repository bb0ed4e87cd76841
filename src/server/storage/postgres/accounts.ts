// Communes and users on PostgreSQL (AccountStore).
import type { AccountStore, CommuneRow, NewCommune, NewUser, UserRow } from '../account-types';
import { COMMUNE_COLUMNS, USER_COLUMNS, USER_FROM, decodeCommuneRow, decodeUserRow, duplicateCommune, duplicateUsername, usernameKey, type CommuneDbRow, type UserDbRow } from '../rows';
import { isUniqueViolation, type PostgresConnection } from './connection';

export class PostgresAccountStore implements AccountStore {
  constructor(private readonly connection: PostgresConnection) {}

  async createCommune(commune: NewCommune): Promise<void> {
    try {
      await this.connection.pool.query(`INSERT INTO communes (${COMMUNE_COLUMNS}) VALUES ($1, $2, $3, $4, $5)`, [
        commune.id,
        commune.name,
        commune.provinceId,
        commune.createdAt,
        true,
      ]);
    } catch (error) {
      throw isUniqueViolation(error) ? duplicateCommune(commune) : error;
    }
  }

  async getCommune(id: string): Promise<CommuneRow | undefined> {
    const { rows } = await this.connection.pool.query<CommuneDbRow>(`SELECT ${COMMUNE_COLUMNS} FROM communes WHERE id = $1`, [id]);
    return rows[0] ? decodeCommuneRow(rows[0]) : undefined;
  }

  async listCommunes(): Promise<CommuneRow[]> {
    const { rows } = await this.connection.pool.query<CommuneDbRow>(`SELECT ${COMMUNE_COLUMNS} FROM communes ORDER BY id`);
    return rows.map(decodeCommuneRow);
  }

  async createUser(user: NewUser): Promise<void> {
    try {
      await this.connection.pool.query(
        `INSERT INTO users (id, username, username_key, display_name, role, commune_id, province_id, password_hash, created_at, password_changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
        [user.id, user.username, usernameKey(user.username), user.displayName, user.role, user.communeId, user.provinceId, user.passwordHash, user.now],
      );
    } catch (error) {
      throw isUniqueViolation(error) ? duplicateUsername(user) : error;
    }
  }

  async findUserByUsername(username: string): Promise<UserRow | undefined> {
    const { rows } = await this.connection.pool.query<UserDbRow>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.username_key = $1`, [usernameKey(username)]);
    return rows[0] ? decodeUserRow(rows[0]) : undefined;
  }

  async listUsers(): Promise<UserRow[]> {
    const { rows } = await this.connection.pool.query<UserDbRow>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} ORDER BY u.commune_id NULLS FIRST, u.username_key`);
    return rows.map(decodeUserRow);
  }

  async listCommuneUsers(communeId: string): Promise<UserRow[]> {
    const { rows } = await this.connection.pool.query<UserDbRow>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.commune_id = $1 ORDER BY u.username_key`, [communeId]);
    return rows.map(decodeUserRow);
  }

  async setPassword(userId: string, passwordHash: string, now: number): Promise<void> {
    await this.connection.transaction(async (client) => {
      await client.query('UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3', [passwordHash, now, userId]);
      await client.query("UPDATE sessions SET revoked_at = $1, revoked_reason = 'password_reset' WHERE user_id = $2 AND revoked_at IS NULL", [now, userId]);
    });
  }

  async setUserDisabled(userId: string, disabled: boolean, now: number): Promise<void> {
    await this.connection.transaction(async (client) => {
      await client.query('UPDATE users SET disabled = $1 WHERE id = $2', [disabled, userId]);
      if (disabled) {
        await client.query("UPDATE sessions SET revoked_at = $1, revoked_reason = 'disabled' WHERE user_id = $2 AND revoked_at IS NULL", [now, userId]);
      }
    });
  }
}
