// Reference data (service catalogue, checklist templates) ships with the app so a phone can work
// before its first sync. Seeded rows carry the zero clock (src/shared/seed/seed-record.ts): the
// server's copies, pulled later, replace them field by field. Never queued in the outbox: they are
// not local changes.
import { db } from './db';
import type { SyncedRecord } from '../../shared/sync/merge';
import type { SyncTable } from '../../shared/schemas/tables';

/** Adds the seeded records this phone does not have yet; existing rows (synced or seeded) are kept. */
export async function ensureReferenceSeed(table: SyncTable, records: readonly SyncedRecord[]): Promise<number> {
  const target = db.syncedTable(table);
  return db.transaction('rw', target, async () => {
    const present = new Set(await target.where('id').anyOf(records.map((record) => record.id)).primaryKeys());
    const missing = records.filter((record) => !present.has(record.id));
    await target.bulkAdd(missing);
    return missing.length;
  });
}
