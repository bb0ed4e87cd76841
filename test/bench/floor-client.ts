// The floor of the sync benches: the least a client can do with the same HTTP contract, in the
// same page (same origin, same network emulation, same IndexedDB): fetch a pull page, parse it,
// put every record as it came into a store with the SAME indexes as the app's store, and the
// cursor with them, in one strict-durability transaction per page; ask for the next page while
// writing one, as the app does. No validation, no merge, no clocks, no UI. The app's first sync
// divided by this is the app's own overhead, whatever the machine's speed that minute.
import type { Page } from 'playwright-core';
import { LIMITS, type Mutation } from '../../src/shared/sync/protocol';
import { waitForServiceWorkerControl } from '../e2e/support/browser';
import { signIn } from '../e2e/support/sign-in';

const FLOOR_DB = 'sync-floor';
const APP_DB = 'so-tay-so';
/** The app's own sync lock (src/client/data/sync-keys.ts SYNC_LOCK): held by every round. */
const SYNC_LOCK = 'so-tay-so-sync';

/** Creates (or empties) the floor's database: the app's synced stores, indexes copied, plus `meta`. */
export async function prepareFloor(page: Page, tables: readonly string[]): Promise<void> {
  await page.evaluate(
    async ({ tables, floorDb, appDb }) => {
      const open = (name: string, version?: number, upgrade?: (db: IDBDatabase) => void) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const request = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
          request.onupgradeneeded = () => upgrade?.(request.result);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error(`open ${name} failed`));
        });
      const app = await open(appDb);
      const shapes = tables.map((name) => {
        const store = app.transaction(name).objectStore(name);
        const indexes = [...store.indexNames].map((index) => {
          const found = store.index(index);
          return { name: index, keyPath: found.keyPath, unique: found.unique, multiEntry: found.multiEntry };
        });
        return { name, keyPath: store.keyPath, indexes };
      });
      app.close();
      await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(floorDb);
        request.onsuccess = request.onerror = resolve;
      });
      const floor = await open(floorDb, 1, (db) => {
        for (const shape of shapes) {
          const store = db.createObjectStore(shape.name, { keyPath: shape.keyPath });
          for (const index of shape.indexes) store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
        }
        db.createObjectStore('meta');
      });
      floor.close();
    },
    { tables, floorDb: FLOOR_DB, appDb: APP_DB },
  );
}

/**
 * Empties the floor's stores, as resetAppSync empties the app's: between two first syncs both
 * clients then write into stores that held the same 10,000 records a moment ago (deleting and
 * re-creating the floor's database instead gave it a fresher start than the app's cleared stores).
 */
export async function resetFloor(page: Page): Promise<void> {
  await page.evaluate(async (floorDb) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(floorDb);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction([...db.objectStoreNames], 'readwrite');
      for (const store of db.objectStoreNames) tx.objectStore(store).clear();
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('reset failed'));
    });
    db.close();
  }, FLOOR_DB);
}

/** Pulls from `cursor` to the end into the floor's database; resolves with its time and where it ended. */
export async function floorPull(page: Page, token: string, cursor: string | undefined): Promise<{ ms: number; received: number; cursor: string }> {
  await settle(page);
  return page.evaluate(
    async ({ token, cursor, floorDb, limit }) => {
      // Opened before the clock starts: the app's database is open before its round, too.
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(floorDb);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      const started = performance.now();
      interface Page { changes: { table: string; record: { id: string } }[]; cursor: string; hasMore: boolean }
      const get = async (from: string | undefined): Promise<Page> => {
        const query = new URLSearchParams({ limit: String(limit), ...(from === undefined ? {} : { cursor: from }) });
        const response = await fetch(`/api/sync/pull?${query.toString()}`, { headers: { accept: 'application/json', authorization: `Bearer ${token}` }, cache: 'no-store' });
        if (!response.ok) throw new Error(`floor pull: ${response.status}`);
        return (await response.json()) as Page;
      };
      let received = 0;
      let next = get(cursor);
      for (;;) {
        const body = await next;
        if (body.hasMore) next = get(body.cursor);
        await new Promise<void>((resolve, reject) => {
          const stores = [...new Set(body.changes.map((change) => change.table)), 'meta'];
          const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
          for (const change of body.changes) tx.objectStore(change.table).put(change.record);
          tx.objectStore('meta').put(body.cursor, 'cursor');
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error ?? new Error('floor write failed'));
        });
        received += body.changes.length;
        cursor = body.cursor;
        if (!body.hasMore) break;
      }
      const ms = performance.now() - started;
      db.close();
      return { ms, received, cursor };
    },
    { token, cursor, floorDb: FLOOR_DB, limit: LIMITS.pullMax },
  );
}

/**
 * Pushes `mutations` as the app's contract wants them (batches of the app's size, gzip above the
 * app's threshold, one request after the other); resolves with the time until the last answer.
 */
