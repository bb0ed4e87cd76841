// The one path by which the app changes a synced record. The record and its outbox entry
// commit in one Dexie transaction (docs/sync.md §1; ARCHITECTURE.md ("One home per responsibility")): a crash leaves both or neither.
// Ids and the node id are made before the transaction opens; inside it only Dexie is awaited
// (awaiting anything else commits an IndexedDB transaction early — docs/sync.md §7.3). For the
// same reason citizen details and notes are sealed before the transaction opens
// (sealed-records.ts): the record and its outbox entry store the same ciphertext.
import type { Table } from 'dexie';
import { db, type AppDatabase, type AtRest, type OpenedRecord, type OutboxEntry, type RecordOf, type SealedName, type StoredRecord } from './db';
import { applyWrite, mergeRecords, type SyncedRecord } from '../../shared/sync/merge';
import { initialClock, newNodeId, receive, tick } from '../../shared/sync/hlc';
import { uuidv7 } from '../../shared/sync/ids';
import type { SyncTable } from '../../shared/schemas/tables';
import { hasSealed, needsSealing, openFields, requireDataKey, sealFields, sealedFieldsOf } from './sealed-records';
import { isClockState } from './sync-shapes';
import { markWrite, RETENTION_MARK_KEY } from './retention-mark';

/** Device clock state and the offset to the server's clock, kept in syncState. */
export const CLOCK_KEY = 'clock';
export const CLOCK_OFFSET_KEY = 'clockOffsetMs';

/** A change of one record of table T. */
export interface TableWrite<T extends SyncTable> {
  table: T;
  recordId: string;
  /**
   * Only the fields this change sets (never a whole record: older clients must not erase newer
   * fields). Named and typed by the table's record schema; `id` is the recordId.
   */
  fields: Partial<Omit<RecordOf<T>, 'id'>>;
}

/** A change of any synced table (writeRecords takes several tables in one transaction). */
export type LocalWrite = { [T in SyncTable]: TableWrite<T> }[SyncTable];

/** A TableWrite whose sealed fields hold their envelopes already (queueDecidedWrite). */
export interface SealedWrite<T extends SyncTable> {
  table: T;
  recordId: string;
  fields: AtRest<TableWrite<T>['fields'], SealedName<T>>;
}

/** What the transaction stores: a write of any table, its sealed fields sealed. */
interface QueuedWrite {
  table: SyncTable;
  recordId: string;
  fields: Readonly<Record<string, unknown>>;
}

/**
 * Applies several writes atomically (e.g. a log and its follow-up) and queues one outbox entry each.
 * Every write also sets `updatedAt`. Returns the records as stored, their sealed fields opened.
 */
export async function writeRecords(
  writes: readonly LocalWrite[],
  now: number = Date.now(),
  // Another database than the app's: lets the sync tests run several phones in one process.
  database: AppDatabase = db,
  // The data key sealing citizen details and notes; by default the unlocked member's.
  key?: CryptoKey,
): Promise<SyncedRecord[]> {
  const sealing = writes.some((write) => needsSealing(write.table, write.fields));
  const dataKey = sealing ? (key ?? requireDataKey()) : undefined;
  const sealedWrites: readonly QueuedWrite[] = dataKey
    ? await Promise.all(writes.map(async (write) => ({ ...write, fields: await sealFields(write.table, write.recordId, write.fields, dataKey) })))
    : writes;
  const stored = await commitPlan(database, now, { targets: sealedWrites, scope: [], fields: () => sealedWrites.map((write) => write.fields) });
  return Promise.all(stored.map((record, index) => reveal(record, writes[index]!, sealedWrites[index]!, key)));
}

/**
 * Who makes a write (writeRecordAs), read inside the write's own transaction: `read` (the session
 * and its permission check, awaiting only Dexie) joins the transaction's first round of reads, and
 * `fields` gives what the user adds to the record (their commune, their id) or throws to refuse,
 * which aborts the transaction: nothing is written and the clock does not move.
 */
