// Pulled pages wake the screens' live queries once per round (and at most every quiet interval while
// a long pull runs), never once per page, and a woken query reads what is on disk (db.ts: no cache).
import { afterEach, describe, expect, it } from 'vitest';
import { liveQuery } from 'dexie';
import { AppDatabase } from './db';
import { ChangeNotice } from './change-notice';
import { SyncRepository } from './sync-repository';
import type { PulledChange } from './sync-shapes';
import { isSealed } from './vault/crypto';
import { logFields } from '../../../test/helpers/sync-fixtures';
import { uuidv7 } from '../../shared/sync/ids';
import { formatHlc } from '../../shared/sync/hlc';

const T0 = Date.parse('2026-07-01T01:00:00.000Z');
const databases: AppDatabase[] = [];

afterEach(async () => {
  for (const db of databases.splice(0)) {
    db.close();
    await db.delete();
  }
});

function phone(notice: ChangeNotice) {
  const db = new AppDatabase(`change-notice-${Math.random().toString(36).slice(2)}`);
  databases.push(db);
  const key = crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  return { db, repo: new SyncRepository(db, () => key, notice) };
}

function page(count: number, start: number): PulledChange[] {
  return Array.from({ length: count }, (_, index) => {
    const fields = { ...logFields(T0, start + index), serviceId: 'vneid-activate-level2' };
    const hlc = formatHlc({ millis: T0, counter: start + index, node: 'aaaaaaaaaaaaaaaa' });
    return { table: 'assistanceLogs', record: { ...fields, id: uuidv7(), clocks: Object.fromEntries(Object.keys(fields).map((field) => [field, hlc])) } };
  });
}

const serverClock = { offsetMs: 0, now: T0 };

/** A live query on a compound index, as the log list reads; resolves each value it sees. */
function watch(db: AppDatabase) {
  const seen: number[] = [];
  const subscription = liveQuery(() => db.records('assistanceLogs').where('[serviceId+occurredAt]').between(['vneid-activate-level2', ''], ['vneid-activate-level2', '\uffff']).count()).subscribe({
    next: (count) => seen.push(count),
  });
  return { seen, stop: () => subscription.unsubscribe() };
}

const settle = (ms = 100) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (bounded by the test's timeout) until the watcher has seen `count` values. */
async function seenCount(watcher: { seen: number[] }, count: number): Promise<void> {
  while (watcher.seen.length < count) await settle(10);
}

describe('pulled changes and the live queries', () => {
  it('wakes a live query once when the round\'s last page is on disk, not after every page', async () => {
    const { db, repo } = phone(new ChangeNotice(undefined, 60_000));
    const watcher = watch(db);
    await seenCount(watcher, 1);
    await repo.applyPulledPage({ changes: page(60, 0), cursor: 'c1', serverClock, hasMore: true });
    await repo.applyPulledPage({ changes: page(60, 60), cursor: 'c2', serverClock, hasMore: true });
    await settle();
    expect(watcher.seen).toEqual([0]);
    await repo.applyPulledPage({ changes: page(10, 120), cursor: 'c3', serverClock, hasMore: false });
    await seenCount(watcher, 2);
    expect(watcher.seen).toEqual([0, 130]);
    // Written as pulled, sealed: the note on disk is ciphertext.
    const stored = await db.records('assistanceLogs').toArray();
    expect(stored.every((row) => isSealed(row.note))).toBe(true);
    watcher.stop();
  });

  it('while a long pull runs, wakes it after the quiet interval with what is on disk then', async () => {
    const { db, repo } = phone(new ChangeNotice(undefined, 30));
    const watcher = watch(db);
    await seenCount(watcher, 1);
    await repo.applyPulledPage({ changes: page(5, 0), cursor: 'c1', serverClock, hasMore: true });
    await seenCount(watcher, 2);
    expect(watcher.seen).toEqual([0, 5]);
    watcher.stop();
  });

  it('wakes it at once for a page given without hasMore (a caller that does not say)', async () => {
    const { db, repo } = phone(new ChangeNotice(undefined, 60_000));
    const watcher = watch(db);
    await seenCount(watcher, 1);
    await repo.applyPulledPage({ changes: page(3, 0), cursor: 'c1', serverClock });
    await seenCount(watcher, 2);
    expect(watcher.seen).toEqual([0, 3]);
    watcher.stop();
  });
});
