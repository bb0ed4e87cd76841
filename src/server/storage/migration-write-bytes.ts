// Migration 11, the bytes half of the write quotas (docs/sync.md "Write quotas"): each remembered
// mutation keeps the size of the fields it carried, so a push can sum what its member and commune
// sent in the last day. The quota index is rebuilt with the size in it, so the count and the sum
// are both read from the index alone.
import type { Migration } from './migration-types';

const SQL = (type: string) => `
  ALTER TABLE applied_mutations ADD COLUMN bytes ${type} NOT NULL DEFAULT 0;
  DROP INDEX applied_mutations_user;
  CREATE INDEX applied_mutations_user ON applied_mutations (user_id, applied_at, bytes);
`;

export const WRITE_BYTES_MIGRATION: Migration = {
  version: 11,
  name: 'write quota bytes',
  sqlite: SQL('INTEGER'),
  postgres: SQL('integer'),
};
