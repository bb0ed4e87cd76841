// What a schema migration is, in a leaf of its own: migrations.ts lists them and each migration
// kept in a file of its own (migration-<name>.ts) imports its type from here, not from the list,
// so the list and its parts do not import each other.

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
