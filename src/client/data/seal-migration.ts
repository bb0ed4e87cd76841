// Seals what a release before encryption left in plaintext (docs/security.md "Upgrading an
// existing phone"): synced records' citizen details and notes, outbox entries and refused changes.
// The database upgrade cannot do it (there is no key before the member unlocks), so it runs after
// each unlock until it has once finished for this member's data.
// One pass per table in primary-key order, CHUNK rows per read (one getAll each, the next read
// in flight while a chunk is sealed): the rows still holding plaintext are sealed together outside
// any transaction (WebCrypto would commit one), then written in one transaction that re-reads
// them with one bulkGet and replaces a field only if it still holds the very plaintext that was
// sealed — a change saved meanwhile is never overwritten. A chunk is all or nothing; an
// interrupted run loses nothing and skips, at the next unlock, the rows already sealed.
import type { Table } from 'dexie';
import { db, recordTiming, SEAL_AT_REST_TIMING, type AppDatabase, type OutboxEntry, type RejectedChange } from './db';
import { needsSealing, SEALED_FIELDS, SEALED_FIELDS_VERSION, sealedFieldsOf, sealMixed } from './sealed-records';
import { currentDataKey } from './vault/vault';
import { sameJson } from '../../shared/sync/canonical-json';
import type { SyncedRecord } from '../../shared/sync/merge';
import type { SyncTable } from '../../shared/schemas/tables';

/**
 * In syncState, so it goes with the member's data at sign-out (the next member's run starts anew).
 * Its value is the SEALED_FIELDS_VERSION the run finished for (`true` before checklist notes and
 * sign-off comments were sealed): a release that seals more fields runs it once more.
 */
export const SEALED_AT_REST_KEY = 'sealedAtRest';
/**
 * Rows read, sealed and written together. Large, so a phone of 100,000 logs is read in 100 getAll
 * calls and written in few strict-durability transactions (db.ts); small enough that a chunk's
 * rows and their envelopes stay a few megabytes.
 */
const CHUNK = 1_000;

/** Replaces, in `current`, the fields of `plain` that were sealed into `sealed` and have not changed since. */
function withSealed(current: Record<string, unknown>, plain: Record<string, unknown>, sealed: Record<string, unknown>, names: readonly string[]): Record<string, unknown> | null {
  let changed = false;
  const next = { ...current };
  for (const name of names) {
    if (sealed[name] === plain[name] || !sameJson(current[name], plain[name])) continue;
    next[name] = sealed[name];
    changed = true;
  }
  return changed ? next : null;
}

/** What a row of a table holds to be sealed: a synced record's fields, or an outbox entry's. */
interface Target {
  table: SyncTable;
  id: string;
  fields: Record<string, unknown>;
}

/** Seals the plaintext left in one table, chunk by chunk in primary-key order. Returns the rows sealed. */
async function sealTable<R extends object, K extends string | number>(
  database: AppDatabase,
  table: Table<R, K>,
  keyOf: (row: R) => K,
  // The synced table and record id whose sealed fields the row holds (a record, or an entry's fields).
  target: (row: R) => Target,
  put: (row: R, fields: Record<string, unknown>) => R,
  key: CryptoKey,
): Promise<number> {
  const read = (after: K | undefined): Promise<R[]> => {
    const rows = (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(CHUNK).toArray();
    // Awaited at the next turn of the loop; marked handled so a failed seal before it is not also an unhandled rejection.
    rows.catch(() => undefined);
    return rows;
  };
  let sealedRows = 0;
  let next = read(undefined);
  for (;;) {
    const rows = await next;
    const last = rows[rows.length - 1];
    if (!last) return sealedRows;
    next = rows.length < CHUNK ? Promise.resolve([]) : read(keyOf(last));
    const plain = rows.filter((row) => {
      const { table: name, fields } = target(row);
      return needsSealing(name, fields);
    });
    if (plain.length === 0) continue;
    const targets = plain.map(target);
    const sealed = await sealMixed(targets, key);
    sealedRows += await database.transaction('rw', table, async (tx) => {
      const current = await table.bulkGet(plain.map(keyOf));
      // Straight into IndexedDB, as a pulled page is (sync-repository.ts): a sealed field opens to
      // the value every screen already shows, so no live query needs waking, chunk after chunk.
      const store = tx.idbtrans.objectStore(table.name);
      let written = 0;
      for (const [index, row] of current.entries()) {
        if (!row) continue;
        const { table: name, fields } = targets[index]!;
        const fresh = withSealed(target(row).fields, fields, sealed[index]!, sealedFieldsOf(name));
        if (!fresh) continue;
        store.put(put(row, fresh));
        written += 1;
      }
      return written;
    });
  }
}

/**
 * Seals every plaintext citizen detail and note left on the phone, once per member's data.
 * Returns how many rows it sealed (0 when locked or already done).
 */
export async function sealPlainRecords(database: AppDatabase = db, key: CryptoKey | undefined = currentDataKey()): Promise<number> {
  const started = performance.now();
  try {
    return await sealAll(database, key);
  } finally {
    recordTiming(SEAL_AT_REST_TIMING, started);
  }
}

async function sealAll(database: AppDatabase, key: CryptoKey | undefined): Promise<number> {
  if (!key) return 0;
  if ((await database.syncState.get(SEALED_AT_REST_KEY))?.value === SEALED_FIELDS_VERSION) return 0;
  let sealed = 0;
  for (const name of Object.keys(SEALED_FIELDS) as SyncTable[]) {
    sealed += await sealTable<SyncedRecord, string>(
      database,
      database.syncedTable(name),
      (row) => row.id,
      (row) => ({ table: name, id: row.id, fields: row }),
      (_row, fields) => fields as SyncedRecord,
      key,
    );
  }
  const entryTarget = (entry: OutboxEntry): Target => ({ table: entry.table, id: entry.recordId, fields: entry.fields });
  const withFields = <E extends OutboxEntry>(entry: E, fields: Record<string, unknown>): E => ({ ...entry, fields });
  sealed += await sealTable(database, database.table<OutboxEntry, number>('outbox'), (entry) => entry.seq ?? 0, entryTarget, withFields, key);
  sealed += await sealTable(database, database.table<RejectedChange, string>('rejectedChanges'), (change) => change.id, entryTarget, withFields, key);
  await database.syncState.put({ key: SEALED_AT_REST_KEY, value: SEALED_FIELDS_VERSION });
  return sealed;
}
