// One sync round's pull side (src/shared/sync/PROTOCOL.md): pages stored with their cursors, broken
// pages refused whole, unknown tables set aside, pending edits rebased on the server's state, the
// device clock corrected, and a refused cursor starting over once.
import { describe, expect, it } from 'vitest';
import type { EngineApi } from './engine';
import { HttpError, NetworkError, ProtocolError } from './errors';
import { FakeSyncServer } from '../../../test/helpers/fake-sync-server';
import { checklistItemFields, comparable, logFields } from '../../../test/helpers/sync-fixtures';
import { uuidv7 } from '../../shared/sync/ids';
import { CLOCK_KEY, CLOCK_OFFSET_KEY } from '../data/local-write';
import { parseHlc, type HlcState } from '../../shared/sync/hlc';
import { SYNC_TABLES } from '../../shared/schemas/tables';
import { T0, enginePhones } from '../../../test/helpers/engine-phones';

const { phone, round } = enginePhones();

describe('sync round', () => {
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
    // Still this version: nothing changes, the next pull starts at the stored cursor.
    expect(await b.repo.pullCursor(SYNC_TABLES)).toBe(cursor);
    await b.repo.restartPullIfTablesLearned(SYNC_TABLES);
    expect(await b.repo.getCursor()).toBe(cursor);
    // An update that knows the table: the next pull starts from the beginning, the note is gone.
    expect(await b.repo.pullCursor([...SYNC_TABLES, 'futureTable'])).toBeUndefined();
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
    // The note is sealed at rest (docs/security.md): compared as the app reads it.
    const opened = async (phone: typeof a) => (await phone.rows('checklistItems')).find((row) => row.id === id);
    expect(await opened(a)).toMatchObject({ status: 'done', note: 'Chờ VNPT cấp tài khoản' });
    expect(await a.repo.countOutbox()).toBe(1);
    // The next round sends the note; both phones and the server agree.
    await round(a, server.api());
    await round(b, server.api());
    expect(comparable(await opened(a))).toEqual(comparable(server.record('checklistItems', id)));
    expect(comparable(await opened(b))).toEqual(comparable(server.record('checklistItems', id)));
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

  it('stores nothing of a page that fails to store: not its records, not its cursor, not the clock offset', async () => {
    const server = new FakeSyncServer(() => T0);
    const writer = phone();
    await writer.write('assistanceLogs', uuidv7(), logFields(T0));
    await round(writer, server.api());
    const a = phone();
    await round(a, server.api());
    const before = await Promise.all([a.repo.getCursor(), a.db.syncState.get(CLOCK_KEY), a.db.syncState.get(CLOCK_OFFSET_KEY), a.rows('assistanceLogs')]);
    const [record] = await writer.rows('assistanceLogs');
    // Two new records, the second one's key no key: IndexedDB refuses its put after the first one was made.
    const changes = [{ table: 'assistanceLogs' as const, record: { ...record!, id: uuidv7() } }, { table: 'assistanceLogs' as const, record: { ...record!, id: null as unknown as string } }];
    await expect(a.repo.applyPulledPage({ changes, cursor: 'later', serverClock: { offsetMs: 12_345, now: T0 } })).rejects.toThrow(/DataError|valid key/);
    const after = await Promise.all([a.repo.getCursor(), a.db.syncState.get(CLOCK_KEY), a.db.syncState.get(CLOCK_OFFSET_KEY), a.rows('assistanceLogs')]);
    expect(after).toEqual(before);
    expect(before[3]).toHaveLength(1);
  });
});
