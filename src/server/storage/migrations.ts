// Schema migrations, in order. Each has the same effect in both dialects.
// Rules: never edit or renumber a migration once it has shipped (start-up refuses a
// database whose recorded names differ); add a new one instead.

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export interface AppliedMigration {
  version: number;
  name: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'meta',
    // The epoch is a random 128-bit id written once; pull cursors carry it so a cursor
    // from before a restore or re-seed is recognised (SYNC.md §5).
    sqlite: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      INSERT INTO meta (key, value) VALUES ('epoch', lower(hex(randomblob(16))));
    `,
    postgres: `
      CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
      INSERT INTO meta (key, value) VALUES ('epoch', replace(gen_random_uuid()::text, '-', ''));
    `,
  },
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