export async function floorPush(page: Page, token: string, clientId: string, schemaVersion: number, mutations: Mutation[]): Promise<number> {
  return page.evaluate(
    async ({ token, clientId, schemaVersion, mutations, batch }) => {
      const started = performance.now();
      for (let start = 0; start < mutations.length; start += batch) {
        const json = new TextEncoder().encode(JSON.stringify({ clientId, schemaVersion, mutations: mutations.slice(start, start + batch) }));
        const body = await new Response(new Response(json).body!.pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
        const response = await fetch('/api/sync/push', {
          method: 'POST',
          headers: { accept: 'application/json', authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body,
          cache: 'no-store',
        });
        if (!response.ok) throw new Error(`floor push: ${response.status}`);
        await response.json();
      }
      return performance.now() - started;
    },
    { token, clientId, schemaVersion, mutations, batch: LIMITS.clientPushBatch },
  );
}

/**
 * Empties the app's synced stores and forgets its cursor (raw IndexedDB): the next round is a first
 * sync. Done holding the app's sync lock, as the app's own sign-out does (runtime.ts
 * whileNotSyncing): a round still running (the app's own, started while the bench seeded the
 * server) would otherwise go on writing its next pages and cursor after the reset, and the measured
 * "first sync" would pull only what was left (6,000 of 10,000 logs under `taskset -c 0`).
 */
export async function resetAppSync(page: Page, tables: readonly string[]): Promise<void> {
  await page.evaluate(
    ({ tables, appDb, lock }) => navigator.locks.request(lock, async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(appDb);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction([...tables, 'syncState'], 'readwrite');
        for (const table of tables) tx.objectStore(table).clear();
        tx.objectStore('syncState').delete('cursor');
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('reset failed'));
      });
      db.close();
    }),
    { tables, appDb: APP_DB, lock: SYNC_LOCK },
  );
}

/**
 * Triggers one app round (its own `online` trigger) and resolves with its time from the trigger to
 * the end of the round's own User Timing (runtime.ts `sync:round`, which ends when the last page
 * is on disk): the floor's clock likewise starts before its first request and stops when its last
 * page has committed. Only a round that started after the trigger counts: one already running (a
 * timer's) ends first and the trigger queues a new round behind it, which is the one measured. The
 * trigger waits for the page to settle (no round running, no IndexedDB work in flight), as the
 * floor does, so neither is measured against what the other left running.
 */
export async function appRound(page: Page, timeoutMs = 120_000): Promise<number> {
  await settle(page);
  const triggered = await page.evaluate(async (lock) => {
    await navigator.locks.request(lock, () => undefined);
    const at = performance.now();
    window.dispatchEvent(new Event('online'));
    return at;
  }, SYNC_LOCK);
  const round = await page.waitForFunction(
    (at) => {
      const entry = performance.getEntriesByName('sync:round').find((measured) => measured.startTime >= at);
      return entry ? { ms: entry.startTime + entry.duration - at } : undefined;
    },
    triggered,
    { timeout: timeoutMs, polling: 20 },
  );
  const measured = await round.jsonValue();
  if (!measured) throw new Error('no sync round measured');
  return measured.ms;
}

/**
 * Resolves when the page has settled: no sync round running in any tab and no IndexedDB transaction
 * of the page in flight for 100 ms (after a round the open screen's live queries re-read what the
 * round wrote: at 10,000 logs, Home's follow-ups read for 150–500 ms on this machine). Both clients
 * are timed from a settled page; before, the floor was timed while the app's previous round's
 * live queries were still reading, and the app's round too when the floor was quick
 * (docs/performance.md "Incremental sync"). Counts transactions by wrapping
 * IDBDatabase.prototype.transaction, installed on first use (the app's and the floor's alike).
 */
export async function settle(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.evaluate(
    async ({ lock, timeoutMs }) => {
      interface Probe { open: number; lastEnd: number }
      const scope = globalThis as unknown as { __idbProbe?: Probe };
      if (!scope.__idbProbe) {
        const probe: Probe = { open: 0, lastEnd: performance.now() };
        scope.__idbProbe = probe;
        type Open = (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) => IDBTransaction;
        const transaction = Object.getOwnPropertyDescriptor(IDBDatabase.prototype, 'transaction')!.value as Open;
        IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
          const tx = transaction.apply(this, args);
          probe.open += 1;
          const done = () => {
            probe.open -= 1;
            probe.lastEnd = performance.now();
          };
          tx.addEventListener('complete', done);
          tx.addEventListener('abort', done);
          return tx;
        };
      }
      const probe = scope.__idbProbe;
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        await navigator.locks.request(lock, () => undefined);
        await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1_000 }));
        if (probe.open === 0 && performance.now() - probe.lastEnd >= 100) return;
        if (performance.now() > deadline) throw new Error(`the page did not settle in ${timeoutMs} ms (${probe.open} IndexedDB transactions open)`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    { lock: SYNC_LOCK, timeoutMs },
  );
}

/**
 * Loads the app at `baseUrl` until its service worker controls the page, signs in as the demo
 * member and waits for the first sync round: the phone the app's sync is profiled on.
 */
export async function signedInAfterFirstRound(page: Page, baseUrl: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await waitForServiceWorkerControl(page);
  await signIn(page, baseUrl, 'demo-member', password);
  await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('sync:round').length > 0, undefined, { timeout: 60_000 });
}
