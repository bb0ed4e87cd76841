// A sync round's first reads (sync-repository.ts readRoundStart) in one read-only transaction of the
// bare IndexedDB API: the outbox's first entries and its size, the cursor, the tables set aside and
// the session row. Bare because the pull cannot leave before these values, and a Dexie transaction
// resolves only once it has committed, one more trip to the browser's IndexedDB process after the
// values are in; on a phone's one busy core each such trip is a wait (docs/performance.md
// "Incremental sync"). Values only: nothing here opens, decides or writes.
import type { AppDatabase, OutboxEntry } from './db';
import { SESSION_KEY } from './session-state';
import { SYNC_KEYS } from './sync-keys';

export interface RoundStartRows {
  /** The oldest outbox entries (by `seq`, the outbox's primary key), at most the count asked for. */
  head: OutboxEntry[];
  waiting: number;
  /** The stored values (syncState `cursor` and `skippedTables`, settings `session`), unchecked. */
  cursor: unknown;
  skipped: unknown;
  session: unknown;
}

export async function readRoundStartRows(db: AppDatabase, maxCount: number): Promise<RoundStartRows> {
  // Open as soon as anyone signs in (the app's data layer); opened here like any Dexie read otherwise.
  const database = db.isOpen() ? db.backendDB() : (await db.open()).backendDB();
  return new Promise((resolve, reject) => {
    const transaction = database.transaction([db.outbox.name, db.syncState.name, db.settings.name], 'readonly');
    const outbox = transaction.objectStore(db.outbox.name);
    const syncState = transaction.objectStore(db.syncState.name);
    const requests = [
      outbox.getAll(null, Math.max(1, maxCount)),
      outbox.count(),
      syncState.get(SYNC_KEYS.cursor),
      syncState.get(SYNC_KEYS.skippedTables),
      transaction.objectStore(db.settings.name).get(SESSION_KEY),
    ] as const;
    let left = requests.length;
    const valueOf = (request: IDBRequest) => (request.result as { value?: unknown } | undefined)?.value;
    for (const request of requests) {
      request.onsuccess = () => {
        left -= 1;
        if (left > 0) return;
        const [head, waiting, cursor, skipped, session] = requests;
        resolve({ head: head.result as OutboxEntry[], waiting: waiting.result, cursor: valueOf(cursor), skipped: valueOf(skipped), session: valueOf(session) });
      };
    }
    // A failed request fails the transaction: the round then fails as any failed read would.
    transaction.onabort = () => reject(transaction.error ?? new Error('reading the round start failed'));
  });
}
