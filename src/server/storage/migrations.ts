// Schema migrations, in order. Each has the same effect in both dialects.
// Rules: never edit or renumber a migration once it has shipped (start-up refuses a
// database whose recorded names differ); add a new one instead.
import { LOOKUPS_MIGRATION } from './migration-lookups';
import { DEVICES_MIGRATION } from './migration-devices';
import { REPORT_PERIOD_MIGRATION } from './migration-report-period';
import { WRITE_QUOTA_MIGRATION } from './migration-write-quota';
import { REPORT_FACTS_MIGRATION } from './migration-report-facts';
import { WRITE_BYTES_MIGRATION } from './migration-write-bytes';
import { SIGN_IN_CODES_MIGRATION } from './migration-sign-in-codes';
import type { AppliedMigration, Migration } from './migration-types';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'meta',
    // The epoch is a random 128-bit id written once; pull cursors carry it so a cursor
    // from before a restore or re-seed is recognised (docs/sync.md §5).
    sqlite: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      INSERT INTO meta (key, value) VALUES ('epoch', lower(hex(randomblob(16))));
    `,
    postgres: `
      CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
      INSERT INTO meta (key, value) VALUES ('epoch', replace(gen_random_uuid()::text, '-', ''));
    `,
  },
  {
    version: 2,
    name: 'accounts and sync',
    // Times are Unix milliseconds in both dialects (one conversion rule for both drivers).
    // records: one row per (table, id, scope) — the scope is in the key because seeded reference
    // records have the same UUIDv5 in every province; commune records are unique by (table, id)
    // across communes (partial index), which is how a push naming another commune's record is caught.
    // records_scope_seq: the pull index, and the proof that row_seq is unique within a scope.
    // scope_seq: the per-scope counter row every push locks first (docs/sync.md §5, docs/sync.md §7.1).
    sqlite: `
      CREATE TABLE communes (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, province_id TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT;
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        username_key TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('member', 'leader', 'reviewer', 'admin')),
        commune_id TEXT REFERENCES communes (id),
        province_id TEXT,
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        password_changed_at INTEGER NOT NULL,
        CHECK ((role = 'admin' AND commune_id IS NULL AND province_id IS NOT NULL) OR (role <> 'admin' AND commune_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX users_commune ON users (commune_id);
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id),
        created_at INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER,
        revoked_reason TEXT
      ) STRICT;
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE refresh_tokens (
        token_hash TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        replaced_at INTEGER
      ) STRICT;
      CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
      CREATE TABLE login_failures (key TEXT NOT NULL, at INTEGER NOT NULL) STRICT;
      CREATE INDEX login_failures_key_at ON login_failures (key, at);
      CREATE INDEX login_failures_at ON login_failures (at);
      CREATE TABLE scope_seq (scope TEXT PRIMARY KEY, seq INTEGER NOT NULL) STRICT;
      CREATE TABLE records (
        table_name TEXT NOT NULL,
        id TEXT NOT NULL,
        scope TEXT NOT NULL,
        fields TEXT NOT NULL,
        clocks TEXT NOT NULL,
        row_seq INTEGER NOT NULL,
        PRIMARY KEY (table_name, id, scope)
      ) STRICT;
      CREATE UNIQUE INDEX records_scope_seq ON records (scope, row_seq);
      CREATE UNIQUE INDEX records_commune_unique ON records (table_name, id) WHERE scope NOT LIKE 'province:%';
      CREATE TABLE applied_mutations (
        mutation_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        result TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX applied_mutations_applied_at ON applied_mutations (applied_at);
    `,
    postgres: `
      CREATE TABLE communes (
        id text PRIMARY KEY, name text NOT NULL, province_id text NOT NULL, created_at bigint NOT NULL);
      CREATE TABLE users (
        id text PRIMARY KEY,
        username text NOT NULL,
        username_key text NOT NULL UNIQUE,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('member', 'leader', 'reviewer', 'admin')),
        commune_id text REFERENCES communes (id),
        province_id text,
        password_hash text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        created_at bigint NOT NULL,
        password_changed_at bigint NOT NULL,
        CHECK ((role = 'admin' AND commune_id IS NULL AND province_id IS NOT NULL) OR (role <> 'admin' AND commune_id IS NOT NULL))
      );
      CREATE INDEX users_commune ON users (commune_id);
      CREATE TABLE sessions (
        id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id),
        created_at bigint NOT NULL,
        last_used_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        revoked_at bigint,
        revoked_reason text
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        replaced_at bigint
      );
      CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
      CREATE TABLE login_failures (key text NOT NULL, at bigint NOT NULL);
      CREATE INDEX login_failures_key_at ON login_failures (key, at);
      CREATE INDEX login_failures_at ON login_failures (at);
      CREATE TABLE scope_seq (scope text PRIMARY KEY, seq bigint NOT NULL);
      CREATE TABLE records (
        table_name text NOT NULL,
        id text NOT NULL,
        scope text NOT NULL,
        fields text NOT NULL,
        clocks text NOT NULL,
        row_seq bigint NOT NULL,
        PRIMARY KEY (table_name, id, scope)
      );
      CREATE UNIQUE INDEX records_scope_seq ON records (scope, row_seq);
      CREATE UNIQUE INDEX records_commune_unique ON records (table_name, id) WHERE scope NOT LIKE 'province:%';
      CREATE TABLE applied_mutations (
        mutation_id text PRIMARY KEY,
        user_id text NOT NULL,
        client_id text NOT NULL,
        result text NOT NULL,
        applied_at bigint NOT NULL
      );
      CREATE INDEX applied_mutations_applied_at ON applied_mutations (applied_at);
    `,
  },
  {
    version: 3,
    name: 'audit log',
    // Append-only (docs/privacy.md "Audit log"): the database itself refuses UPDATE and DELETE
    // (and on PostgreSQL TRUNCATE), so no code path of the app can rewrite history. seq orders the
    // log; id is the event's own id, which makes a phone's resend harmless. Names are never
    // copied in: actor_id and commune_id are joined to users and communes when read.
    sqlite: `
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        actor_role TEXT,
        commune_id TEXT,
        province_id TEXT,
        subject_id TEXT,
        details TEXT NOT NULL,
        occurred_at INTEGER,
        recorded_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX audit_events_commune ON audit_events (commune_id, seq);
      CREATE INDEX audit_events_province ON audit_events (province_id, seq);
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
    `,
    postgres: `
      CREATE TABLE audit_events (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        kind text NOT NULL,
        actor_id text NOT NULL,
        actor_role text,
        commune_id text,
        province_id text,
        subject_id text,
        details text NOT NULL,
        occurred_at bigint,
        recorded_at bigint NOT NULL
      );
      CREATE INDEX audit_events_commune ON audit_events (commune_id, seq);
      CREATE INDEX audit_events_province ON audit_events (province_id, seq);
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege'; END $$;
      CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
      REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
    `,
  },
  {
    version: 4,
    name: 'team roster',
    // What the commune's phones show of each account besides its name (docs/accounts.md "Team
    // roster"): a work phone and the villages covered (a JSON list of village ids). A commune is
    // deactivated, never deleted: its id stays in every record.
    sqlite: `
      ALTER TABLE users ADD COLUMN phone TEXT;
      ALTER TABLE users ADD COLUMN village_ids TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE communes ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
    `,
    postgres: `
      ALTER TABLE users ADD COLUMN phone text;
      ALTER TABLE users ADD COLUMN village_ids text NOT NULL DEFAULT '[]';
      ALTER TABLE communes ADD COLUMN active boolean NOT NULL DEFAULT true;
    `,
  },
  LOOKUPS_MIGRATION,
  SIGN_IN_CODES_MIGRATION,
  DEVICES_MIGRATION,
  REPORT_PERIOD_MIGRATION,
  WRITE_QUOTA_MIGRATION,
  REPORT_FACTS_MIGRATION,
  WRITE_BYTES_MIGRATION,
];

export const LATEST_SCHEMA_VERSION = latestVersion(MIGRATIONS);

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Which migrations still need to run, given what the database has recorded.
 * Refuses a database that is ahead of this code (a downgrade would corrupt data
 * silently) or whose history differs from the code's (an edited migration).
 */
export function pendingMigrations(applied: readonly AppliedMigration[], migrations: readonly Migration[]): Migration[] {
  assertOrdered(migrations);
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const migration = known.get(row.version);
    if (!migration) {
      throw new MigrationError(
        `The database has schema version ${row.version} ("${row.name}"), which this server does not know (it knows up to ${latestVersion(migrations)}). Run a newer server or restore a matching backup.`,
      );
    }
    if (migration.name !== row.name) {
      throw new MigrationError(
        `Migration ${row.version} is recorded as "${row.name}" but this server calls it "${migration.name}": migrations must never be edited once applied.`,
      );
    }
  }
  const done = new Set(applied.map((row) => row.version));
  return migrations.filter((m) => !done.has(m.version));
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw new MigrationError(`Migrations must be numbered 1, 2, 3… without gaps; found version ${m.version} at position ${index + 1}.`);
    }
  });
}
