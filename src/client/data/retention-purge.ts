// The phone's retention limit (docs/privacy.md "Retention"): a synced log's citizen details and
// notes leave this phone PHONE_RETENTION_DAYS after the log's date, and who asked leaves a
// register's request that many days after it was closed, even while the phone is offline for
// weeks. The log stays (service, outcome, barriers, village, date), so the phone's reports keep
// their counts; the server keeps the details until its own, longer limit, so nothing is lost to
// the commune. Only this phone's copy changes: no outbox entry, no clock moved.
//
// A record with a change still waiting in the outbox is left alone (its change is not on the
// server yet), and so is one whose details are not past the limit. Runs after each unlock and
// after sync rounds (a pull may bring an old log back with its details), at most once an hour:
// it reads every old record, which a phone with a year of logs should not do every round.
import { PERSONAL_FIELDS, retentionStartOf } from '../../shared/privacy/erasure';
import { PHONE_RETENTION_DAYS } from '../../shared/privacy/retention';
import { SYNC_TABLES } from '../../shared/schemas/tables';
import { ChangeNotice } from './change-notice';
import { db, recordTiming, RETENTION_PURGE_TIMING } from './db';


const DAY_MS = 24 * 3_600_000;
const BATCH = 200;
const AFTER_SYNC_EVERY_MS = 3_600_000;
let lastAfterSync = Number.NEGATIVE_INFINITY;

/** After a sync round: the purge, unless it ran less than an hour ago in this tab. */
export function purgeOldDetailsAfterSync(now: number = Date.now()): Promise<number> {
  if (now - lastAfterSync < AFTER_SYNC_EVERY_MS) return Promise.resolve(0);
  lastAfterSync = now;
  return purgeOldDetails(now);
}

/** Drops the personal fields of this phone's synced records past the phone's limit; returns how many changed. */
export async function purgeOldDetails(now: number = Date.now()): Promise<number> {
  const started = performance.now();
  // The screens learn of the purged records at most every QUIET_MS while it runs, and at its end.
  const notice = new ChangeNotice();
  try {
    return await purgeTables(now, notice);
  } finally {
    notice.flush();
    recordTiming(RETENTION_PURGE_TIMING, started);
  }
}

async function purgeTables(now: number, notice: ChangeNotice): Promise<number> {
  const cutoff = new Date(now - PHONE_RETENTION_DAYS * DAY_MS).toISOString();
  let purged = 0;
  for (const table of SYNC_TABLES) {
    const fields = PERSONAL_FIELDS[table];
    if (!fields) continue;
    const records = db.records(table);
    const holds = (row: Record<string, unknown>) => fields.some((field) => row[field] !== null && row[field] !== undefined);
    const past = (row: Record<string, unknown>) => {
      const start = retentionStartOf(table, row);
      return holds(row) && start !== undefined && Date.parse(start) < Date.parse(cutoff);
    };
    // The old rows still holding details, listed first; each batch is then checked and written
    // in one transaction with the outbox, so a change saved meanwhile keeps its record intact.
    // Logs and classes through their date's index; the register (tens of requests) is read whole.
    const candidates = table === 'rightsRequests' ? records.toCollection() : records.where('occurredAt').below(cutoff);
    const ids = await candidates.filter((row) => past(row)).primaryKeys();
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH);
      const written = await db.transaction('rw', [records, db.outbox], async (tx) => {
        const pending = new Set((await db.outbox.where('[table+recordId]').anyOf(batch.map((id) => [table, id])).toArray()).map((entry) => entry.recordId));
        const rows = (await records.bulkGet(batch)).filter((row): row is NonNullable<typeof row> => row !== undefined);
        const changed = rows
          .filter((row) => !pending.has(row.id) && past(row))
          .map((row) => ({ ...row, ...Object.fromEntries(fields.map((field) => [field, null])) }));
        // Straight into IndexedDB, as a pulled page is (sync-repository.ts): after the upgrade a
        // phone of 100,000 logs purges some 200 batches, and Dexie woke every live query after
        // each (Home's follow-ups read one log in five), which made the purge take minutes. The
        // screens are told by change-notice.ts instead (docs/performance.md "The log list").
        const store = tx.idbtrans.objectStore(records.name);
        for (const row of changed) store.put(row);
        return changed.length;
      });
      if (written > 0) notice.add(db.name, [{ name: records.name, indexes: records.schema.indexes.map((index) => index.name) }]);
      purged += written;
    }
  }
  return purged;
}
