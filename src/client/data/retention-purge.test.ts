import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PHONE_RETENTION_DAYS } from '../../shared/privacy/retention';
import { db } from './db';
import { purgeOldDetails } from './retention-purge';
import { onLogsChanged } from './assistance-list';
import { RETENTION_MARK_KEY } from './retention-mark';
import { importEntries, writeRecord } from './local-write';
import { SyncRepository } from './sync-repository';
import { formatHlc } from '../../shared/sync/hlc';
import { testDataKey } from '../../../test/helpers/test-vault';

const DAY = 24 * 3_600_000;
const NOW = Date.parse('2026-12-03T03:00:00.000Z');
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();
const id = (n: number) => `0197c1a2-0000-7000-8000-00000000000${n}`;
const sealedCitizen = { v: 1, iv: 'aXY', ct: 'Y2lwaGVy' };

function log(n: number, days: number, personal: boolean) {
  return { id: id(n), communeId: 'xa', serviceId: 'vneid', outcome: 'done', occurredAt: ago(days), deleted: false, citizen: personal ? sealedCitizen : null, note: personal ? 'gọi lại' : null, clocks: {} };
}

describe("the phone's retention limit", () => {
  beforeEach(async () => {
    await Promise.all([db.records('assistanceLogs').clear(), db.records('groupSessions').clear(), db.records('rightsRequests').clear(), db.outbox.clear(), db.syncState.clear()]);
  });

  it('drops the details of synced records past the limit, keeps the rest, and changes nothing the second time', async () => {
    await db.records('assistanceLogs').bulkPut([log(1, PHONE_RETENTION_DAYS + 1, true), log(2, PHONE_RETENTION_DAYS + 5, true), log(3, PHONE_RETENTION_DAYS - 1, true), log(4, 400, false)] as never);
    await db.records('groupSessions').put({ id: id(5), communeId: 'xa', occurredAt: ago(200), participants: 12, note: 'lớp thôn 2', deleted: false, clocks: {} } as never);
    // Log 2 has a change still waiting to be sent: left alone until the server has it.
    await db.outbox.add({ id: id(9), table: 'assistanceLogs', recordId: id(2), hlc: '2026-12-01T00:00:00.000Z-0000-0123456789abcdef' as never, fields: { outcome: 'partial' }, createdAt: ago(1) });
    const before = await db.outbox.count();

    expect(await purgeOldDetails(NOW)).toBe(2);
    const logs = new Map((await db.records('assistanceLogs').toArray()).map((row) => [row.id, row]));
    expect(logs.get(id(1))).toMatchObject({ citizen: null, note: null, serviceId: 'vneid', outcome: 'done', occurredAt: ago(PHONE_RETENTION_DAYS + 1) });
    expect(logs.get(id(2))).toMatchObject({ citizen: sealedCitizen, note: 'gọi lại' });
    expect(logs.get(id(3))).toMatchObject({ citizen: sealedCitizen });
    expect(logs.get(id(4))).toMatchObject({ citizen: null, outcome: 'done' });
    expect(await db.records('groupSessions').get(id(5))).toMatchObject({ note: null, participants: 12 });
    expect(await db.outbox.count()).toBe(before);

    expect(await purgeOldDetails(NOW)).toBe(0);
  });

  it('drops who asked from requests closed more than 90 days ago; an open request keeps it however old, and every step stays', async () => {
    const request = (n: number, status: 'received' | 'acknowledged' | 'done' | 'refused', closedDays: number | null) => ({
      id: id(n),
      communeId: 'xa',
      kind: 'erasure',
      requester: sealedCitizen,
      receivedOn: ago(400).slice(0, 10),
      status,
      acknowledgedAt: status === 'received' ? null : ago(399),
      acknowledgedBy: status === 'received' ? null : 'leader-1',
      closedAt: closedDays === null ? null : ago(closedDays),
      closedBy: closedDays === null ? null : 'leader-1',
      closeReason: status === 'refused' ? 'không thuộc xã' : null,
      deleted: false,
      clocks: {},
    });
    await db.records('rightsRequests').bulkPut([request(1, 'done', 90.5), request(2, 'refused', 200), request(3, 'done', 89.5), request(4, 'received', null), request(5, 'acknowledged', null)] as never);
    const before = await db.outbox.count();

    expect(await purgeOldDetails(NOW)).toBe(2);
    const rows = new Map((await db.records('rightsRequests').toArray()).map((row) => [row.id, row]));
    expect(rows.get(id(1))).toMatchObject({ requester: null, kind: 'erasure', status: 'done', closedAt: ago(90.5), closedBy: 'leader-1', acknowledgedBy: 'leader-1' });
    expect(rows.get(id(2))).toMatchObject({ requester: null, status: 'refused', closeReason: 'không thuộc xã' });
    for (const n of [3, 4, 5]) expect(rows.get(id(n))).toMatchObject({ requester: sealedCitizen });
    expect(await db.outbox.count()).toBe(before);
    expect(await purgeOldDetails(NOW)).toBe(0);
  });

  it("is 90 days after the log's date, fixed: the phone never reads the province's setting (1–12 months on the server)", async () => {
    // Literal days, not the constant: a change of the phone's limit must fail here.
    await db.records('assistanceLogs').bulkPut([log(1, 90.5, true), log(2, 89.5, true)] as never);
    expect(PHONE_RETENTION_DAYS).toBe(90);
    expect(await purgeOldDetails(NOW)).toBe(1);
    expect(await db.records('assistanceLogs').get(id(1))).toMatchObject({ citizen: null, note: null });
    expect(await db.records('assistanceLogs').get(id(2))).toMatchObject({ citizen: sealedCitizen, note: 'gọi lại' });
  });

  it('tells the screens once, when it is over, however many batches it wrote (not once a batch)', async () => {
    // 450 logs past the limit: three batches of 200.
    const old = Array.from({ length: 450 }, (_, n) => ({ ...log(0, PHONE_RETENTION_DAYS + 1 + n / 1000, true), id: `0197c1a2-0000-7000-8000-${n.toString().padStart(12, '0')}` }));
    await db.records('assistanceLogs').bulkPut(old as never);
    let wakes = 0;
    let purgedWhenWoken = -1;
    const stop = onLogsChanged(() => {
      wakes += 1;
      void db.records('assistanceLogs').filter((row) => row.citizen === null).count().then((count) => (purgedWhenWoken = count));
    });
    try {
      expect(await purgeOldDetails(NOW)).toBe(450);
      expect(wakes).toBe(1);
      // Woken after the last batch: a screen reading then sees every purged log.
      await vi.waitFor(() => expect(purgedWhenWoken).toBe(450));
      expect(await purgeOldDetails(NOW)).toBe(0);
      expect(wakes).toBe(1);
    } finally {
      stop();
    }
  });

  describe('reads from where the last purge stopped (retention-mark.ts)', () => {
    const mark = async () => (await db.syncState.get(RETENTION_MARK_KEY))?.value;
    const cutoffAt = (now: number) => new Date(now - PHONE_RETENTION_DAYS * DAY).toISOString();
    const details = async (n: number) => {
      const row = await db.records('assistanceLogs').get(id(n));
      return { citizen: row?.citizen ?? null, note: row?.note ?? null };
    };
    const hlc = (millis: number) => formatHlc({ millis, counter: 0, node: 'aaaaaaaaaaaaaaaa' });

    it('the next purge reads only the days that crossed the limit since: a record no app path wrote below the mark is not read again', async () => {
      await db.records('assistanceLogs').bulkPut([log(1, PHONE_RETENTION_DAYS + 1, true), log(2, PHONE_RETENTION_DAYS - 0.5, true)] as never);
      expect(await purgeOldDetails(NOW)).toBe(1);
      expect(await mark()).toEqual({ before: cutoffAt(NOW) });
      // Below the mark, put straight into IndexedDB by nothing the app does: proof the purge does not scan there.
      await db.records('assistanceLogs').put(log(3, PHONE_RETENTION_DAYS + 10, true) as never);
      // A day later log 2 has crossed the limit: it is read and purged, log 3 is not read.
      expect(await purgeOldDetails(NOW + DAY)).toBe(1);
      expect(await details(2)).toEqual({ citizen: null, note: null });
      expect(await details(3)).toEqual({ citizen: sealedCitizen, note: 'gọi lại' });
      expect(await mark()).toEqual({ before: cutoffAt(NOW + DAY) });
    });

    it('a pulled page that brings an old log back with its details marks its date, and the next purge drops them', async () => {
      await db.records('assistanceLogs').put(log(1, PHONE_RETENTION_DAYS + 30, true) as never);
      expect(await purgeOldDetails(NOW)).toBe(1);
      // A colleague's edit of the old log: the server sends the whole record, its citizen included (its limit is longer).
      const key = testDataKey();
      const pulled = { ...log(1, PHONE_RETENTION_DAYS + 30, true), note: null, outcome: 'partial', updatedAt: ago(0), createdBy: 'm-1', createdAt: ago(200) };
      const record = { ...pulled, clocks: Object.fromEntries(Object.keys(pulled).filter((field) => field !== 'id' && field !== 'clocks').map((field) => [field, hlc(NOW)])) };
      await new SyncRepository(db, () => key).applyPulledPage({ changes: [{ table: 'assistanceLogs', record }], cursor: 'c1', serverClock: { now: NOW, offsetMs: 0 } });
      expect((await details(1)).citizen).not.toBeNull();
      expect(await mark()).toEqual({ before: cutoffAt(NOW), dirtyFrom: ago(PHONE_RETENTION_DAYS + 30) });
      expect(await purgeOldDetails(NOW)).toBe(1);
      expect(await details(1)).toEqual({ citizen: null, note: null });
      expect(await mark()).toEqual({ before: cutoffAt(NOW) });
    });

    it('a record left because its change waited in the outbox is read again, and purged once the server has the change', async () => {
      await db.records('assistanceLogs').bulkPut([log(1, PHONE_RETENTION_DAYS + 40, true), log(2, PHONE_RETENTION_DAYS + 20, true)] as never);
      await db.outbox.add({ id: id(9), table: 'assistanceLogs', recordId: id(1), hlc: hlc(NOW - DAY), fields: { outcome: 'partial' }, createdAt: ago(1) });
      expect(await purgeOldDetails(NOW)).toBe(1);
      expect(await mark()).toEqual({ before: cutoffAt(NOW), dirtyFrom: ago(PHONE_RETENTION_DAYS + 40) });
      // Still waiting: left again, the mark kept.
      expect(await purgeOldDetails(NOW + DAY)).toBe(0);
      expect(await mark()).toEqual({ before: cutoffAt(NOW + DAY), dirtyFrom: ago(PHONE_RETENTION_DAYS + 40) });
      await new SyncRepository(db).applyPushResult({ acked: [id(9)], rejected: [], at: ago(0) });
      expect(await purgeOldDetails(NOW + 2 * DAY)).toBe(1);
      expect(await details(1)).toEqual({ citizen: null, note: null });
      expect(await mark()).toEqual({ before: cutoffAt(NOW + 2 * DAY) });
    });

    it('a save that puts details on a log already past the limit, and a colleague\'s change handed over, mark it too', async () => {
      await db.records('assistanceLogs').bulkPut([log(1, PHONE_RETENTION_DAYS + 50, false), log(2, PHONE_RETENTION_DAYS + 60, false)] as never);
      expect(await purgeOldDetails(NOW)).toBe(0);
      // An offline edit adds a note to log 1 (sealed on the way in); it is sent before the next purge.
      await writeRecord({ table: 'assistanceLogs', recordId: id(1), fields: { note: 'gọi lại sau vụ mùa' } }, NOW, db, await testDataKey());
      expect(await mark()).toEqual({ before: cutoffAt(NOW), dirtyFrom: ago(PHONE_RETENTION_DAYS + 50) });
      // A colleague's change of log 2 (a sealed note), imported from a hand-over.
      await importEntries([{ id: id(8), table: 'assistanceLogs', recordId: id(2), hlc: hlc(NOW), fields: { note: sealedCitizen }, createdAt: ago(0) }], NOW, db);
      expect(await mark()).toEqual({ before: cutoffAt(NOW), dirtyFrom: ago(PHONE_RETENTION_DAYS + 60) });
      await db.outbox.clear(); // both sent and acknowledged
      expect(await purgeOldDetails(NOW)).toBe(2);
      expect(await details(1)).toEqual({ citizen: null, note: null });
      expect(await details(2)).toEqual({ citizen: null, note: null });
      // A save of a recent log marks nothing.
      await writeRecord({ table: 'assistanceLogs', recordId: id(3), fields: { serviceId: 'vneid', outcome: 'done', occurredAt: ago(2), note: 'mới' } }, NOW, db, await testDataKey());
      expect(await mark()).toEqual({ before: cutoffAt(NOW) });
    });
  });
});

