// The sync engine's view of IndexedDB (docs/sync.md §3). Every method that changes several things does
// it in ONE Dexie transaction and awaits nothing but Dexie inside it (docs/sync.md §7.3):
// decoding, byte counting and clock maths happen before the transaction opens.
//
// - An outbox entry leaves only when the server answered for it: acked → deleted, rejected →
//   moved to rejectedChanges (visible until the user dismisses it).
// - A pulled page is applied by REBASE and stored together with its cursor, so a dropped
//   connection resumes after the last page that is really on disk (pitfalls 3, 4, 6).
// - Citizen details and notes are sealed before a pulled page's transaction opens and opened
//   when the outbox is read for a push (sealed-records.ts): on disk they are only ciphertext.
import { db, type AppDatabase, type OutboxEntry, type RejectedChange } from './db';
import { pulledChanges, type ChangeNotice } from './change-notice';
import { CLOCK_KEY, CLOCK_OFFSET_KEY } from './local-write';
import { SYNC_KEYS } from './sync-status-repository';
import { isSession } from './session-state';
import { readRoundStartRows } from './round-start-read';
import { currentDataKey, LockedError } from './vault/vault';
import { needsSealing, sealChanges } from './sealed-records';
import { cutOutboxBatch } from './outbox-batch';
import { markWrite, RETENTION_MARK_KEY } from './retention-mark';
import { rebase, type FieldWrite, type SyncedRecord } from '../../shared/sync/merge';
import { capClock, initialClock, newNodeId, receive, type Hlc } from '../../shared/sync/hlc';
import type { Rejection } from '../../shared/sync/protocol';
import { SYNC_TABLES, type SyncTable } from '../../shared/schemas/tables';
import { isClockState, maxClock, pendingKey, type OutboxBatch, type PulledChange, type PushOutcome, type RoundStartReads, type ServerClock } from './sync-shapes';

/** One phone's sync storage. The app uses `syncRepository` (its own database); tests make more. */
export class SyncRepository {
  constructor(
    private readonly db: AppDatabase,
    // The key sealing citizen details (the unlocked member's); the sync tests give each phone one.
    private readonly keyOf: () => CryptoKey | undefined | Promise<CryptoKey> = currentDataKey,
    private readonly notice: ChangeNotice = pulledChanges,
  ) {}

  /** Only ever awaited outside a transaction. */
  private async key(): Promise<CryptoKey> {
    const key = await this.keyOf();
    if (!key) throw new LockedError();
    return key;
  }

  /** The oldest outbox entries as a push's batch (outbox-batch.ts says what goes in it). */
  async readOutboxBatch(maxCount: number, maxBytes: number): Promise<OutboxBatch> {
    const head = await this.db.outbox.orderBy('seq').limit(Math.max(1, maxCount)).toArray();
    return cutOutboxBatch(head, maxBytes, () => this.key());
  }

  /**
   * A round's first reads in ONE read-only transaction (round-start-read.ts). What is not
   * IndexedDB's runs after it (docs/sync.md §7.3): opening sealed entries (WebCrypto) and
   * forgetting the cursor after an update; a locked phone's batch fails alone.
   */
  readRoundStart(maxCount: number, maxBytes: number, known: readonly string[]): RoundStartReads {
    const read = readRoundStartRows(this.db, maxCount);
    const start: RoundStartReads = {
      batch: read.then(({ head }) => cutOutboxBatch(head, maxBytes, () => this.key())),
      cursor: read.then(({ cursor, skipped }) => this.cursorFrom(cursor, skipped, known)),
      waiting: read.then(({ waiting }) => waiting),
      session: read.then(({ session }) => (isSession(session) ? session : undefined)),
    };
    // A caller that stops before the round (nobody signed in, a locked phone) awaits only some.
    for (const part of Object.values(start) as Promise<unknown>[]) part.catch(() => undefined);
    return start;
  }

  async countOutbox(): Promise<number> {
    return this.db.outbox.count();
  }

