// What the first screen needs from IndexedDB (the UI language, who is signed in, whether a sign-out
// still owes the server a revocation), read with the bare IndexedDB API so that a first visit needs
// no Dexie (≈ 30 KB gzip, and 20–50 ms of main-thread work to build and open its database): Dexie
// loads with the screens and the sync engine that use it (docs/first-visit.md).
// It never creates the database. On a first visit there is nothing to read, and an empty database
// made here would leave Dexie to upgrade a database it did not create.

/** The app's IndexedDB database (db.ts opens it with Dexie). */
export const DATABASE_NAME = 'so-tay-so';

/** A key/value store of the database (db.ts: `settings`, `syncState`). */
export type KeyValueStore = 'settings' | 'syncState';

/**
 * The values stored under each [store, key], in order: undefined where there is no database, no
 * such store or no such row. One connection and one transaction for all of them.
 */
export async function readStoredValues(reads: readonly (readonly [KeyValueStore, string])[]): Promise<unknown[]> {
  return (await readStoredValuesIfAny(reads)) ?? reads.map(() => undefined);
}

/**
 * As readStoredValues, but null when the phone has no database at all: never made, or deleted by a
 * withdrawn phone's wipe (session-state.ts tells a wipe from a sign-out by it).
 */
export function readStoredValuesIfAny(reads: readonly (readonly [KeyValueStore, string])[]): Promise<unknown[] | null> {
  return new Promise((resolve, reject) => {
    let created = false;
    const request = indexedDB.open(DATABASE_NAME);
    request.onupgradeneeded = () => {
      // No database yet: abandon the creation (the open then fails, and nothing is left behind).
      created = true;
      request.transaction?.abort();
    };
    request.onerror = () => (created ? resolve(null) : reject(request.error ?? new Error('IndexedDB open failed')));
    request.onsuccess = () => {
      const database = request.result;
      const finish = (settle: () => void) => {
        database.close();
        settle();
      };
      try {
        const stores = [...new Set(reads.map(([store]) => store))].filter((store) => database.objectStoreNames.contains(store));
        if (stores.length === 0) return finish(() => resolve(reads.map(() => undefined)));
        const transaction = database.transaction(stores);
        const values: unknown[] = reads.map(() => undefined);
        reads.forEach(([store, key], index) => {
          if (!stores.includes(store)) return;
          const read = transaction.objectStore(store).get(key);
          read.onsuccess = () => {
            values[index] = (read.result as { value?: unknown } | undefined)?.value;
          };
        });
        transaction.oncomplete = () => finish(() => resolve(values));
        transaction.onerror = () => finish(() => reject(transaction.error ?? new Error('IndexedDB read failed')));
        transaction.onabort = () => finish(() => reject(transaction.error ?? new Error('IndexedDB read aborted')));
      } catch (error) {
        finish(() => reject(error instanceof Error ? error : new Error(String(error))));
      }
    };
  });
}

/** The value stored under `key` in the settings table, or undefined (no database, no table, no row). */
export async function readBootSetting(key: string): Promise<unknown> {
  const [value] = await readStoredValues([['settings', key]]);
  return value;
}
