// The SQLite server's reader thread (src/server/storage/sqlite/reader-thread.ts), on which the
// province's views read: it answers as the main connection would, sees what other connections
// committed, cannot write, reports SQL errors, and — what it is for — leaves the event loop free
// while a long read runs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommune } from '../../src/server/accounts';
import { ReaderThread } from '../../src/server/storage/sqlite/reader-thread';
import type { SqliteStore } from '../../src/server/storage/sqlite-store';
import { sqliteFixture } from './store-fixtures';

let fixture: Awaited<ReturnType<typeof sqliteFixture>>;
let store: SqliteStore;
let reader: ReaderThread;

beforeEach(async () => {
  fixture = await sqliteFixture();
  store = fixture.open();
  await store.migrate();
  await createCommune(store, { id: 'xa-mot', name: 'Xã Một', provinceId: 'quang-ngai' });
  reader = new ReaderThread(fixture.file);
});

afterEach(async () => {
  await reader.close();
  await fixture.dispose();
});

const COMMUNES = 'SELECT id, name FROM communes WHERE province_id = ? ORDER BY id';

describe('the SQLite reader thread', () => {
  it('[RT1] reads what the main connection committed, before and after it started', async () => {
    expect(await reader.all(COMMUNES, ['quang-ngai'])).toEqual([{ id: 'xa-mot', name: 'Xã Một' }]);
    await createCommune(store, { id: 'xa-hai', name: 'Xã Hai', provinceId: 'quang-ngai' });
    expect(await reader.all(COMMUNES, ['quang-ngai'])).toEqual([
      { id: 'xa-hai', name: 'Xã Hai' },
      { id: 'xa-mot', name: 'Xã Một' },
    ]);
  });

  it('[RT2] cannot write: the statement fails with SQLite\'s error and the row is unchanged', async () => {
    await expect(reader.all("UPDATE communes SET name = 'Đổi' WHERE id = ? RETURNING id", ['xa-mot'])).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
    expect((await store.accounts.getCommune('xa-mot'))?.name).toBe('Xã Một');
  });

  it('[RT3] a bad statement rejects with its message, and the thread answers the next read', async () => {
    await expect(reader.all('SELECT name FROM nowhere', [])).rejects.toThrow(/no such table/);
    expect(await reader.all(COMMUNES, ['quang-ngai'])).toHaveLength(1);
  });

  it('[RT4] while a long read runs on the thread, the event loop turns and the main connection answers', async () => {
    await reader.all(COMMUNES, ['quang-ngai']);
    // Some hundreds of ms of SQLite work on the (started) thread, a recursive count; on the event
    // loop it would hold the timer and the query below until it ended.
    const long = reader.all('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT COUNT(*) AS c FROM n', []);
    let longDone = false;
    void long.then(() => (longDone = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const commune = await store.accounts.getCommune('xa-mot');
    expect(commune?.name).toBe('Xã Một');
    expect(longDone).toBe(false);
    expect(await long).toEqual([{ c: 3_000_000 }]);
  });

  it('[RT5] after close, a read starts the thread again', async () => {
    await reader.all(COMMUNES, ['quang-ngai']);
    await reader.close();
    expect(await reader.all(COMMUNES, ['quang-ngai'])).toHaveLength(1);
  });
});
