// The SQLite server's push thread (src/server/sync/push-thread.ts) as main.ts opens it: pushes
// are written by the thread's connection, pulls read on this one, the WAL is checkpointed in the
// background, a lost thread is replaced, and close() lets the pushes in flight finish.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommune, createUser } from '../../src/server/accounts';
import { openServerStore, type ServerStore } from '../../src/server/compose';
import type { SqliteStore } from '../../src/server/storage/sqlite-store';
import { startPushThread } from '../../src/server/sync/push-thread';
import { readPushRequest, type PushRequest } from '../../src/server/sync/sync-requests';
import type { SyncUser } from '../../src/shared/sync/scopes';
import { uuidv7 } from '../../src/shared/sync/ids';
import { CURRENT_SCHEMA_VERSION, type PullResponse } from '../../src/shared/sync/protocol';
import { sqliteFixture } from './store-fixtures';
import { hlcAt, TEST_COST } from './sync-fixtures';

const COMMUNE = { id: 'xa-luong-thu', name: 'Xã Luồng thử', provinceId: 'quang-ngai' };

let fixture: Awaited<ReturnType<typeof sqliteFixture>>;
let user: SyncUser;

beforeEach(async () => {
  fixture = await sqliteFixture();
  const setup = fixture.open();
  await setup.migrate();
  await createCommune(setup, COMMUNE);
  const created = await createUser(setup, { username: 'thanh-vien', password: 'mật khẩu đủ dài 2026', role: 'member', communeId: COMMUNE.id }, { cost: TEST_COST });
  user = { id: created.id, role: 'member', communeId: COMMUNE.id, provinceId: COMMUNE.provinceId };
});

afterEach(async () => {
  await fixture.dispose();
});

/** A push of `count` new contacts (what a phone sends). */
function contacts(count: number): { body: PushRequest; ids: string[] } {
  const now = new Date().toISOString();
  const ids = Array.from({ length: count }, () => uuidv7());
  const mutations = ids.map((recordId) => ({
    id: uuidv7(),
    table: 'contacts',
    recordId,
    hlc: hlcAt(),
    fields: { communeId: COMMUNE.id, createdBy: user.id, createdAt: now, updatedAt: now, deleted: false, name: `Chị Hoà ${recordId.slice(-4)}`, phones: ['0912345678'] },
  }));
  return { body: readPushRequest({ clientId: 'dien-thoai-1', schemaVersion: CURRENT_SCHEMA_VERSION, mutations }), ids };
}

describe('the push thread (SQLite server)', () => {
  let server: ServerStore | undefined;
  afterEach(async () => {
    await server?.sync.close();
    await server?.store.close();
    server = undefined;
  });

  it('writes pushes on its own connection; a pull here after the acknowledgement sees them; the WAL is checkpointed in the background', async () => {
    const errors: Error[] = [];
    server = openServerStore({ kind: 'sqlite', file: fixture.file }, (error) => errors.push(error));
    // This connection never checkpoints inside a COMMIT: the thread's checkpointer does it.
    expect((server.store as SqliteStore).settings().walAutocheckpoint).toBe(0);
    const databaseBytes = statSync(fixture.file).size;
    let cursor: string | undefined;
    for (let round = 0; round < 20; round++) {
      const { body, ids } = contacts(50);
      const result = await server.sync.push(user, body, Date.now());
      expect(result.response.acked).toHaveLength(50);
      // The phone pulls right after the acknowledgement: its own changes are there.
      const seen: string[] = [];
      for (let more = true; more; ) {
        const page = JSON.parse(await server.sync.pull(user, { limit: '500', ...(cursor ? { cursor } : {}) }, Date.now())) as PullResponse;
        seen.push(...page.changes.map((change) => change.id));
        cursor = page.cursor;
        more = page.hasMore;
      }
      expect(seen).toEqual(expect.arrayContaining(ids));
    }
    // The pages written to the WAL reach the database file while both connections stay open.
    await expect.poll(() => statSync(fixture.file).size, { timeout: 5_000 }).toBeGreaterThan(databaseBytes + 100 * 1024);
    expect(errors).toEqual([]);
  });

  it('a thread that ends fails the pushes in flight (the phone retries) and the next push starts a new thread', async () => {
    const threads: Worker[] = [];
    const errors: Error[] = [];
    const pushThread = startPushThread({ file: fixture.file, checkpointIntervalMs: 50, onBackgroundError: (error) => errors.push(error), onThreadStart: (thread) => threads.push(thread) });
    try {
      const first = contacts(3);
      expect((await pushThread.push(user, first.body, Date.now())).response.acked).toHaveLength(3);
      const inFlight = pushThread.push(user, contacts(3).body, Date.now());
      await threads[0]!.terminate();
      await expect(inFlight).rejects.toThrow(/push thread ended/);
      expect(errors.map((error) => error.message)).toContainEqual(expect.stringMatching(/push thread ended/));
      // Idempotent: re-pushing the first batch on the new thread acknowledges it again, writes nothing twice.
      expect((await pushThread.push(user, first.body, Date.now())).response.acked).toHaveLength(3);
      expect(threads).toHaveLength(2);
      const store = fixture.open();
      const page = await store.records.pull({ scopes: [{ scope: COMMUNE.id, after: 0 }], limit: 100 });
      expect(page.scopes[0]!.rows.filter((row) => first.ids.includes(row.record.id))).toHaveLength(3);
    } finally {
      await pushThread.close();
    }
  });

  it('is ready once its connection is open; a thread that cannot start rejects `ready`, so the server does not start', async () => {
    const working = startPushThread({ file: fixture.file, checkpointIntervalMs: 50, onBackgroundError: () => undefined });
    await expect(working.ready).resolves.toBeUndefined();
    await working.close();

    const errors: Error[] = [];
    // A "folder" that is a file: the thread cannot create the database there.
    const broken = startPushThread({ file: path.join(fixture.file, 'cannot', 'be.sqlite'), checkpointIntervalMs: 50, onBackgroundError: (error) => errors.push(error) });
    await expect(broken.ready).rejects.toThrow(/push thread ended/);
    expect(errors.length).toBeGreaterThan(0);
    await broken.close();
  });

  it('close() answers the pushes already sent before closing, then refuses new ones with 503', async () => {
    const pushThread = startPushThread({ file: fixture.file, checkpointIntervalMs: 50, onBackgroundError: (error) => { throw error; } });
    const batches = Array.from({ length: 8 }, () => contacts(10));
    const pending = batches.map((batch) => pushThread.push(user, batch.body, Date.now()));
    await pushThread.close();
    for (const result of await Promise.all(pending)) expect(result.response.acked).toHaveLength(10);
    await expect(pushThread.push(user, contacts(1).body, Date.now())).rejects.toMatchObject({ statusCode: 503 });
    const store = fixture.open();
    const page = await store.records.pull({ scopes: [{ scope: COMMUNE.id, after: 0 }], limit: 1000 });
    expect(page.scopes[0]!.rows.filter((row) => row.table === 'contacts')).toHaveLength(80);
  });
});
