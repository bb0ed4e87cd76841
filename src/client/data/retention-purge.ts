// The phone's retention limit (docs/privacy.md "Retention"): a synced log's citizen details and
// notes leave this phone PHONE_RETENTION_DAYS after the log's date, and who asked leaves a
// register's request that many days after it was closed, even while the phone is offline for
// weeks. The log stays (service, outcome, barriers, village, date), so the phone's reports keep
// their counts; the server keeps the details until its own, longer limit, so nothing is lost to
// the commune. Only this phone's copy changes: no outbox entry, no clock moved.
//
// A record with a change still waiting in the outbox is left alone (its change is not on the
// server yet), and so is one whose details are not past the limit. Runs after each unlock and
// after sync rounds (a pull may bring an old log back with its details), at most once an hour.
// Logs and classes are read through their date index from where the last purge stopped
// (retention-mark.ts), so a purge reads what crossed the limit since, not every old record again.
import { PERSONAL_FIELDS, holdsPersonalData, retentionStartOf } from '../../shared/privacy/erasure';
import { SYNC_TABLES } from '../../shared/schemas/tables';
import { ChangeNotice } from './change-notice';
import { db, recordTiming, RETENTION_PURGE_TIMING } from './db';
import { DATED_TABLES, phoneCutoff, readMark, RETENTION_MARK_KEY, type RetentionMark } from './retention-mark';

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
  const cutoff = phoneCutoff(now);
  const mark = readMark((await db.syncState.get(RETENTION_MARK_KEY))?.value);
  // Never purged (or the mark lost): every old log and class.
  const from = mark.before === undefined ? undefined : mark.dirtyFrom !== undefined && mark.dirtyFrom < mark.before ? mark.dirtyFrom : mark.before;
  let purged = 0;
  // The earliest date of a log or class left holding details: the next purge reads from there.
  let left: string | undefined;
  for (const table of SYNC_TABLES) {
    const fields = PERSONAL_FIELDS[table];
    if (!fields) continue;
    const records = db.records(table);
    const dated = DATED_TABLES.includes(table);
    // The keys only (getAllKeys, no record read): each batch then reads its records once, checks
    // them against the outbox and writes them in one transaction, so a change saved meanwhile
    // keeps its record intact. The register (tens of requests) is read whole.
    const range = from === undefined ? records.where('occurredAt').below(cutoff) : records.where('occurredAt').between(from, cutoff, true, false);
    const ids = await (dated ? range : records.toCollection()).primaryKeys();
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH);
      const written = await db.transaction('rw', [records, db.outbox], async (tx) => {
        const [queued, rows] = await Promise.all([db.outbox.where('[table+recordId]').anyOf(batch.map((id) => [table, id])).toArray(), records.bulkGet(batch)]);
        const pending = new Set(queued.map((entry) => entry.recordId));
        const changed: Record<string, unknown>[] = [];
        for (const row of rows) {
          if (!row || !holdsPersonalData(table, row)) continue;
          const start = retentionStartOf(table, row);
          if (start !== undefined && Date.parse(start) < Date.parse(cutoff) && !pending.has(row.id)) changed.push({ ...row, ...Object.fromEntries(fields.map((field) => [field, null])) });
          // Dated: a string of the date index, between `from` and the cutoff.
          else if (dated && start !== undefined && (left === undefined || start < left)) left = start;
        }
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
  await markDone(mark, cutoff, left);
  return purged;
}

/**
 * The purge's own mark: read from this cutoff next time, or from the record it left. A write that
 * marked a date while it ran (its dirtyFrom moved) may be behind where the purge had read: kept.
 */
async function markDone(started: RetentionMark, cutoff: string, left: string | undefined): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    const now = readMark((await db.syncState.get(RETENTION_MARK_KEY))?.value);
    const marked = now.dirtyFrom !== started.dirtyFrom ? now.dirtyFrom : undefined;
    const dirtyFrom = [left, marked].filter((date): date is string => date !== undefined).sort()[0];
    await db.syncState.put({ key: RETENTION_MARK_KEY, value: { before: cutoff, ...(dirtyFrom === undefined ? {} : { dirtyFrom }) } satisfies RetentionMark });
  });
}