  /** This device's id for the server (`clientId`): the node id of its HLC, created on first use. */
  async getClientId(): Promise<string> {
    const node = newNodeId();
    return this.db.transaction('rw', this.db.syncState, async () => {
      const stored = await this.db.syncState.get(CLOCK_KEY);
      if (isClockState(stored?.value)) return stored.value.node;
      const clock = initialClock(node);
      await this.db.syncState.put({ key: CLOCK_KEY, value: clock });
      return clock.node;
    });
  }

  async getCursor(): Promise<string | undefined> {
    const row = await this.db.syncState.get(SYNC_KEYS.cursor);
    return typeof row?.value === 'string' ? row.value : undefined;
  }

  /** Forget the cursor: the next pull starts from the beginning (records are rebased, nothing is lost). */
  async resetCursor(): Promise<void> {
    await this.db.syncState.delete(SYNC_KEYS.cursor);
  }

  /**
   * Settles pushed entries in one transaction. `rejected` may name ids that are also in `acked` (a
   * rejected mutation is acknowledged too); the rejection wins. Ids the answer does not mention
   * stay in the outbox and are pushed again (a no-op on the server if it had applied them).
   */
  async applyPushResult(input: {
    acked: readonly string[];
    rejected: readonly Rejection[];
    at: string;
    serverClock?: ServerClock;
  }): Promise<PushOutcome> {
    const rejectedIds = new Set(input.rejected.map((rejection) => rejection.id));
    const ackedIds = input.acked.filter((id) => !rejectedIds.has(id));
    // Record tables only when something was refused (its record is repaired), so an all-acked
    // answer does not hold up a form saving into those tables.
    const tables = input.rejected.length > 0 ? SYNC_TABLES.map((table) => this.db.syncedTable(table)) : [];
    return this.db.transaction('rw', [this.db.outbox, this.db.rejectedChanges, this.db.syncState, ...tables], async () => {
      let settled = 0;
      let resyncNeeded = false;
      for (const rejection of input.rejected) {
        const entry = await this.db.outbox.where('id').equals(rejection.id).first();
        if (!entry?.seq) continue; // an answer processed twice, or an id we never sent
        const rejectedChange: RejectedChange = { ...entry, code: rejection.code, message: rejection.message, rejectedAt: input.at };
        await this.db.rejectedChanges.put(rejectedChange);
        await this.db.outbox.delete(entry.seq);
        settled += 1;
        resyncNeeded = (await this.undoRejectedWrite(entry)) || resyncNeeded;
      }
      settled += await this.db.outbox.where('id').anyOf(ackedIds).delete();
      if (resyncNeeded) await this.db.syncState.delete(SYNC_KEYS.cursor);
      if (input.serverClock) await this.adjustClock(input.serverClock);
      return { settled, resyncNeeded };
    });
  }

