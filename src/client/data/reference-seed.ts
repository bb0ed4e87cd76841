// Reference data (service catalogue, checklist templates) ships with the app so a phone can work
// before its first sync. Seeded rows carry the zero clock (src/shared/seed/seed-record.ts): the
// server's copies, pulled later, replace them field by field. Never queued in the outbox: they are
// not local changes.
import { db } from './db';
import type { SyncedRecord } from '../../shared/sync/merge';
import type { SyncTable } from '../../shared/schemas/tables';

/**
 * Adds the seeded records this phone does not have yet; existing rows (synced or seeded) are kept.
 * Screens call it on every mount, and the table is nearly always complete: that case is one
 * read-only look, which holds up no other read of the table, where a read-write transaction makes
 * every read queued behind it wait (docs/performance.md "Reference data on every visit"). Only a
 * missing row opens one; inside it the rows are looked up again, and read-write transactions on
 * one store run one after the other, so concurrent calls never add a row twice.
 */
export async function ensureReferenceSeed(table: SyncTable, records: readonly SyncedRecord[]): Promise<number> {
  const target = db.syncedTable(table);
  const ids = records.map((record) => record.id);
  if ((await target.where('id').anyOf(ids).count()) === ids.length) return 0;
  return db.transaction('rw', target, async () => {
    const present = new Set(await target.where('id').anyOf(ids).primaryKeys());
    const missing = records.filter((record) => !present.has(record.id));
    await target.bulkAdd(missing);
    return missing.length;
  });
}
