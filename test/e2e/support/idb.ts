// Reads the app's IndexedDB with the raw browser API: the e2e suites check what is really stored
// without trusting the app's own data layer.
import type { Page } from 'playwright-core';
import { withHooks } from './page-hooks';

/**
 * All rows of one object store of the app's database; none when there is no database (a wiped
 * phone, or a first visit, which opens none: docs/first-visit.md) — the read creates none either.
 */
export async function storeRows(page: Page, store: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(async (name) => {
    const database = await new Promise<IDBDatabase | null>((resolve, reject) => {
      let created = false;
      const open = indexedDB.open('so-tay-so');
      open.onupgradeneeded = () => {
        created = true;
        open.transaction?.abort();
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => (created ? resolve(null) : reject(open.error ?? new Error('open failed')));
    });
    if (!database) return [];
    try {
      if (!database.objectStoreNames.contains(name)) return [];
      return await new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const request = database.transaction(name, 'readonly').objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
    } finally {
      database.close();
    }
  }, store);
}

/** Every row of every object store of the app's database, as JSON text: a raw dump. */
export async function dumpDatabase(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('so-tay-so');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('open failed'));
    });
    try {
      const names = Array.from(database.objectStoreNames);
      const all = await Promise.all(
        names.map(
          (name) =>
            new Promise<unknown[]>((resolve, reject) => {
              const request = database.transaction(name, 'readonly').objectStore(name).getAll();
              request.onsuccess = () => resolve(request.result as unknown[]);
              request.onerror = () => reject(request.error ?? new Error('read failed'));
            }),
        ),
      );
      return JSON.stringify(Object.fromEntries(names.map((name, i) => [name, all[i]])));
    } finally {
      database.close();
    }
  });
}

/** What installRawIdb puts on the page as `window.__idb`. */
export interface RawIdb {
  /** The app's database, opened with the raw API. */
  open(): Promise<IDBDatabase>;
  /** Puts `rows` into `store` in one readwrite transaction; resolves when it completes. */
  put(database: IDBDatabase, store: string, rows: readonly object[]): Promise<void>;
}

/**
 * Installs `window.__idb` (RawIdb) in the page, for the helpers that seed many rows inside the page
 * (seed-logs.ts, the reports bench): a function sent into the page cannot import, so they read it
 * from there instead of each carrying its own copy. Again after each navigation. The app's own data
 * layer opens its database first, with every store: a first visit with nobody signed in no longer
 * creates it (docs/first-visit.md), and a raw open would create an empty one.
 */
export async function installRawIdb(page: Page): Promise<void> {
  await withHooks(page, (h) => h.outboxCount(), null);
  await page.evaluate(() => {
    const raw: RawIdb = {
      open: () =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('so-tay-so');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error ?? new Error('open failed'));
        }),
      put: (database, store, rows) =>
        new Promise<void>((resolve, reject) => {
          const tx = database.transaction(store, 'readwrite');
          const target = tx.objectStore(store);
          for (const row of rows) target.put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error ?? new Error('write failed'));
        }),
    };
    (window as unknown as { __idb: RawIdb }).__idb = raw;
  });
}
