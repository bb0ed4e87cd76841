// Migration 9, write quotas (docs/sync.md "Write quotas"): every push counts the changes its member
// and its commune made in the last day, inside the push's transaction; this index makes the
// member's count read only that member's rows of the day, and the commune's one member at a time.
import type { Migration } from './migration-types';

export const WRITE_QUOTA_MIGRATION: Migration = {
  version: 9,
  name: 'write quotas',
  sqlite: `CREATE INDEX applied_mutations_user ON applied_mutations (user_id, applied_at);`,
  postgres: `CREATE INDEX applied_mutations_user ON applied_mutations (user_id, applied_at);`,
};
