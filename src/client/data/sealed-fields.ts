// Which fields of a synced record are stored sealed on the phone (docs/security.md "Encryption at
// rest"), in a leaf of their own: db.ts types its stored rows by them, and sealed-records.ts seals
// and opens them.
import type { SyncTable } from '../../shared/schemas/tables';

/**
 * The top-level fields stored sealed, per table. Every field the data inventory
 * (src/shared/schemas/classification.ts) marks personal or sensitive is either here or in
 * CLEAR_AT_REST with its reason; sealed-records.test.ts holds that.
 */
export const SEALED_FIELDS = {
  assistanceLogs: ['citizen', 'note'],
  groupSessions: ['note'],
  rightsRequests: ['requester'],
  // Free text can name a citizen as easily as a log's note (docs/security.md "Checklist notes").
  checklistItems: ['note'],
  signOffs: ['comment'],
} as const satisfies Partial<Record<SyncTable, readonly string[]>>;

/**
 * Which sealed fields a release has sealed at rest: seal-migration.ts runs again after an unlock
 * when this differs from what it recorded, so fields added here are sealed on existing phones too.
 */
export const SEALED_FIELDS_VERSION = JSON.stringify(SEALED_FIELDS);