  /**
   * Applies one pulled page and stores its cursor, in one transaction. Each record becomes the
   * server's record with this phone's pending writes for it re-applied on top (merge.ts rebase), so
   * a local edit made offline survives the pull, and a clock the server capped or a write it
   * refused does not linger on the phone.
   */
  async applyPulledPage(input: { changes: readonly PulledChange[]; cursor: string; serverClock: ServerClock; skippedTables?: readonly string[]; hasMore?: boolean }): Promise<void> {
    const byTable = new Map<SyncTable, PulledChange[]>();
    const changes = await this.sealPulled(input.changes);
    for (const change of changes) {
      const list = byTable.get(change.table) ?? [];
      list.push(change);
      byTable.set(change.table, list);
    }
    const remote = maxClock(changes);
    const tables = [...byTable.keys()].map((table) => this.db.syncedTable(table));
    const skipped = input.skippedTables ?? [];
    await this.db.transaction('rw', [this.db.outbox, this.db.syncState, ...tables], async (tx) => {
      // Everything the page needs to read, asked for at once: each await inside the transaction
      // is a round trip to IndexedDB before the next request can be made, once per page.
      const [pending, [storedClock, mark], known] = await Promise.all([this.pendingWrites(changes), this.db.syncState.bulkGet([CLOCK_KEY, RETENTION_MARK_KEY]), skipped.length > 0 ? this.skippedTables() : []]);
      // Straight into IndexedDB, in this transaction: Dexie's per-write bookkeeping (and waking
      // every live query page after page) is left out; the screens are told by change-notice.ts.
      // A failed put aborts the transaction, and the cursor with it.
      const stored: (readonly [SyncTable, SyncedRecord])[] = [];
      for (const [table, tableChanges] of byTable) {
        const store = tx.idbtrans.objectStore(table);
        for (const { record } of tableChanges) {
          const row = rebase(record, pending.get(pendingKey(table, record.id)) ?? []);
          store.put(row);
          stored.push([table, row]);
        }
      }
      const writes = this.clockWrites(storedClock?.value, input.serverClock, remote);
      // An old log brought back with its details: the phone's retention purge reads it again.
      const marked = markWrite(mark?.value, stored, Date.now());
      if (marked) writes.push(marked);
      // The cursor moves past changes this version could not read: remember which tables, so an
      // updated app pulls them again (restartPullIfTablesLearned) instead of never seeing them.
      if (skipped.length > 0) writes.push({ key: SYNC_KEYS.skippedTables, value: [...new Set([...known, ...skipped])].sort() });
      writes.push({ key: SYNC_KEYS.cursor, value: input.cursor });
      // Raw too, and not awaited: the transaction commits once its requests are done, one trip
      // sooner than after Dexie's answer to a bulkPut. Nothing watches these rows (the status
      // reads lastSuccessAt and lastError, written after the round).
      const syncState = tx.idbtrans.objectStore(this.db.syncState.name);
      for (const row of writes) syncState.put(row);
    });
    this.notice.add(this.db.name, tables.map((table) => ({ name: table.name, indexes: table.schema.indexes.map((index) => index.name) })));
    // The round's last page (or a caller that does not say): the screens catch up now.
    if (input.hasMore !== true) this.notice.flush();
  }

  /**
   * The pulled records with their citizen details and notes sealed (the rest untouched): the
   * engine calls it for the next page while the page before it is written (engine.ts pullAll);
   * applyPulledPage seals whatever is still plain, so a page given as it came is stored sealed too.
   */
  async preparePulledPage(changes: readonly PulledChange[]): Promise<readonly PulledChange[]> {
    return this.sealPulled(changes);
  }

  private async sealPulled(changes: readonly PulledChange[]): Promise<readonly PulledChange[]> {
    if (!changes.some(({ table, record }) => needsSealing(table, record))) return changes;
    const key = await this.key();
    return sealChanges(changes, key);
  }

  /**
   * Where the next pull starts (the engine's pullCursor): the cursor and the tables set aside read
   * together, one IndexedDB read in nearly every round; the cursor is forgotten first when one of
   * `known` was set aside (restartPullIfTablesLearned).
   */
  async pullCursor(known: readonly string[]): Promise<string | undefined> {
    const [cursor, skipped] = await this.db.syncState.bulkGet([SYNC_KEYS.cursor, SYNC_KEYS.skippedTables]);
    return this.cursorFrom(cursor?.value, skipped?.value, known);
  }

  /** The stored cursor, unless one of `known` was set aside: then it is forgotten first. */
  private async cursorFrom(cursor: unknown, skipped: unknown, known: readonly string[]): Promise<string | undefined> {
    if (!tableNames(skipped).some((table) => known.includes(table))) return typeof cursor === 'string' ? cursor : undefined;
    await this.restartPullIfTablesLearned(known);
    return this.getCursor();
  }

