// The sync round against an in-memory server made of the shared merge code, on fake-indexeddb.
import { afterEach, describe, expect, it } from 'vitest';
import { runSyncRound, type EngineApi } from './engine';
import { HttpError, NetworkError, ProtocolError } from './errors';
import { FakeSyncServer } from '../../../test/helpers/fake-sync-server';
import { checklistItemFields, comparable, logFields, makePhone, type TestPhone } from '../../../test/helpers/sync-fixtures';
import { uuidv7 } from '../../shared/sync/ids';
import { LIMITS, type PushRequest } from '../../shared/sync/protocol';
import { CLOCK_KEY, CLOCK_OFFSET_KEY } from '../data/local-write';
import { parseHlc, type HlcState } from '../../shared/sync/hlc';
import { SYNC_TABLES } from '../../shared/schemas/tables';

const T0 = Date.parse('2026-07-01T01:00:00.000Z');
const phones: TestPhone[] = [];

function phone(now: () => number = () => T0): TestPhone {
  const created = makePhone(now);
  phones.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.close()));
});

async function round(p: TestPhone, api: EngineApi, extra: { pullLimit?: number } = {}) {
  return runSyncRound({ store: p.repo, api, now: p.now, ...extra });
}

describe('sync round', () => {
  it('pushes the outbox, pulls everything back, and leaves the outbox empty', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    const id = uuidv7();
    await a.write('assistanceLogs', id, logFields(T0));
    const stats = await round(a, server.api());
    expect(stats).toMatchObject({ pushed: 1, rejected: 0, pulled: 1, pushRequests: 1, pullRequests: 1 });
    expect(await a.repo.countOutbox()).toBe(0);
    expect(comparable((await a.rows('assistanceLogs'))[0])).toEqual(comparable(server.record('assistanceLogs', id)));
  });

  it('sends no push at all when the outbox is empty (an idle round is one pull)', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    const stats = await round(a, server.api());
    expect(stats).toMatchObject({ pushRequests: 0, pullRequests: 1 });
    expect(server.pushes).toHaveLength(0);
  });

  it('pushes oldest first in batches of at most 100 mutations and 64 KB', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    const ids = Array.from({ length: 250 }, () => uuidv7());
    // The first 60 logs carry long notes (~1.9 KB each), so the 64 KB limit cuts those batches.
    const longNote = 'Ghi chú rất dài về hồ sơ. '.repeat(70);
    for (const [index, id] of ids.entries()) await a.write('assistanceLogs', id, { ...logFields(T0, index), ...(index < 60 ? { note: longNote } : {}) });
    await a.write('assistanceLogs', ids[0]!, { outcome: 'partial' });
    await round(a, server.api());
    const sizes = server.pushes.map((push) => push.mutations.length);
    expect(Math.max(...sizes)).toBe(LIMITS.clientPushBatch);
    expect(sizes[0]).toBeLessThan(40);
    for (const push of server.pushes) {
      expect(new TextEncoder().encode(JSON.stringify(push.mutations)).length).toBeLessThanOrEqual(LIMITS.clientPushBytes + 2);
    }
    expect(server.pushes.flatMap((push) => push.mutations.map((m) => m.recordId))).toEqual([...ids, ids[0]]);
    expect(await a.repo.countOutbox()).toBe(0);
  });

  it('halves the batch on 413 until the server takes it, and loses nothing', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    for (let index = 0; index < 40; index += 1) await a.write('assistanceLogs', uuidv7(), logFields(T0, index));
    const sizes: number[] = [];
    const api: EngineApi = {
      ...server.api(),
      push: async (request: PushRequest) => {
        sizes.push(request.mutations.length);
        if (request.mutations.length > 10) throw new HttpError(413, 'too_large', 'The request body is too large.');
        return server.api().push(request);
      },
    };
    const stats = await round(a, api);
    expect(sizes.slice(0, 3)).toEqual([40, 20, 10]);
    expect(stats.pushed).toBe(40);
    expect(server.rows.size).toBe(40);
    expect(await a.db.rejectedChanges.count()).toBe(0);
  });

  it('moves a single mutation the server refuses outright (413) to the rejected list and pushes the rest', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    const big = uuidv7();
    await a.write('assistanceLogs', big, logFields(T0));
    const others = [uuidv7(), uuidv7()];
    for (const id of others) await a.write('assistanceLogs', id, logFields(T0));
    const api: EngineApi = {
      ...server.api(),
      push: async (request) => {
        if (request.mutations.some((m) => m.recordId === big)) throw new HttpError(413, 'too_large', 'too large');
        return server.api().push(request);
      },
    };
    await round(a, api);
    const rejected = await a.db.rejectedChanges.toArray();
    expect(rejected.map((r) => [r.recordId, r.code])).toEqual([[big, 'too_large']]);
    expect(await a.repo.countOutbox()).toBe(0);
    expect(others.every((id) => server.record('assistanceLogs', id))).toBe(true);
    // The refused creation is taken back out of the phone: it exists only in the rejected list.
    expect(await a.db.records('assistanceLogs').get(big)).toBeUndefined();
  });

  it('[I12] shows a rejected mutation with its reason, undoes it locally and syncs the rest', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    const bad = uuidv7();
    const good = uuidv7();
    await a.write('checklistItems', bad, { ...checklistItemFields(T0), status: 'finished' });
    await a.write('checklistItems', good, checklistItemFields(T0));
    const stats = await round(a, server.api());
    expect(stats).toMatchObject({ pushed: 2, rejected: 1 });
    const [rejected] = await a.db.rejectedChanges.toArray();
    expect(rejected).toMatchObject({ recordId: bad, table: 'checklistItems', code: 'invalid', message: 'validation.invalidOption' });
    expect(rejected?.fields).toMatchObject({ status: 'finished' });
    expect(await a.db.records('checklistItems').get(bad)).toBeUndefined();
    expect(comparable(await a.db.records('checklistItems').get(good))).toEqual(comparable(server.record('checklistItems', good)));
    expect(await a.repo.countOutbox()).toBe(0);
  });

  it('restores the server value of a field after a rejected edit (cursor reset, full pull)', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    const id = uuidv7();
    await a.write('checklistItems', id, { ...checklistItemFields(T0), note: 'Đã gửi danh sách email cho xã' });
    await round(a, server.api());
    expect(await a.repo.getCursor()).toBe('1');
    await a.write('checklistItems', id, { note: 'x'.repeat(2001) });
    await round(a, server.api());
    expect(await a.db.rejectedChanges.count()).toBe(1);
    expect(server.pulls.at(-1)?.cursor).toBeUndefined();
    expect((await a.db.records('checklistItems').get(id))?.note).toBe('Đã gửi danh sách email cho xã');
    expect(comparable(await a.db.records('checklistItems').get(id))).toEqual(comparable(server.record('checklistItems', id)));
  });

  it('[I6] stores each page with its cursor: an interrupted pull resumes after the last page applied', async () => {
    const server = new FakeSyncServer(() => T0);
    const writer = phone();
    for (let index = 0; index < 7; index += 1) await writer.write('assistanceLogs', uuidv7(), logFields(T0, index));
    await round(writer, server.api());

    const reader = phone();
    let pulls = 0;
    const flaky: EngineApi = {
      ...server.api(),
      pull: async (cursor, limit) => {
        pulls += 1;
        if (pulls === 3) throw new NetworkError('connection reset');
        return server.api().pull(cursor, limit);
      },
    };
    await expect(round(reader, flaky, { pullLimit: 2 })).rejects.toBeInstanceOf(NetworkError);
    expect(await reader.repo.getCursor()).toBe('4');
    expect(await reader.db.records('assistanceLogs').count()).toBe(4);

    server.pulls = [];
    await round(reader, server.api(), { pullLimit: 2 });
    expect(server.pulls.map((pull) => pull.cursor)).toEqual(['4', '6']);
    expect(await reader.db.records('assistanceLogs').count()).toBe(7);
  });

  it('does not store the cursor of a page that failed to decode', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    await a.write('assistanceLogs', uuidv7(), logFields(T0));
    await round(a, server.api());
    const b = phone();
    const broken: EngineApi = {
      ...server.api(),
      pull: async (cursor, limit) => {
        const answer = server.api().pull(cursor, limit);
        const page = (await answer).body;
        const [change] = page.changes;
        return { ...(await answer), body: { ...page, changes: [{ ...change!, record: { ...(change!.record as Record<string, unknown>), _c: { 'not-a-clock': ['note'] } } }] } };
      },
    };
    await expect(round(b, broken)).rejects.toThrow(/cannot be decoded/);
    expect(await b.repo.getCursor()).toBeUndefined();
    expect(await b.db.records('assistanceLogs').count()).toBe(0);
  });

  it.each([
    ['a record that is not an object', () => 'text'],
    ['a record that is a list', () => []],
    ['a record whose id is not the change\'s', (record: Record<string, unknown>) => ({ ...record, id: uuidv7() })],
    ['a record without field clocks', (record: Record<string, unknown>) => ({ ...record, _c: undefined })],
    ['field clocks that are a list', (record: Record<string, unknown>) => ({ ...record, _c: [] })],
    ['field clocks whose fields are not names', (record: Record<string, unknown>) => ({ ...record, _c: { [Object.keys(record._c as object)[0]!]: [1] } })],
  ])('does not apply a page with %s, nor store its cursor', async (_case, breakRecord) => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    await a.write('assistanceLogs', uuidv7(), logFields(T0));
    await round(a, server.api());
    const b = phone();
    const broken: EngineApi = {
      ...server.api(),
      pull: async (cursor, limit) => {
        const answer = await server.api().pull(cursor, limit);
        const [change] = answer.body.changes;
        return { ...answer, body: { ...answer.body, changes: [{ ...change!, record: breakRecord(change!.record as Record<string, unknown>) }] } };
      },
    };
    await expect(round(b, broken)).rejects.toThrow(ProtocolError);
    expect(await b.repo.getCursor()).toBeUndefined();
    expect(await b.db.records('assistanceLogs').count()).toBe(0);
  });

  it('sets aside changes of a table this app does not know, applies the rest, and pulls them again once it does', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    const logId = uuidv7();
    await a.write('assistanceLogs', logId, logFields(T0));
    await round(a, server.api());
    const b = phone();
    // A server one version ahead: its pages also carry a table this app has never heard of.
    const future = uuidv7();
    const newer: EngineApi = {
      ...server.api(),
      pull: async (cursor, limit) => {
        const answer = await server.api().pull(cursor, limit);
        const extra = { table: 'futureTable', id: future, record: { id: future, _c: {}, anything: 'x' } };
        return { ...answer, body: { ...answer.body, changes: [...answer.body.changes, extra] } };
      },
    };
    await round(b, newer);
    expect(await b.db.records('assistanceLogs').get(logId)).toBeDefined();
    const cursor = await b.repo.getCursor();
    expect(cursor).toBeDefined();
    expect((await b.db.syncState.get('skippedTables'))?.value).toEqual(['futureTable']);
    // Still this version: nothing changes.
    await b.repo.restartPullIfTablesLearned(SYNC_TABLES);
    expect(await b.repo.getCursor()).toBe(cursor);
    // An update that knows the table: the next pull starts from the beginning, the note is gone.
    await b.repo.restartPullIfTablesLearned([...SYNC_TABLES, 'futureTable']);
    expect(await b.repo.getCursor()).toBeUndefined();
    expect(await b.db.syncState.get('skippedTables')).toBeUndefined();
  });

  it('rebases: a pulled record keeps the phone\'s pending edits on top of the server state', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone(() => T0);
    const b = phone(() => T0 + 1000);
    const id = uuidv7();
    await a.write('checklistItems', id, checklistItemFields(T0));
    await round(a, server.api());
    await round(b, server.api());
    // B marks the item done; A, a moment later and before its next push, writes a note.
    await b.write('checklistItems', id, { status: 'done' });
    await round(b, server.api());
    const api: EngineApi = {
      ...server.api(),
      pull: async (cursor, limit) => {
        await a.write('checklistItems', id, { note: 'Chờ VNPT cấp tài khoản' });
        return server.api().pull(cursor, limit);
      },
    };
    await round(a, api);
    const local = await a.db.records('checklistItems').get(id);
    expect(local).toMatchObject({ status: 'done', note: 'Chờ VNPT cấp tài khoản' });
    expect(await a.repo.countOutbox()).toBe(1);
    // The next round sends the note; both phones and the server agree.
    await round(a, server.api());
    await round(b, server.api());
    expect(comparable(await a.db.records('checklistItems').get(id))).toEqual(comparable(server.record('checklistItems', id)));
    expect(comparable(await b.db.records('checklistItems').get(id))).toEqual(comparable(server.record('checklistItems', id)));
  });

  it('[I4] re-pushes the same ids after a lost answer, and the server applies them once', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    for (let index = 0; index < 3; index += 1) await a.write('assistanceLogs', uuidv7(), logFields(T0, index));
    const lossy: EngineApi = {
      ...server.api(),
      push: (request) => {
        server.push(request); // applied…
        return Promise.reject(new NetworkError('connection dropped')); // …but the answer never arrives
      },
    };
    await expect(round(a, lossy)).rejects.toBeInstanceOf(NetworkError);
    expect(await a.repo.countOutbox()).toBe(3);
    await round(a, server.api());
    expect(server.pushes[1]?.mutations.map((m) => m.id)).toEqual(server.pushes[0]?.mutations.map((m) => m.id));
    expect(server.applied).toBe(3);
    expect(server.rows.size).toBe(3);
    expect(await a.repo.countOutbox()).toBe(0);
    expect(await a.db.records('assistanceLogs').count()).toBe(3);
  });

  it('isolates a malformed mutation behind a 400 and sets it aside; a 400 for well-formed ones keeps the outbox', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    for (let index = 0; index < 5; index += 1) await a.write('assistanceLogs', uuidv7(), logFields(T0, index));
    // A corrupted entry (an id that is not a UUID): the real server refuses the whole push with 400.
    const corrupt = (await a.db.outbox.orderBy('seq').toArray())[2]!;
    await a.db.outbox.update(corrupt.seq, { id: 'not-a-uuid' });
    const strict: EngineApi = {
      ...server.api(),
      push: (request) =>
        request.mutations.some((m) => m.id === 'not-a-uuid')
          ? Promise.reject(new HttpError(400, 'bad_request', 'mutations[2].id must be a lowercase UUID.'))
          : server.api().push(request),
    };
    await round(a, strict);
    expect((await a.db.rejectedChanges.toArray()).map((r) => [r.id, r.code])).toEqual([['not-a-uuid', 'invalid']]);
    expect(server.rows.size).toBe(4);
    expect(await a.repo.countOutbox()).toBe(0);

    await a.write('assistanceLogs', uuidv7(), logFields(T0));
    const broken: EngineApi = { ...server.api(), push: () => Promise.reject(new HttpError(400, 'bad_request', 'clientId too long')) };
    await expect(round(a, broken)).rejects.toBeInstanceOf(HttpError);
    expect(await a.repo.countOutbox()).toBe(1);
    expect(await a.db.rejectedChanges.count()).toBe(1);
  });

  it('[I3] keeps the outbox on 426 (update required), 401, 403 and 500', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    await a.write('assistanceLogs', uuidv7(), logFields(T0));
    for (const status of [426, 401, 403, 500]) {
      const api: EngineApi = { ...server.api(), push: () => Promise.reject(new HttpError(status, 'x', 'x')) };
      await expect(round(a, api)).rejects.toBeInstanceOf(HttpError);
      expect(await a.repo.countOutbox()).toBe(1);
    }
    expect(await a.db.rejectedChanges.count()).toBe(0);
  });

  it('receives pulled clocks into the device clock and stores the server offset', async () => {
    const serverNow = T0 + 90_000; // the server is 90 s ahead of this phone
    const server = new FakeSyncServer(() => serverNow);
    const other = phone(() => serverNow);
    await other.write('assistanceLogs', uuidv7(), logFields(serverNow));
    await round(other, server.api(() => serverNow));
    const a = phone(() => T0);
    await round(a, server.api(() => T0));
    const offset = (await a.db.syncState.get(CLOCK_OFFSET_KEY))?.value;
    expect(offset).toBe(90_000);
    const clock = (await a.db.syncState.get(CLOCK_KEY))?.value as HlcState;
    const pulled = (await a.rows('assistanceLogs'))[0]!;
    const pulledMillis = Math.max(...Object.values(pulled.clocks).map((hlc) => parseHlc(hlc).millis));
    expect(clock.millis).toBeGreaterThanOrEqual(pulledMillis);
    // A write now is stamped after everything the phone has seen.
    const written = await a.write('assistanceLogs', pulled.id, { note: 'sửa sau khi đồng bộ' });
    expect(written.clocks.note! > pulled.clocks.note!).toBe(true);
  });

  it('[I9] pulls a device clock that ran days ahead back to server time + 5 min after a round', async () => {
    const server = new FakeSyncServer(() => T0);
    const ahead = T0 + 30 * 86_400_000;
    const a = phone(() => ahead);
    await a.write('assistanceLogs', uuidv7(), logFields(T0));
    await round(a, server.api(() => ahead));
    const clock = (await a.db.syncState.get(CLOCK_KEY))?.value as HlcState;
    expect(clock.millis).toBeLessThanOrEqual(T0 + 5 * 60_000);
    // And the record it wrote converged to the server's capped clock.
    expect(comparable((await a.rows('assistanceLogs'))[0])).toEqual(comparable([...server.rows.values()][0]?.record));
  });

  it('starts from the beginning once when the server refuses the stored cursor (400)', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    await a.write('assistanceLogs', uuidv7(), logFields(T0));
    await round(a, server.api());
    await a.db.syncState.put({ key: 'cursor', value: 'from-another-server' });
    const strict: EngineApi = {
      ...server.api(),
      pull: async (cursor, limit) => {
        if (cursor === 'from-another-server') throw new HttpError(400, 'bad_request', 'bad cursor');
        return server.api().pull(cursor, limit);
      },
    };
    await round(a, strict);
    expect(await a.repo.getCursor()).toBe('1');
  });
});
