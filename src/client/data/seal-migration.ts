// Seals what a release before encryption left in plaintext (docs/security.md "Upgrading an
// existing phone"): synced records' citizen details and notes, outbox entries and refused changes.
// The database upgrade cannot do it (there is no key before the member unlocks), so it runs after
// each unlock until it has once finished for this member's data. It works in small batches: a
// batch is read, sealed outside any transaction (WebCrypto would commit one), then written in one
// transaction that re-reads each row and replaces a field only if it still holds the very
// plaintext that was sealed — a change saved meanwhile is never overwritten. An interrupted run
// loses nothing and simply finds the rows still in plaintext at the next unlock.
import type { Table } from 'dexie';
import { db, type AppDatabase, type OutboxEntry, type RejectedChange } from './db';
import { needsSealing, SEALED_FIELDS, SEALED_FIELDS_VERSION, sealedFieldsOf, sealFields } from './sealed-records';
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
const BATCH = 200;

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

/** Seals the plaintext left in one table, batch by batch in primary-key order. Returns the rows sealed. */
async function sealTable<R extends object, K extends string | number>(
  database: AppDatabase,
  table: Table<R, K>,
  keyOf: (row: R) => K,
  // The synced table and record id whose sealed fields the row holds (a record, or an entry's fields).
  target: (row: R) => { table: SyncTable; recordId: string; fields: Record<string, unknown> },
  put: (row: R, fields: Record<string, unknown>) => R,
  key: CryptoKey,
): Promise<number> {
  let after: K | undefined;
  let sealedRows = 0;
  for (;;) {
    const rows = await (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(BATCH).toArray();
    const last = rows[rows.length - 1];
    if (!last) return sealedRows;
    after = keyOf(last);
    const plain = rows.filter((row) => {
      const { table: name, fields } = target(row);
      return needsSealing(name, fields);
    });
    if (plain.length === 0) continue;
    const sealed = await Promise.all(plain.map(async (row) => {
      const { table: name, recordId, fields } = target(row);
      return sealFields(name, recordId, fields, key);
    }));
    await database.transaction('rw', table, async () => {
      for (const [index, row] of plain.entries()) {
        const current = await table.get(keyOf(row) as never);
        if (!current) continue;
        const { table: name, fields } = target(row);
        const next = withSealed(target(current).fields, fields, sealed[index]!, sealedFieldsOf(name));
        if (!next) continue;
        await table.put(put(current, next));
        sealedRows += 1;
      }
    });
  }
}

/**
 * Seals every plaintext citizen detail and note left on the phone, once per member's data.
 * Returns how many rows it sealed (0 when locked or already done).
 */
export async function sealPlainRecords(database: AppDatabase = db, key: CryptoKey | undefined = currentDataKey()): Promise<number> {
  if (!key) return 0;
  if ((await database.syncState.get(SEALED_AT_REST_KEY))?.value === SEALED_FIELDS_VERSION) return 0;
  let sealed = 0;
  for (const name of Object.keys(SEALED_FIELDS) as SyncTable[]) {
    sealed += await sealTable<SyncedRecord, string>(
      database,
      database.syncedTable(name),
      (row) => row.id,
      (row) => ({ table: name, recordId: row.id, fields: row }),
      (_row, fields) => fields as SyncedRecord,
      key,
    );
  }
  const entryTarget = (entry: OutboxEntry) => ({ table: entry.table, recordId: entry.recordId, fields: entry.fields });
  const withFields = <E extends OutboxEntry>(entry: E, fields: Record<string, unknown>): E => ({ ...entry, fields });
  sealed += await sealTable(database, database.table<OutboxEntry, number>('outbox'), (entry) => entry.seq ?? 0, entryTarget, withFields, key);
  sealed += await sealTable(database, database.table<RejectedChange, string>('rejectedChanges'), (change) => change.id, entryTarget, withFields, key);
  await database.syncState.put({ key: SEALED_AT_REST_KEY, value: SEALED_FIELDS_VERSION });
  return sealed;
}
