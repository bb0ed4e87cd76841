// Runs inside the page (see page-hooks.ts). Exposes the real data layer to the test as window.__e2e.
import { AppDatabase, db, type OutboxEntry } from '../../../src/client/data/db';
import { CLOCK_KEY, queueDecidedWrite, writeRecord, writeRecords } from '../../../src/client/data/local-write';
import { getSession, requireUser } from '../../../src/client/data/session-repository';
import { SYNC_KEYS } from '../../../src/client/data/sync-status-repository';
import { Dexie } from 'dexie';
import { needsSealing, openFields, openRows, requireDataKey, sealedFieldsOf, sealFields } from '../../../src/client/data/sealed-records';
import { currentDataKey, vaultSnapshot } from '../../../src/client/data/vault/vault';
import { isSealed } from '../../../src/client/data/vault/crypto';
import { SEALED_AT_REST_KEY, sealPlainRecords } from '../../../src/client/data/seal-migration';
import { purgeOldDetails } from '../../../src/client/data/retention-purge';
import { RETENTION_MARK_KEY } from '../../../src/client/data/retention-mark';
import { PHONE_RETENTION_DAYS } from '../../../src/shared/privacy/retention';
import { DEFAULT_PAGE_SIZE, listLogs } from '../../../src/client/data/assistance-list';
import { scanLogs } from '../../../src/client/data/log-scan';
import { loadPeriodData } from '../../../src/client/data/period-report-repository';
import type { SyncTable } from '../../../src/shared/schemas/tables';
import type { SyncedRecord } from '../../../src/shared/sync/merge';
import { importHandOver } from '../../../src/client/data/handover-repository';
import { fromBase64Url, openBundle } from '../../../src/shared/handover/bundle';

/** The bare-write baseline's own database (bareWriteOfLastWrite), opened on first use. */
let baseline: AppDatabase | undefined;

/** The tap baseline armed by armBareWriteOnTap: its time once the tap's write has committed. */
let tapped: Promise<number> | undefined;

/** The app's last write as stored (its record, its outbox entry) and the device clock. */
async function lastWrite(): Promise<{ table: SyncTable; row: SyncedRecord; entry: Omit<OutboxEntry, 'seq'>; clock: { key: string; value: unknown } }> {
  const last = await db.outbox.orderBy('seq').last();
  if (!last) throw new Error('nothing written yet');
  const [row, clock] = await Promise.all([db.records(last.table).get(last.recordId), db.syncState.get(CLOCK_KEY)]);
  if (!row || !clock) throw new Error(`record ${last.recordId} or the clock not found`);
  const { seq: _seq, ...entry } = last;
  return { table: last.table, row, entry, clock };
}

/**
 * Puts a write (lastWrite) into the baseline's own database in one strict transaction, then empties
 * it; resolves with performance.now() at the commit.
 */
async function bareWrite({ table, row, entry, clock }: Awaited<ReturnType<typeof lastWrite>>): Promise<number> {
  baseline ??= new AppDatabase('so-tay-so-bench-baseline');
  const target = baseline;
  await target.transaction('rw', [target.syncedTable(table), target.outbox, target.syncState], () =>
    Promise.all([target.syncedTable(table).put(row), target.outbox.add(entry), target.syncState.put(clock)]),
  );
  const committed = performance.now();
  await Promise.all([target.syncedTable(table).clear(), target.outbox.clear()]);
  return committed;
}

/** Retention bench: the logs keepPurgeable found, as they were. */
let purgeable: SyncedRecord[] = [];

