// A sync round's first reads (sync-repository.ts readRoundStart, round-start-read.ts): one read-only
// transaction for the outbox's first batch, its size, the cursor and the session; what is not
// IndexedDB's (opening sealed entries, forgetting the cursor after an update) after it. On
// fake-indexeddb with the real repository.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncRepository } from './sync-repository';
import { LockedError } from './vault/vault';
import { SESSION_KEY, type Session } from './session-state';
import { SYNC_KEYS } from './sync-keys';
import { T0, enginePhones } from '../../../test/helpers/engine-phones';
import { transactionsDuring } from '../../../test/helpers/idb-transactions';
import { USER_ID, logFields } from '../../../test/helpers/sync-fixtures';
import { uuidv7 } from '../../shared/sync/ids';
import { SYNC_TABLES } from '../../shared/schemas/tables';

const { phone } = enginePhones();
const SESSION: Session = {
  user: { id: USER_ID, username: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', role: 'member', communeId: 'ngok-bay' },
  signedInAt: new Date(T0).toISOString(),
};

afterEach(() => vi.restoreAllMocks());

describe('a sync round\'s first reads', () => {
  it('reads the outbox\'s first batch, its size, the cursor and the session in one transaction', async () => {
    const a = phone();
    const ids = [uuidv7(), uuidv7(), uuidv7()];
    for (const [index, id] of ids.entries()) await a.write('assistanceLogs', id, logFields(T0, index));
    await a.db.syncState.put({ key: SYNC_KEYS.cursor, value: 'cursor-1' });
    await a.db.settings.put({ key: SESSION_KEY, value: SESSION });
    const { result, opened } = await transactionsDuring(a.db, async () => {
      const start = a.repo.readRoundStart(2, 64 * 1024, SYNC_TABLES);
      return { batch: await start.batch, cursor: await start.cursor, waiting: await start.waiting, session: await start.session };
    });
    expect(opened).toEqual([{ stores: ['outbox', 'syncState', 'settings'], mode: 'readonly' }]);
    // The entries opened for the push: the notes in plain text, as the server must receive them.
    expect(result.batch.mutations.map((mutation) => [mutation.recordId, mutation.fields.note])).toEqual([
      [ids[0], logFields(T0, 0).note],
      [ids[1], logFields(T0, 1).note],
    ]);
    expect(result).toMatchObject({ cursor: 'cursor-1', waiting: 3, session: SESSION });
    // The same values as the reads one by one.
    expect(result.batch).toEqual(await a.repo.readOutboxBatch(2, 64 * 1024));
    expect(result.cursor).toBe(await a.repo.pullCursor(SYNC_TABLES));
  });

  it('answers nobody signed in, no cursor and an empty batch on a new phone', async () => {
    const a = phone();
    const start = a.repo.readRoundStart(100, 64 * 1024, SYNC_TABLES);
    expect(await start.batch).toEqual({ entries: [], mutations: [], bytes: 0 });
    expect([await start.cursor, await start.waiting, await start.session]).toEqual([undefined, 0, undefined]);
  });

  it('on a locked phone, fails only the batch holding sealed details: the session and the rest still answer', async () => {
    const a = phone();
    await a.write('assistanceLogs', uuidv7(), logFields(T0));
    await a.db.settings.put({ key: SESSION_KEY, value: SESSION });
    const locked = new SyncRepository(a.db, () => undefined);
    const start = locked.readRoundStart(100, 64 * 1024, SYNC_TABLES);
    await expect(start.batch).rejects.toBeInstanceOf(LockedError);
    expect([await start.session, await start.waiting]).toEqual([SESSION, 1]);
    expect(await a.db.outbox.count()).toBe(1);
  });

  it('forgets the cursor first, after the read, when a table set aside is one this version knows', async () => {
    const a = phone();
    await a.db.syncState.bulkPut([
      { key: SYNC_KEYS.cursor, value: 'cursor-1' },
      { key: SYNC_KEYS.skippedTables, value: ['futureTable'] },
    ]);
    expect(await a.repo.readRoundStart(100, 64 * 1024, SYNC_TABLES).cursor).toBe('cursor-1');
    expect(await a.repo.readRoundStart(100, 64 * 1024, [...SYNC_TABLES, 'futureTable']).cursor).toBeUndefined();
    expect(await a.db.syncState.get(SYNC_KEYS.cursor)).toBeUndefined();
    expect(await a.db.syncState.get(SYNC_KEYS.skippedTables)).toBeUndefined();
  });
});
