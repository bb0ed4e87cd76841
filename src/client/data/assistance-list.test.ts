// The log list's filters and its bounded search (docs/performance.md "The log list's filters",
// docs/security.md "Lists and search"): every combination the screen offers pages through its own
// index, newest first, and returns exactly what a plain filter of every row returns; a search
// reads a window of rows at a time and says where it stopped. Upgrading a version 8 database keeps
// its logs and adds the indexes (fake-indexeddb, real repositories).
import { beforeAll, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { AppDatabase, db, LOG_PAIR_INDEXES } from './db';
import { createLog, recordFollowUp } from './assistance-repository';
import { countFollowUpsDue, followUpsDueSummary, listLogs, type LogCursor, type LogFilter } from './assistance-list';
import { pulledChanges } from './change-notice';
import { scanIndex } from './log-scan';
import { saveSession, type SessionUser } from './session-repository';
import { unlockTestVault } from '../../../test/helpers/test-vault';
import { uuidv7 } from '../../shared/sync/ids';
import type { Outcome } from '../../shared/schemas/assistance-log';

const member: SessionUser = { id: uuidv7(), username: 'lan', displayName: 'Lan', role: 'member', communeId: 'ngok-bay' };
const colleague: SessionUser = { ...member, id: uuidv7(), username: 'hung', displayName: 'Hùng' };
const SERVICES = ['vneid-install-register', 'vneid-activate-level2', 'dvc-birth-registration'];
const VILLAGES = [uuidv7(), uuidv7()];
const OUTCOMES: Outcome[] = ['done', 'partial', 'referred'];
const NOW = Date.parse('2026-03-20T05:00:00.000Z');

const signIn = async (user: SessionUser) => {
  await saveSession({ user, signedInAt: '2026-03-01T00:00:00.000Z' });
  await unlockTestVault(user);
};

interface Made {
  id: string;
  occurredAt: string;
  serviceId: string;
  villageId: string | null;
  outcome: Outcome;
  createdBy: string;
  named: boolean;
  noted: boolean;
}

/** Every pair of the filters set, and each alone (the screen may combine all of them). */
const FILTERS: LogFilter[] = (() => {
  const filters: LogFilter[] = [];
  for (const period of ['all', 'month'] as const)
    for (const serviceId of [undefined, SERVICES[1]])
      for (const villageId of [undefined, VILLAGES[0]])
        for (const outcome of [undefined, 'partial' as const])
          for (const mine of [undefined, true]) filters.push({ period, serviceId, villageId, outcome, mine });
  return filters;
})();

const newestFirst = (a: Made, b: Made) => (a.occurredAt === b.occurredAt ? (a.id < b.id ? 1 : -1) : a.occurredAt < b.occurredAt ? 1 : -1);

async function everyPage(filter: LogFilter, limit: number, window?: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let after: LogCursor | null = null;
  let pages = 0;
  for (; pages < 500; pages++) {
    const page = await listLogs(filter, { after, limit, ...(window === undefined ? {} : { window }) }, NOW);
    ids.push(...page.items.map((item) => item.id));
    if (!page.next) break;
    after = page.next;
  }
  return { ids, pages: pages + 1 };
}

describe('the log list over its indexes', () => {
  const made: Made[] = [];

  beforeAll(async () => {
    await Promise.all([db.outbox.clear(), db.records('assistanceLogs').clear(), db.records('services').clear()]);
    // 120 logs over two months, two authors; every fourth shares its time with the one before (the id tie-break).
    for (let i = 0; i < 120; i++) {
      const author = i % 3 === 0 ? colleague : member;
      await signIn(author);
      const minutes = i - (i % 4 === 3 ? 1 : 0);
      const occurredAt = new Date(Date.parse('2026-02-01T00:00:00.000Z') + minutes * 11 * 60 * 60_000).toISOString();
      const named = i % 10 === 4;
      const fields = {
        serviceId: SERVICES[i % 3]!,
        villageId: i % 5 === 0 ? null : VILLAGES[i % 2]!,
        outcome: OUTCOMES[(i >> 1) % 3]!,
        occurredAt,
        ...(named ? { citizen: { name: `Nguyễn Thị ${i}`, consent: true as const, consentEvidence: { method: 'spoken' as const, noticeVersion: '2026-01', recordedAt: occurredAt, recordedBy: author.id } } } : {}),
        ...(i % 7 === 0 ? { note: 'Cổng dịch vụ công bị lỗi' } : {}),
      };
      const log = await createLog(fields, Date.parse(occurredAt));
      made.push({ id: log.id, occurredAt, serviceId: fields.serviceId, villageId: fields.villageId, outcome: fields.outcome, createdBy: author.id, named, noted: i % 7 === 0 });
    }
    await signIn(member);
  }, 60_000);

  it('reads every filter combination through an index of its own fields, the two most selective when there are more', () => {
    const indexes = new Set(db.records('assistanceLogs').schema.indexes.map((index) => index.name));
    for (const filter of FILTERS) {
      const { index, prefix } = scanIndex(filter, member);
      expect(indexes.has(index), index).toBe(true);
      const set = [filter.serviceId, filter.villageId, filter.mine ? member.id : undefined, filter.outcome].filter(Boolean);
      expect(prefix).toEqual(set.slice(0, 2));
    }
    expect(scanIndex({ period: 'all', outcome: 'done', villageId: VILLAGES[1], mine: true }, member)).toEqual({ index: '[villageId+createdBy+occurredAt]', prefix: [VILLAGES[1], member.id] });
  });

  it('pages every combination newest first, exactly the rows a plain filter keeps, without gaps or repeats', { timeout: 60_000 }, async () => {
    const monthStart = '2026-02-28T17:00:00.000Z'; // 01/03 00:00 in Vietnam
    for (const filter of FILTERS) {
      const expected = made
        .filter((row) => (filter.period === 'month' ? row.occurredAt >= monthStart : true))
        .filter((row) => (!filter.serviceId || row.serviceId === filter.serviceId) && (!filter.villageId || row.villageId === filter.villageId))
        .filter((row) => (!filter.outcome || row.outcome === filter.outcome) && (!filter.mine || row.createdBy === member.id))
        .sort(newestFirst)
        .map((row) => row.id);
      expect((await everyPage(filter, 4)).ids, JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('searches a window of rows at a time, says where it stopped, and goes on from there to the end', async () => {
    const named = made.filter((row) => row.named).sort(newestFirst).map((row) => row.id);
    expect(named.length).toBe(12);
    // Without diacritics, across windows of 10 rows: each step reads at most 10 and the steps together find them all.
    const first = await listLogs({ period: 'all', search: 'nguyen thi' }, { limit: 50, window: 10 }, NOW);
    expect(first.searched).toEqual({ rows: 10, paused: true });
    expect(first.items.map((item) => item.id)).toEqual(named.slice(0, 1));
    expect(first.next).not.toBeNull();
    const stepped = await everyPage({ period: 'all', search: 'nguyen thi' }, 50, 10);
    expect(stepped.ids).toEqual(named);
    expect(stepped.pages).toBe(12); // 120 rows, 10 a step
    // The last step reached the end: nothing paused, no cursor.
    const sorted = [...made].sort(newestFirst);
    const lastStep = await listLogs({ period: 'all', search: 'nguyen thi' }, { after: { occurredAt: sorted[109]!.occurredAt, id: sorted[109]!.id }, window: 10 }, NOW);
    expect(lastStep).toMatchObject({ next: null, searched: { rows: 10, paused: false } });
    // A page that fills before its window ends pages on as before, from its last row.
    const full = await listLogs({ period: 'all', search: 'nguyen' }, { limit: 2, window: 1_000 }, NOW);
    expect(full.items.map((item) => item.id)).toEqual(named.slice(0, 2));
    expect(full.searched).toEqual({ rows: sorted.findIndex((row) => row.id === named[1]) + 1, paused: false });
    expect(full.next).toEqual({ occurredAt: full.items[1]!.occurredAt, id: full.items[1]!.id });
    // With the other filters: the window counts the rows they keep.
    const mine = await everyPage({ period: 'all', search: 'cong dich vu', mine: true }, 50, 3);
    expect(mine.ids).toEqual(sorted.filter((row) => row.createdBy === member.id && row.noted).map((row) => row.id));
    expect(mine.pages).toBe(Math.ceil(sorted.filter((row) => row.createdBy === member.id).length / 3));
  });
});

describe('the follow-ups due, kept between visits', () => {
  it('reads them once until the logs change: a save, a follow-up recorded, a pull’s notice', async () => {
    await Promise.all([db.outbox.clear(), db.records('assistanceLogs').clear()]);
    await signIn(member);
    const now = Date.parse('2026-03-10T05:00:00.000Z');
    const helped = '2026-03-01T02:00:00.000Z';
    const first = await createLog({ serviceId: SERVICES[0]!, outcome: 'failed', occurredAt: helped, followUpAt: '2026-03-09' }, now);
    expect(await countFollowUpsDue(now)).toBe(1);
    await createLog({ serviceId: SERVICES[0]!, outcome: 'partial', occurredAt: helped, followUpAt: '2026-03-10' }, now);
    expect(await countFollowUpsDue(now)).toBe(2);
    await recordFollowUp(first.id, { outcome: 'done' }, now);
    expect(await followUpsDueSummary(now, 3)).toMatchObject({ count: 1 });
    // A pulled log is written straight to IndexedDB; the screens learn of it from the pull's
    // notice, and so does the kept answer: until then it is the one they showed.
    const pulled = { ...(await db.records('assistanceLogs').get(first.id))!, id: uuidv7(), followUpDone: false };
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(db.name);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
      request.onsuccess = () => {
        const tx = request.result.transaction('assistanceLogs', 'readwrite');
        tx.objectStore('assistanceLogs').put(pulled);
        tx.oncomplete = () => (request.result.close(), resolve());
      };
    });
    expect(await countFollowUpsDue(now)).toBe(1);
    pulledChanges.add(db.name, [{ name: 'assistanceLogs', indexes: db.records('assistanceLogs').schema.indexes.map((index) => index.name) }]);
    pulledChanges.flush();
    expect(await countFollowUpsDue(now)).toBe(2);
    // Another member signed in on this phone reads their own.
    await signIn(colleague);
    expect(await countFollowUpsDue(now)).toBe(0);
  });
});

describe('upgrading a version 8 database', () => {
  it('keeps every stored log and adds the filter pairs’ indexes', async () => {
    const name = `upgrade-${uuidv7()}`;
    // The database as version 8 left it: today's stores and indexes without those version 9 adds.
    const shape = new AppDatabase(`shape-${uuidv7()}`);
    await shape.open();
    const stores = Object.fromEntries(
      shape.tables.map((table) => [table.name, [table.schema.primKey.src, ...table.schema.indexes.map((index) => index.src)].filter((src) => !LOG_PAIR_INDEXES.includes(src)).join(', ')]),
    );
    shape.close();
    const old = new Dexie(name);
    old.version(8).stores(stores);
    const rows = Array.from({ length: 30 }, (_, i) => ({
      id: uuidv7(),
      communeId: 'ngok-bay',
      createdBy: i % 2 ? member.id : colleague.id,
      deleted: false,
      serviceId: SERVICES[i % 3],
      outcome: OUTCOMES[i % 3],
      villageId: VILLAGES[i % 2],
      occurredAt: new Date(Date.parse('2026-03-01T00:00:00.000Z') + i * 60_000).toISOString(),
      note: null,
      citizen: null,
      clocks: {},
    }));
    await old.table('assistanceLogs').bulkPut(rows);
    expect(old.table('assistanceLogs').schema.indexes.map((index) => index.name)).not.toContain('[villageId+createdBy+occurredAt]');
    old.close();

    const upgraded = new AppDatabase(name);
    await upgraded.open();
    expect(upgraded.verno).toBe(9);
    expect(await upgraded.records('assistanceLogs').count()).toBe(30);
    const logs = upgraded.records('assistanceLogs');
    for (const index of LOG_PAIR_INDEXES) expect(logs.schema.idxByName[index], index).toBeDefined();
    const pair = await logs
      .where('[villageId+createdBy+occurredAt]')
      .between([VILLAGES[1], member.id, Dexie.minKey], [VILLAGES[1], member.id, Dexie.maxKey])
      .reverse()
      .primaryKeys();
    expect(pair).toEqual(rows.filter((row) => row.villageId === VILLAGES[1] && row.createdBy === member.id).reverse().map((row) => row.id));
    upgraded.close();
    await Dexie.delete(name);
  });
});