const hooks = {
  writeRecord: (table: SyncTable, recordId: string, fields: Record<string, unknown>) => writeRecord({ table, recordId, fields }),
  /** Several writes in one transaction (seeding many offline changes quickly). */
  writeMany: async (table: SyncTable, records: { id: string; fields: Record<string, unknown> }[]) => {
    await writeRecords(records.map(({ id, fields }) => ({ table, recordId: id, fields })));
  },
  session: () => getSession(),
  /** The rows as the app reads them: citizen details and notes opened with the unlocked key. */
  rows: async (table: SyncTable) => openRows(table, await db.records(table).toArray()),
  outboxCount: () => db.outbox.count(),
  outbox: () => db.outbox.toArray(),
  rejected: () => db.rejectedChanges.toArray(),
  syncState: async (key: string) => (await db.syncState.get(key))?.value,
  /**
   * Benchmark baseline: the durable work of the app's last write and nothing else — a copy of its
   * record, its outbox entry and the device clock, put in one strict-durability transaction into a
   * second database of the app's own schema (nothing read, checked or merged first); resolves with
   * its time in ms. A second database, because a write into the app's own would wake the screen's
   * live queries, whose reads then delay the next measured write.
   */
  bareWriteOfLastWrite: async () => {
    const write = await lastWrite();
    const started = performance.now();
    return (await bareWrite(write)) - started;
  },
  /**
   * The same bare write started by a tap, as a person starts a save (the log-save bench): adds a
   * button on top of the screen that runs it when clicked, timed from the click's own timestamp;
   * bareWriteOnTapDone resolves with that time once committed. After a tap Chromium holds the
   * page's other tasks, IndexedDB's answers among them, until it has drawn the next frame
   * (docs/performance.md "Saving a record"), so a write from a tap waits for that frame too.
   */
  armBareWriteOnTap: async () => {
    const write = await lastWrite();
    const button = document.createElement('button');
    button.type = 'button';
    button.id = 'bench-bare-write';
    button.textContent = 'bare write';
    button.style.cssText = 'position:fixed;left:0;top:0;width:120px;height:48px;z-index:9999';
    tapped = new Promise<number>((resolve, reject) => {
      button.addEventListener('click', (event) => {
        const started = event.timeStamp;
        bareWrite(write).then((committed) => resolve(committed - started), reject).finally(() => button.remove());
      }, { once: true });
    });
    document.body.append(button);
  },
  bareWriteOnTapDone: async () => {
    if (!tapped) throw new Error('armBareWriteOnTap first');
    const ms = await tapped;
    tapped = undefined;
    return ms;
  },
  /** Benchmark baseline: the logs of [from, before) read through the occurredAt index, nothing computed; ms and count. */
  scanLogs: async (from: string, before: string) => {
    const started = performance.now();
    const rows = await db.records('assistanceLogs').where('occurredAt').between(from, before, true, false).toArray();
    return { ms: performance.now() - started, count: rows.length };
  },
  /** The period report's data as the editor builds it (figures, readiness, blocked items); ms and the logs counted. */
  periodReportData: async (start: string, end: string) => {
    const started = performance.now();
    const data = await loadPeriodData({ start, end }, 'vi');
    return { ms: performance.now() - started, logs: data.results.logs };
  },
  /** Sealing bench: one save of a log through the app's write path (its citizen and note sealed); ms. */
  timedSave: async (recordId: string, fields: Record<string, unknown>) => {
    const started = performance.now();
    await writeRecord({ table: 'assistanceLogs', recordId, fields });
    return performance.now() - started;
  },
  /**
   * Sealing bench baseline: the same save without encryption — its citizen and note sealed before
   * the timer starts, then the same record and outbox entry committed in one transaction with no
   * WebCrypto call (local-write.ts queueDecidedWrite, nothing checked); ms.
   */
  timedSaveUnencrypted: async (recordId: string, fields: Record<string, unknown>) => {
    const sealed = await sealFields('assistanceLogs', recordId, fields, requireDataKey());
    const started = performance.now();
    await queueDecidedWrite({ table: 'assistanceLogs', recordId }, [], () => Promise.resolve(), () => sealed);
    return performance.now() - started;
  },
  /**
   * Sealing bench: the log list's first page as the list screen reads it (its rows opened); ms. A
   * User Timing measure LIST_PAGE_TIMING marks it for a trace (profile-sealed-list.ts).
   */
  timedListPage: async () => {
    const started = performance.now();
    const page = await listLogs({ period: 'all' });
    const ms = performance.now() - started;
    performance.measure('bench:list-page', { start: started, end: started + ms });
    return { ms, rows: page.items.length };
  },
  /**
   * Sealing bench's profile: the parts of the first page — its rows read alone ('scan'), read then
   * every sealed value opened ('all'), or only the citizens opened ('citizen'); and the sealed
   * values opened alone, the rows read before the timer ('open'). ms and the sealed values opened.
   */
  timedListPart: async (part: 'scan' | 'all' | 'citizen' | 'open') => {
    const user = await requireUser();
    const scan = () => scanLogs({ user, filter: { period: 'all' }, from: Dexie.minKey, periodEnd: null }, null, DEFAULT_PAGE_SIZE);
    const before = part === 'open' ? await scan() : [];
    const started = performance.now();
    const rows = part === 'open' ? before : await scan();
    const opened = part === 'citizen' ? rows.map((row) => ({ id: row.id, fields: { citizen: row.citizen } })) : rows.map((row) => ({ id: row.id, fields: row }));
    if (part !== 'scan') await Promise.all(opened.map(({ id, fields }) => openFields('assistanceLogs', id, fields)));
    const ms = performance.now() - started;
    const sealed = part === 'scan' ? 0 : opened.reduce((sum, { fields }) => sum + sealedFieldsOf('assistanceLogs').filter((field) => isSealed((fields as Record<string, unknown>)[field])).length, 0);
    return { ms, rows: rows.length, sealed };
  },
  /**
   * Seals every plaintext record now (what the first unlock does); resolves with the rows sealed and its ms.
   * This bundle's vault receives the app's key over its BroadcastChannel a moment after loading.
   */
  sealNow: async () => {
    for (let wait = 0; wait < 100 && !currentDataKey(); wait++) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!currentDataKey()) throw new Error('the page is not unlocked');
    await db.syncState.delete(SEALED_AT_REST_KEY);
    const started = performance.now();
    const rows = await sealPlainRecords();
    return { rows, ms: performance.now() - started };
  },
  /**
   * Sealing bench: the retention purge the unlock started (docs/privacy.md "Retention"), run here
   * until it finds nothing left, so the sealing is measured on rows that stay as they are.
   */
  purgeOldDetailsNow: async () => {
    while ((await purgeOldDetails()) > 0);
  },
  /**
   * Retention bench: keeps, in this page's memory, the logs past the phone's limit that still hold
   * a citizen or a note (what the purge drops), so each run can put them back; their count.
   */
  keepPurgeable: async () => {
    const cutoff = new Date(Date.now() - PHONE_RETENTION_DAYS * 86_400_000).toISOString();
    const rows = await db.syncedTable('assistanceLogs').where('occurredAt').below(cutoff).filter((row) => (row.citizen ?? null) !== null || (row.note ?? null) !== null).toArray();
    purgeable = rows;
    return rows.length;
  },
  /**
   * Retention bench: the kept logs written back as they were (before a purge) or as the purge leaves
   * them (the baseline: one bare write of the same rows, nothing read, checked or told), straight
   * into IndexedDB in one transaction, so no live query wakes; ms. Put back as they were, the
   * purge's mark goes with them (retention-mark.ts): the phone is again one that never purged.
   */
  putPurgeable: async (purged: boolean) => {
    const rows = purged ? purgeable.map((row) => ({ ...row, citizen: null, note: null })) : purgeable;
    const table = db.syncedTable('assistanceLogs');
    if (!purged) await db.syncState.delete(RETENTION_MARK_KEY);
    const started = performance.now();
    await db.transaction('rw', table, (tx) => {
      const store = tx.idbtrans.objectStore(table.name);
      for (const row of rows) store.put(row);
    });
    return performance.now() - started;
  },
  /**
   * Retention bench: the phone's purge (as the unlock runs it) while the app's screen is open; its
   * ms, the records it changed, the change notices it sent the live queries (Dexie's window event)
   * and the longest the main thread was blocked meanwhile (the lateness of a 10 ms timer).
   */
  timedRetentionPurge: async () => {
    let notices = 0;
    const count = () => (notices += 1);
    addEventListener('x-storagemutated-1', count);
    let stallMs = 0;
    let last = performance.now();
    let ticking = true;
    const tick = () => {
      const now = performance.now();
      stallMs = Math.max(stallMs, now - last - 10);
      last = now;
      if (ticking) setTimeout(tick, 10);
    };
    setTimeout(tick, 10);
    const started = performance.now();
    const purged = await purgeOldDetails();
    const ms = performance.now() - started;
    // The last notice's wakes run after the purge: a quiet second lets them show in the stall.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    ticking = false;
    removeEventListener('x-storagemutated-1', count);
    return { ms, purged, notices, stallMs };
  },
  /**
   * Sealing bench baseline: the logs the seal migration would write, read before the timer, then
   * written back as they are by one bare Dexie bulkPut (nothing read, sealed or checked); ms and rows.
   */
  timedBarePutOfPlainLogs: async () => {
    const logs = db.syncedTable('assistanceLogs');
    const rows = (await logs.toArray()).filter((row) => needsSealing('assistanceLogs', row));
    const started = performance.now();
    await logs.bulkPut(rows);
    return { ms: performance.now() - started, rows: rows.length };
  },
  /**
   * Hand-over bench: a colleague's .sotayso file (base64url) opened with its code and imported
   * through the app's path (openBundle, then importHandOver: each record sealed, merged and queued
   * with its own id in one transaction); ms of each part and the changes imported.
   */
  timedHandOverImport: async (file: string, code: string) => {
    const user = (await getSession())!.user;
    const started = performance.now();
    const content = await openBundle(fromBase64Url(file), code, user.communeId ?? '');
    const opened = performance.now();
    const count = await importHandOver(user, content);
    return { openMs: opened - started, importMs: performance.now() - opened, count };
  },
  /**
   * Hand-over bench baseline: the same file's records and outbox entries written by two bare Dexie
   * bulkPuts in one transaction — nothing opened (before the timer), sealed, merged or checked; ms.
   */
  timedBareHandOverPut: async (file: string, code: string) => {
    const user = (await getSession())!.user;
    const { entries } = await openBundle(fromBase64Url(file), code, user.communeId ?? '');
    const records = entries.map((entry) => ({ ...entry.fields, id: entry.recordId }));
    const queued = entries.map(({ id, table, recordId, hlc, fields, createdAt, relay }) => ({ id, table, recordId, hlc, fields, createdAt, ...(relay ? { relay } : {}) }));
    const logs = db.records('assistanceLogs');
    const started = performance.now();
    await db.transaction('rw', [logs, db.outbox], async () => {
      await logs.bulkPut(records as never[]);
      await db.outbox.bulkPut(queued);
    });
    return performance.now() - started;
  },
  /** Hand-over bench: removes the records of these ids and their outbox entries (between rounds). */
  forgetHandOver: async (recordIds: string[]) => {
    await db.transaction('rw', [db.records('assistanceLogs'), db.outbox], async () => {
      await db.records('assistanceLogs').bulkDelete(recordIds);
      await db.outbox.where('[table+recordId]').anyOf(recordIds.map((id) => ['assistanceLogs', id])).delete();
    });
  },
  /** Everything in the database, as text (to prove what is not stored). */
  dumpAll: async () => JSON.stringify(await Promise.all(db.tables.map((table) => table.toArray()))),
  /**
   * Everything but the sync runtime's account of its last round (when it last succeeded, why it last
   * failed), as text: to prove a screen wrote nothing while the phone's own sync keeps trying in the
   * background — offline, its 60 s timer and its retries each record a new failure.
   */
  dumpData: async () => {
    const status: readonly unknown[] = [SYNC_KEYS.lastSuccessAt, SYNC_KEYS.lastError];
    const tables = await Promise.all(db.tables.map(async (table): Promise<unknown[]> => (table.name === db.syncState.name ? (await db.syncState.toArray()).filter((row) => !status.includes(row.key)) : table.toArray())));
    return JSON.stringify(tables);
  },
};

export type E2eHooks = typeof hooks;
(window as unknown as { __e2e: E2eHooks }).__e2e = hooks;
// The hooks' copy of the data layer is another tab of the app: like the lock check as a tab starts,
// it asks the app's tabs for the key now (the vault's channel opens on first use), so the key is
// here by the time a test's first call reads it.
vaultSnapshot();
