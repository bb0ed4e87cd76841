// Which IndexedDB transactions a piece of the data layer opens (stores and mode), on fake-indexeddb
// in the unit suite: what the tests of one-transaction reads and read-only checks hold the code to.
import { vi } from 'vitest';
import type { AppDatabase } from '../../src/client/data/db';

export interface OpenedTransaction {
  stores: string[];
  mode: IDBTransactionMode;
}

/**
 * Runs `work` on an open `db` and lists the transactions opened meanwhile, in order: Dexie's (its
 * DBCore calls IndexedDB through a function bound when the database opened, so they are counted
 * there) and those of the bare IndexedDB API on the same connection.
 */
export async function transactionsDuring<T>(db: AppDatabase, work: () => Promise<T>): Promise<{ result: T; opened: OpenedTransaction[] }> {
  await db.open();
  const opened: OpenedTransaction[] = [];
  const note = (stores: unknown, mode: unknown) => opened.push({ stores: [stores as string | string[]].flat(), mode: (mode as IDBTransactionMode | undefined) ?? 'readonly' });
  const prototype = IDBDatabase.prototype as unknown as { transaction: (...args: unknown[]) => IDBTransaction };
  const bare = prototype.transaction;
  const core = db.core.transaction.bind(db.core);
  const spies = [
    vi.spyOn(prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: unknown[]) {
      note(args[0], args[1]);
      return bare.apply(this, args);
    }),
    vi.spyOn(db.core, 'transaction').mockImplementation((stores, mode, options) => {
      note(stores, mode);
      return core(stores, mode, options);
    }),
  ];
  try {
    return { result: await work(), opened };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
