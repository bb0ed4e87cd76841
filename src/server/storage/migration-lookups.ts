// Migration 5, the lookup columns of `records` (lookups.ts; docs/privacy.md "Erasure" and
// "Retention"). Partial indexes: only records that hold a citizen's details are in them, so they
// stay small and an erased record leaves them. Rows stored before this migration get their values
// from the backfill the server runs at start-up (privacy/lookup-backfill.ts).
import type { Migration } from './migration-types';

export const LOOKUPS_MIGRATION: Migration = {
  version: 5,
  name: 'record lookups',
  sqlite: `
    ALTER TABLE records ADD COLUMN lookup_name TEXT;
    ALTER TABLE records ADD COLUMN lookup_phone TEXT;
    ALTER TABLE records ADD COLUMN personal_at INTEGER;
    CREATE INDEX records_lookup_name ON records (scope, lookup_name) WHERE lookup_name IS NOT NULL;
    CREATE INDEX records_lookup_phone ON records (scope, lookup_phone) WHERE lookup_phone IS NOT NULL;
    CREATE INDEX records_personal_at ON records (scope, personal_at) WHERE personal_at IS NOT NULL;
  `,
  postgres: `
    ALTER TABLE records ADD COLUMN lookup_name text, ADD COLUMN lookup_phone text, ADD COLUMN personal_at bigint;
    CREATE INDEX records_lookup_name ON records (scope, lookup_name) WHERE lookup_name IS NOT NULL;
    CREATE INDEX records_lookup_phone ON records (scope, lookup_phone) WHERE lookup_phone IS NOT NULL;
    CREATE INDEX records_personal_at ON records (scope, personal_at) WHERE personal_at IS NOT NULL;
  `,
};
