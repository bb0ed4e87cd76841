// The append-only audit log on PostgreSQL (AuditStore); the table's triggers refuse UPDATE,
// DELETE and TRUNCATE.
import { AUDIT_INSERT_COLUMNS, auditAboutWhere, auditSelect, auditScopeColumn, auditValues, decodeAuditRow, type AuditAboutQuery, type AuditDbRow, type AuditQuery, type AuditRow, type AuditStore, type NewAuditEvent } from '../audit-types';
import type { PostgresConnection } from './connection';

/** The read with its joins; JSON read with this database's functions. */
const SELECT = auditSelect((column, path) => `(${column}::jsonb #>> '{${path.replace('.', ',')}}')`);

export class PostgresAuditStore implements AuditStore {
  constructor(private readonly connection: PostgresConnection) {}

  async append(events: readonly NewAuditEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    return this.connection.transaction(async (client) => {
      const stored: string[] = [];
      for (const event of events) {
        const { rowCount } = await client.query(
          `INSERT INTO audit_events (${AUDIT_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
          auditValues(event),
        );
        if (rowCount === 1) stored.push(event.id);
      }
      return stored;
    });
  }

  async list(query: AuditQuery): Promise<AuditRow[]> {
    const { column, value } = auditScopeColumn(query.scope);
    const { rows } = await this.connection.pool.query<AuditDbRow>(`${SELECT} WHERE ${column} = $1 AND a.seq < $2 ORDER BY a.seq DESC LIMIT $3`, [
      value,
      query.before ?? Number.MAX_SAFE_INTEGER,
      query.limit,
    ]);
    return rows.map(decodeAuditRow);
  }

  async listAbout(query: AuditAboutQuery): Promise<AuditRow[]> {
    const { where, params } = auditAboutWhere(query, (index) => `$${index}`);
    const { rows } = await this.connection.pool.query<AuditDbRow>(`${SELECT} ${where}`, params);
    return rows.map(decodeAuditRow);
  }
}