export interface WriteAuthor<T extends SyncTable, U> {
  read: () => Promise<U>;
  fields: (user: U) => TableWrite<T>['fields'];
}

/**
 * writeRecord with its author checked in the same transaction (docs/performance.md "Saving a
 * record"): one transaction instead of a read of the session before the write's own, and nothing
 * can change between the check and the write. The author's fields are never sealed ones.
 */
export async function writeRecordAs<T extends SyncTable, U>(author: WriteAuthor<T, U>, write: TableWrite<T>, now: number = Date.now()): Promise<{ user: U; record: OpenedRecord<T> }> {
  const dataKey = needsSealing(write.table, write.fields) ? requireDataKey() : undefined;
  const sealed: QueuedWrite = dataKey ? { ...write, fields: await sealFields(write.table, write.recordId, write.fields, dataKey) } : write;
  let user: U | undefined;
  // The author's read is of the session, in settings.
  const [stored] = await commitPlan(db, now, {
    targets: [sealed],
    scope: [db.settings],
    read: async () => {
      user = await author.read();
    },
    fields: () => {
      // A refusal throws here, before anything is written: the transaction aborts.
      const fields = author.fields(user as U);
      if (needsSealing(write.table, fields)) throw new Error(`writeRecordAs: the author's fields of ${write.table} hold a field to seal`);
      return [{ ...sealed.fields, ...fields }];
    },
  });
  if (!stored) throw new Error('writeRecordAs wrote nothing');
  // The fields were validated by the table's schema before this write (see writeRecord).
  return { user: user as U, record: (await reveal(stored, write as LocalWrite, sealed, undefined)) as OpenedRecord<T> };
}

/**
 * One write decided inside its own transaction (checklist-repository.ts updateChecklistItem):
 * `read` (the caller's checks on the stores of `scope`, awaiting only Dexie) joins the round that
 * reads the stored record and the clock; `decide` gives the fields to write (sealed ones sealed),
 * null for none, or throws to refuse (the transaction aborts). Two rounds of requests and one
 * commit; a check before a nested write cost a third round.
 */
export async function queueDecidedWrite<T extends SyncTable, R>(
  target: { table: T; recordId: string },
  scope: readonly Table[],
  read: () => Promise<R>,
  decide: (stored: StoredRecord<T> | undefined, read: R) => SealedWrite<T>['fields'] | null,
  now: number = Date.now(),
): Promise<void> {
  let checked: R | undefined;
  await commitPlan(db, now, {
    targets: [target],
    scope,
    read: async () => {
      checked = await read();
    },
    fields: ([stored]) => {
      // The target's table holds its StoredRecords (db.records); commitPlan reads them untyped.
      const fields = decide(stored as StoredRecord<T> | undefined, checked as R);
      if (fields && needsSealing(target.table, fields)) throw new Error(`unsealed ${target.table}`);
      return [fields];
    },
  });
}

/**
 * What one transaction writes, records and outbox entries together (sealed fields already sealed):
 * its `targets`, read with the clock and the caller's `read` (on the stores of `scope`) in one
 * round; then `fields` gives each target's fields, or null to leave it.
 */
interface WritePlan {
  targets: readonly { table: SyncTable; recordId: string }[];
  scope: readonly Table[];
  read?: () => Promise<void>;
  fields: (stored: readonly (SyncedRecord | undefined)[]) => readonly (Readonly<Record<string, unknown>> | null)[];
}

