// The append-only audit log on SQLite (AuditStore); the table's triggers refuse UPDATE and DELETE.
import { AUDIT_INSERT_COLUMNS, auditAboutWhere, auditSelect, auditScopeColumn, auditValues, decodeAuditRow, type AuditAboutQuery, type AuditDbRow, type AuditQuery, type AuditRow, type AuditStore, type NewAuditEvent } from '../audit-types';
import { run, type SqliteConnection } from './connection';

/** The read with its joins; JSON read with this database's functions. */
const SELECT = auditSelect((column, path) => `json_extract(${column}, '$.${path}')`);

export class SqliteAuditStore implements AuditStore {
  constructor(private readonly connection: SqliteConnection) {}

  append(events: readonly NewAuditEvent[]): Promise<string[]> {
    return run(() =>
      this.connection.transaction(() => {
        const insert = this.connection.sql(`INSERT INTO audit_events (${AUDIT_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`);
        return events.filter((event) => insert.run(...auditValues(event)).changes === 1).map((event) => event.id);
      }),
    );
  }

  list(query: AuditQuery): Promise<AuditRow[]> {
    return run(() => {
      const { column, value } = auditScopeColumn(query.scope);
      const rows = this.connection
        .sql(`${SELECT} WHERE ${column} = ? AND a.seq < ? ORDER BY a.seq DESC LIMIT ?`)
        .all(value, query.before ?? Number.MAX_SAFE_INTEGER, query.limit) as AuditDbRow[];
      return rows.map(decodeAuditRow);
    });
  }

  listAbout(query: AuditAboutQuery): Promise<AuditRow[]> {
    return run(() => {
      const { where, params } = auditAboutWhere(query);
      return (this.connection.sql(`${SELECT} ${where}`).all(...params) as AuditDbRow[]).map(decodeAuditRow);
    });
  }
}