  /** Forgets the cursor if changes of one of `known` were once set aside as unknown: they are pulled again. */
  async restartPullIfTablesLearned(known: readonly string[]): Promise<void> {
    // Nearly every round has nothing to do here: a read costs less than a read-write transaction.
    if (!(await this.skippedTables()).some((table) => known.includes(table))) return;
    await this.db.transaction('rw', this.db.syncState, async () => {
      const skipped = await this.skippedTables();
      const still = skipped.filter((table) => !known.includes(table));
      if (still.length === skipped.length) return;
      await this.db.syncState.delete(SYNC_KEYS.cursor);
      if (still.length > 0) await this.db.syncState.put({ key: SYNC_KEYS.skippedTables, value: still });
      else await this.db.syncState.delete(SYNC_KEYS.skippedTables);
    });
  }

  /** Inside or outside a transaction over syncState: the tables set aside so far. */
  private async skippedTables(): Promise<string[]> {
    return tableNames((await this.db.syncState.get(SYNC_KEYS.skippedTables))?.value);
  }

  /** Inside a transaction over syncState: store the offset, receive `remote`, pull a runaway clock back. */
  private async adjustClock(serverClock: ServerClock, remote?: Hlc): Promise<void> {
    const stored = await this.db.syncState.get(CLOCK_KEY);
    await this.db.syncState.bulkPut(this.clockWrites(stored?.value, serverClock, remote));
  }

  /** The syncState rows adjustClock writes, from the stored clock (read in the same transaction). */
  private clockWrites(stored: unknown, serverClock: ServerClock, remote?: Hlc): { key: string; value: unknown }[] {
    const physical = serverClock.now + serverClock.offsetMs;
    let clock = isClockState(stored) ? stored : undefined;
    if (remote !== undefined) clock = receive(clock ?? initialClock(newNodeId()), remote, physical);
    const writes: { key: string; value: unknown }[] = [];
    if (clock) writes.push({ key: CLOCK_KEY, value: capClock(clock, physical) });
    writes.push({ key: CLOCK_OFFSET_KEY, value: serverClock.offsetMs });
    return writes;
  }

  /**
   * Takes a refused write back out of the local record: the fields it set (those still carrying its
   * clock) are removed. A record made of nothing else (a refused creation) is deleted; a record
   * that had server values under those fields needs a resync to get them back (returns true).
   */
  private async undoRejectedWrite(entry: OutboxEntry): Promise<boolean> {
    const table = this.db.syncedTable(entry.table);
    const record = await table.get(entry.recordId);
    if (!record) return false;
    const stale = new Set(Object.keys(record.clocks).filter((field) => record.clocks[field] === entry.hlc));
    if (stale.size === 0) return false;
    const clocks = Object.fromEntries(Object.entries(record.clocks).filter(([field]) => !stale.has(field)));
    if (Object.keys(clocks).length === 0) {
      await table.delete(entry.recordId);
      return false;
    }
    const fields = Object.fromEntries(Object.entries(record).filter(([field]) => !stale.has(field) && field !== 'clocks'));
    await table.put({ ...fields, id: record.id, clocks });
    return true;
  }

  /** The outbox writes for the records of a page, oldest first, by table and record id. */
  private async pendingWrites(changes: readonly PulledChange[]): Promise<Map<string, FieldWrite[]>> {
    const result = new Map<string, FieldWrite[]>();
    if (changes.length === 0 || (await this.db.outbox.count()) === 0) return result;
    const keys = changes.map(({ table, record }) => [table, record.id]);
    const entries = await this.db.outbox.where('[table+recordId]').anyOf(keys).toArray();
    entries.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    for (const entry of entries) {
      const key = pendingKey(entry.table, entry.recordId);
      const list = result.get(key) ?? [];
      list.push({ recordId: entry.recordId, hlc: entry.hlc, fields: entry.fields });
      result.set(key, list);
    }
    return result;
  }
}

/** The stored list of tables set aside (syncState `skippedTables`), as names. */
function tableNames(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((table): table is string => typeof table === 'string') : [];
}

export const syncRepository = new SyncRepository(db);
