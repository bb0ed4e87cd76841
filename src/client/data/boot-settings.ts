// The one setting the first paint needs (the UI language), read with the bare IndexedDB API so
// that the first screen needs no Dexie (≈ 30 KB gzip): Dexie loads after the first render, with
// the screens and the sync engine that use it (docs/first-visit.md).
// It never creates the database. On a first visit there is nothing to read, and an empty database
// made here would leave Dexie to upgrade a database it did not create.

/** The app's IndexedDB database (db.ts opens it with Dexie). */
export const DATABASE_NAME = 'so-tay-so';

/** The value stored under `key` in the settings table, or undefined (no database, no table, no row). */
export function readBootSetting(key: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let created = false;
    const request = indexedDB.open(DATABASE_NAME);
    request.onupgradeneeded = () => {
      // No database yet: abandon the creation (the open then fails, and nothing is left behind).
      created = true;
      request.transaction?.abort();
    };
    request.onerror = () => (created ? resolve(undefined) : reject(request.error ?? new Error('IndexedDB open failed')));
    request.onsuccess = () => {
      const database = request.result;
      const finish = (settle: () => void) => {
        database.close();
        settle();
      };
      try {
        if (!database.objectStoreNames.contains('settings')) return finish(() => resolve(undefined));
        const read = database.transaction('settings').objectStore('settings').get(key);
        read.onsuccess = () => finish(() => resolve((read.result as { value?: unknown } | undefined)?.value));
        read.onerror = () => finish(() => reject(read.error ?? new Error('IndexedDB read failed')));
      } catch (error) {
        finish(() => reject(error instanceof Error ? error : new Error(String(error))));
      }
    };
  });
}