/** Returns the records written (a target left alone is not among them). */
async function commitPlan(database: AppDatabase, now: number, plan: WritePlan): Promise<SyncedRecord[]> {
  const mutationIds = plan.targets.map(() => uuidv7());
  const freshNode = newNodeId();
  const createdAt = new Date(now).toISOString();
  const tables = [...new Set(plan.targets.map((write) => database.syncedTable(write.table)))];
  return database.transaction('rw', [database.outbox, database.syncState, ...plan.scope, ...tables], async () => {
    // Every read in one round, every write in the next: each await inside a transaction is a trip
    // through the event loop, and on a busy phone those trips cost more than the requests
    // (docs/performance.md "Saving a record").
    const [[clockRow, offset, mark], existing] = await Promise.all([
      database.syncState.bulkGet([CLOCK_KEY, CLOCK_OFFSET_KEY, RETENTION_MARK_KEY]),
      Promise.all(plan.targets.map((write) => database.syncedTable(write.table).get(write.recordId))),
      plan.read?.(),
    ]);
    const decided = plan.fields(existing);
    if (decided.every((fields) => fields === null)) return [];
    let clock = isClockState(clockRow?.value) ? clockRow.value : initialClock(freshNode);
    const physicalNow = now + (typeof offset?.value === 'number' ? offset.value : 0);
    // Two writes of one record in one call: the second applies over the first.
    const latest = new Map<string, { table: SyncTable; record: SyncedRecord }>();
    const results: SyncedRecord[] = [];
    const entries: OutboxEntry[] = [];
    for (const [index, write] of plan.targets.entries()) {
      const decidedFields = decided[index];
      if (!decidedFields) continue;
      const stamped = tick(clock, physicalNow);
      clock = stamped.state;
      const fields = { ...decidedFields, updatedAt: createdAt };
      const key = `${write.table}/${write.recordId}`;
      const record = applyWrite(latest.get(key)?.record ?? existing[index], { recordId: write.recordId, hlc: stamped.hlc, fields });
      latest.set(key, { table: write.table, record });
      entries.push({ id: mutationIds[index]!, table: write.table, recordId: write.recordId, hlc: stamped.hlc, fields, createdAt });
      results.push(record);
    }
    // Details on a record already past the phone's limit (an old log edited): the purge reads it again.
    const marked = markWrite(mark?.value, [...latest.values()].map(({ table, record }) => [table, record] as const), now);
    await Promise.all([
      ...[...latest.values()].map(({ table, record }) => database.syncedTable(table).put(record)),
      database.outbox.bulkAdd(entries),
      database.syncState.bulkPut([{ key: CLOCK_KEY, value: clock }, ...(marked ? [marked] : [])]),
    ]);
    return results;
  });
}

/**
 * The stored record as the caller reads it: a sealed value this write set is given back as the
 * plaintext it was made from; one stored earlier is opened.
 */
async function reveal(record: SyncedRecord, plain: LocalWrite, sealed: QueuedWrite, key: CryptoKey | undefined): Promise<SyncedRecord> {
  const names = sealedFieldsOf(plain.table);
  if (names.length === 0) return record;
  const sealedFields: Record<string, unknown> = sealed.fields;
  const plainFields: Record<string, unknown> = plain.fields;
  const copy: Record<string, unknown> & SyncedRecord = { ...record };
  for (const name of names) if (Object.hasOwn(sealedFields, name) && copy[name] === sealedFields[name]) copy[name] = plainFields[name];
  return hasSealed(plain.table, copy) ? openFields(plain.table, record.id, copy, key ?? requireDataKey()) : copy;
}

/** Writes one record (see writeRecords) and returns it opened, typed by its table's schema. */
export async function writeRecord<T extends SyncTable>(write: TableWrite<T>, now?: number, database?: AppDatabase, key?: CryptoKey): Promise<OpenedRecord<T>> {
  // TableWrite<T> is one member of LocalWrite; TypeScript cannot see that for a generic T.
  const [record] = await writeRecords([write as LocalWrite], now, database, key);
  if (!record) throw new Error('writeRecords returned nothing');
  // The fields were validated by the table's schema before this write, and reveal gave back the
  // plaintext of what was sealed (see db.ts OpenedRecord).
  return record as OpenedRecord<T>;
}

