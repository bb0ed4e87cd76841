// Communes and users on PostgreSQL (AccountStore).
import type { AccountListRow, AccountStore, CommuneRow, NewCommune, NewUser, UserPatch, UserRow } from '../account-types';
import { ACCOUNT_LIST_SELECT, decodeAccountListRow, userPatchColumns, type AccountListDbRow } from '../rows';
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

  async renameCommune(id: string, name: string, basedOn: string): Promise<boolean> {
    const { rowCount } = await this.connection.pool.query('UPDATE communes SET name = $1 WHERE id = $2 AND name = $3', [name, id, basedOn]);
    return rowCount === 1;
  }

  async setCommuneActive(id: string, active: boolean, now: number): Promise<string[] | undefined> {
    return this.connection.transaction(async (client) => {
      // The row lock taken by this UPDATE makes a second call wait, then find the commune already changed.
      const { rowCount } = await client.query('UPDATE communes SET active = $1 WHERE id = $2 AND active = $3', [active, id, !active]);
      if (rowCount !== 1) return undefined;
      if (active) return [];
      const { rows } = await client.query<{ id: string }>('UPDATE users SET disabled = true WHERE commune_id = $1 AND disabled = false RETURNING id', [id]);
      await client.query(
        "UPDATE sessions SET revoked_at = $1, revoked_reason = 'disabled' WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE commune_id = $2)",
        [now, id],
      );
      return rows.map((row) => row.id);
    });
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

  async getUser(id: string): Promise<UserRow | undefined> {
    const { rows } = await this.connection.pool.query<UserDbRow>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.id = $1`, [id]);
    return rows[0] ? decodeUserRow(rows[0]) : undefined;
  }

  async listScopeUsers(scope: { provinceId: string } | { communeId: string }): Promise<AccountListRow[]> {
    const [where, value] = 'communeId' in scope ? ['u.commune_id = $1', scope.communeId] : ['COALESCE(c.province_id, u.province_id) = $1', scope.provinceId];
    const { rows } = await this.connection.pool.query<AccountListDbRow>(`${ACCOUNT_LIST_SELECT} WHERE ${where}`, [value]);
    return rows.map(decodeAccountListRow);
  }

  async updateUser(id: string, patch: UserPatch): Promise<void> {
    const columns = userPatchColumns(patch);
    if (columns.length === 0) return;
    const sets = columns.map(([name], index) => `${name} = $${index + 1}`).join(', ');
    await this.connection.pool.query(`UPDATE users SET ${sets} WHERE id = $${columns.length + 1}`, [...columns.map(([, value]) => value), id]);
  }

  async getSignInCode(userId: string): Promise<{ codeHash: string; expiresAt: number } | undefined> {
    const { rows } = await this.connection.pool.query<{ code_hash: string; expires_at: string }>('SELECT code_hash, expires_at FROM sign_in_codes WHERE user_id = $1', [userId]);
    return rows[0] ? { codeHash: rows[0].code_hash, expiresAt: Number(rows[0].expires_at) } : undefined;
  }

  async setSignInCode(userId: string, codeHash: string, now: number, expiresAt: number): Promise<void> {
    await this.connection.pool.query(
      `INSERT INTO sign_in_codes (user_id, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET code_hash = excluded.code_hash, created_at = excluded.created_at, expires_at = excluded.expires_at`,
      [userId, codeHash, now, expiresAt],
    );
  }

  async redeemSignInCode(userId: string, codeHash: string, passwordHash: string, now: number): Promise<'ok' | 'invalid' | 'expired'> {
    return this.connection.transaction(async (client) => {
      // FOR UPDATE: two redemptions of one code at once are serialized; the second finds it gone.
      const { rows } = await client.query<{ code_hash: string; expires_at: string }>('SELECT code_hash, expires_at FROM sign_in_codes WHERE user_id = $1 FOR UPDATE', [userId]);
      const row = rows[0];
      if (!row || row.code_hash !== codeHash) return 'invalid';
      await client.query('DELETE FROM sign_in_codes WHERE user_id = $1', [userId]);
      if (Number(row.expires_at) <= now) return 'expired';
      await client.query('UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3', [passwordHash, now, userId]);
      await client.query("UPDATE sessions SET revoked_at = $1, revoked_reason = 'password_reset' WHERE user_id = $2 AND revoked_at IS NULL", [now, userId]);
      return 'ok';
    });
  }

  async noteSync(userId: string, now: number, notedBefore: number): Promise<void> {
    // Every pull runs it: a prepared statement, like the session read (docs/performance.md "PostgreSQL").
    await this.connection.pool.query({
      name: 'note-sync',
      text: 'UPDATE users SET last_sync_at = $1 WHERE id = $2 AND (last_sync_at IS NULL OR last_sync_at < $3)',
      values: [now, userId, notedBefore],
    });
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
