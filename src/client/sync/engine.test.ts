// One sync round's push side (src/shared/sync/PROTOCOL.md): the outbox pushed oldest first in bounded
// batches, refusals set aside and shown, lost answers re-pushed under the same ids, and the outbox kept
// whenever the server did not take it. On fake-indexeddb, against an in-memory server made of the shared
// merge code. The pull side is in engine-pull.test.ts.
import { describe, expect, it } from 'vitest';
import { readRoundStart, runSyncRound, type EngineApi, type EngineStore } from './engine';
import { HttpError, NetworkError } from './errors';
import { FakeSyncServer } from '../../../test/helpers/fake-sync-server';
import { checklistItemFields, comparable, logFields } from '../../../test/helpers/sync-fixtures';
import { uuidv7 } from '../../shared/sync/ids';
import { LIMITS, type PushRequest } from '../../shared/sync/protocol';
import { T0, enginePhones } from '../../../test/helpers/engine-phones';

const { phone, round } = enginePhones();

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
    // The note is sealed at rest (docs/security.md): compared as the app reads it.
    const opened = (await a.rows('checklistItems')).find((row) => row.id === id);
    expect(opened?.['note']).toBe('Đã gửi danh sách email cho xã');
    expect(comparable(opened)).toEqual(comparable(server.record('checklistItems', id)));
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

  it('reads the outbox and the cursor once, together, in a round with nothing to push; again after a push', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    const calls: string[] = [];
    const counted: EngineStore = {
      ...a.repo,
      readOutboxBatch: (count, bytes) => (calls.push('outbox'), a.repo.readOutboxBatch(count, bytes)),
      pullCursor: (known) => (calls.push('cursor'), a.repo.pullCursor(known)),
      countOutbox: () => a.repo.countOutbox(),
      getClientId: () => a.repo.getClientId(),
      resetCursor: () => a.repo.resetCursor(),
      applyPushResult: (input) => a.repo.applyPushResult(input),
      applyPulledPage: (input) => a.repo.applyPulledPage(input),
    };
    await runSyncRound({ store: counted, api: server.api(), now: a.now });
    expect(calls).toEqual(['outbox', 'cursor']);
    calls.length = 0;
    await a.write('assistanceLogs', uuidv7(), logFields(T0));
    await runSyncRound({ store: counted, api: server.api(), now: a.now });
    // After the push the cursor is read again: a refused change may have made the phone forget it.
    expect(calls).toEqual(['outbox', 'cursor', 'outbox', 'cursor']);
  });

  it('pushes a change saved after the round read its first batch, in the same round: nothing is lost', async () => {
    const server = new FakeSyncServer(() => T0);
    const a = phone();
    const first = uuidv7();
    await a.write('assistanceLogs', first, logFields(T0));
    const start = readRoundStart({ store: a.repo });
    expect((await start.batch).entries.map((entry) => entry.recordId)).toEqual([first]);
    const later = uuidv7();
    await a.write('assistanceLogs', later, logFields(T0, 1));
    const stats = await runSyncRound({ store: a.repo, api: server.api(), now: a.now }, start);
    expect(server.pushes.map((push) => push.mutations.map((m) => m.recordId))).toEqual([[first], [later]]);
    expect(stats).toMatchObject({ pushed: 2, pulled: 2 });
    expect(await a.repo.countOutbox()).toBe(0);
  });
});