/**
 * Changes made on another phone and handed over without a network (docs/field-aids.md §2): each is
 * applied with its own clock (not a new one) and queued under its own mutation id, so whichever
 * phone pushes it first, the server applies it once. All in one transaction, like writeRecords;
 * ids already in this outbox are skipped (a bundle imported twice changes nothing). The device
 * clock moves past the greatest imported clock, so this phone's next write orders after them.
 * Returns how many entries were new.
 *
 * `records` are whole records handed over with them (a follow-up's log, docs/field-aids.md §2):
 * merged field by field by clock with what the phone holds, as a pull merges, and queued nowhere —
 * the server has them already, or their unsent changes are among the entries.
 *
 * Bulk calls only (docs/field-aids.md "Import time"): one read round (the mutation ids, the
 * records, the clock), the merge in memory, one write round — a get and a put per entry cost a
 * trip through the event loop each, which on a thousand logs was most of the import.
 */
export async function importEntries(
  entries: readonly OutboxEntry[],
  now: number = Date.now(),
  database: AppDatabase = db,
  records: readonly { table: SyncTable; record: SyncedRecord }[] = [],
): Promise<number> {
  const freshNode = newNodeId();
  const tableNames = [...new Set([...entries.map((entry) => entry.table), ...records.map(({ table }) => table)])];
  return database.transaction('rw', [database.outbox, database.syncState, ...tableNames.map((name) => database.syncedTable(name))], async () => {
    const recordIds = tableNames.map((name) => [
      ...new Set([...records.filter(({ table }) => table === name).map(({ record }) => record.id), ...entries.filter((entry) => entry.table === name).map((entry) => entry.recordId)]),
    ]);
    const [queued, [stored, mark], held] = await Promise.all([
      // The index's keys (the mutation ids), not the rows: nothing to read but whether it is there.
      database.outbox.where('id').anyOf(entries.map((entry) => entry.id)).keys(),
      database.syncState.bulkGet([CLOCK_KEY, RETENTION_MARK_KEY]),
      Promise.all(tableNames.map((name, index) => database.syncedTable(name).bulkGet(recordIds[index]!))),
    ]);
    const merged = new Map<string, SyncedRecord | undefined>();
    tableNames.forEach((name, index) => recordIds[index]!.forEach((id, at) => merged.set(`${name}/${id}`, held[index]![at])));
    const known = new Set(queued.map(String));
    let clock = isClockState(stored?.value) ? stored.value : initialClock(freshNode);
    const fresh: OutboxEntry[] = [];
    const changed = new Set<string>();
    for (const { table, record } of records) {
      const key = `${table}/${record.id}`;
      const before = merged.get(key);
      merged.set(key, before ? mergeRecords(before, record) : record);
      changed.add(key);
      for (const hlc of Object.values(record.clocks)) clock = receive(clock, hlc, now);
    }
    for (const entry of entries) {
      if (known.has(entry.id)) continue;
      known.add(entry.id);
      const key = `${entry.table}/${entry.recordId}`;
      merged.set(key, applyWrite(merged.get(key), { recordId: entry.recordId, hlc: entry.hlc, fields: entry.fields }));
      changed.add(key);
      const { seq: _seq, ...queuedEntry } = entry;
      fresh.push(queuedEntry);
      clock = receive(clock, entry.hlc, now);
    }
    const written = tableNames.map((name, index) => recordIds[index]!.flatMap((id) => (changed.has(`${name}/${id}`) ? [merged.get(`${name}/${id}`)!] : [])));
    // A colleague's old log with its details: the retention purge reads it again (retention-mark.ts).
    const marked = markWrite(mark?.value, written.flatMap((rows, index) => rows.map((row) => [tableNames[index]!, row] as const)), now);
    await Promise.all([
      ...written.map((rows, index) => (rows.length > 0 ? database.syncedTable(tableNames[index]!).bulkPut(rows) : undefined)),
      fresh.length > 0 ? database.outbox.bulkAdd(fresh) : undefined,
      database.syncState.bulkPut([{ key: CLOCK_KEY, value: clock }, ...(marked ? [marked] : [])]),
    ]);
    return fresh.length;
  });
}
