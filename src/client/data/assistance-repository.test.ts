import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { clearSession, NotSignedInError, saveSession, type SessionUser } from './session-repository';
import { createLog, deleteLog, getLog, recordFollowUp, restoreLog, updateLog } from './assistance-repository';
import { countFollowUpsDue, followUpsDueSummary, listFollowUpsDue, listLogs, recentServiceCodes, type LogFilter } from './assistance-list';
import { PermissionError, ValidationError } from './errors';
import { lockVault, LockedError } from './vault/vault';
import { isSealed, seal } from './vault/crypto';
import { UnreadableSealedError } from './sealed-records';
import { unlockTestVault } from '../../../test/helpers/test-vault';
import { uuidv7 } from '../../shared/sync/ids';
import type { AssistanceLogFields } from '../../shared/schemas/assistance-log';

const member: SessionUser = { id: uuidv7(), username: 'lan', displayName: 'Lan', role: 'member', communeId: 'ngok-bay' };
const otherMember: SessionUser = { id: uuidv7(), username: 'hung', displayName: 'Hùng', role: 'member', communeId: 'ngok-bay' };
const leader: SessionUser = { id: uuidv7(), username: 'minh', displayName: 'Minh', role: 'leader', communeId: 'ngok-bay' };
const reviewer: SessionUser = { id: uuidv7(), username: 'chu-tich', displayName: 'Chủ tịch', role: 'reviewer', communeId: 'ngok-bay' };
const stranger: SessionUser = { id: uuidv7(), username: 'xa-khac', displayName: 'Xã khác', role: 'leader', communeId: 'son-ha' };

const signIn = async (user: SessionUser) => {
  await saveSession({ user, signedInAt: '2026-03-01T00:00:00.000Z' });
  await unlockTestVault(user);
};

const log = (extra: Partial<AssistanceLogFields> = {}): AssistanceLogFields => ({
  serviceId: 'vneid-install-register',
  outcome: 'done',
  occurredAt: '2026-03-10T02:00:00.000Z',
  ...extra,
});

const consent = (user: SessionUser) => ({
  consent: true as const,
  consentEvidence: { method: 'spoken' as const, noticeVersion: '2026-01', recordedAt: '2026-03-10T02:00:00.000Z', recordedBy: user.id },
});

async function outboxFor(recordId: string) {
  return (await db.outbox.orderBy('seq').toArray()).filter((entry) => entry.recordId === recordId);
}

describe('assistance repository', () => {
  beforeEach(async () => {
    await Promise.all([db.outbox.clear(), db.syncState.clear(), db.records('assistanceLogs').clear(), db.records('services').clear()]);
    await signIn(member);
  });

  it('refuses to read or write without a signed-in user', async () => {
    await clearSession();
    await expect(createLog(log())).rejects.toBeInstanceOf(NotSignedInError);
    await expect(listLogs({ period: 'all' })).rejects.toBeInstanceOf(NotSignedInError);
  });

  it('[I7] creates a log with the server-checked metadata and queues exactly one outbox entry', async () => {
    const now = Date.parse('2026-03-10T02:05:00.000Z');
    const created = await createLog(log({ villageId: null, note: '  Bà cụ nhờ cài VNeID  ' }), now);
    expect(created).toMatchObject({ communeId: 'ngok-bay', createdBy: member.id, deleted: false, note: 'Bà cụ nhờ cài VNeID', villageId: null });
    const stored = await db.records('assistanceLogs').get(created.id);
    expect(stored).toMatchObject({ serviceId: 'vneid-install-register', createdAt: '2026-03-10T02:05:00.000Z' });
    const outbox = await outboxFor(created.id);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.table).toBe('assistanceLogs');
    expect(outbox[0]!.fields).toMatchObject({ serviceId: 'vneid-install-register', outcome: 'done', communeId: 'ngok-bay', createdBy: member.id, deleted: false });
  });

  it('rejects bad input with translated field keys and writes nothing', async () => {
    const bad = { outcome: 'maybe', occurredAt: 'yesterday', durationMin: 9999 } as unknown as AssistanceLogFields;
    const error = await createLog(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      serviceId: 'validation.required',
      outcome: 'validation.invalidOption',
      occurredAt: 'validation.dateTime',
      durationMin: 'validation.tooLarge',
    });
    expect(await db.records('assistanceLogs').count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('stores citizen details only with consent evidence recorded by the user, and never beside a disability barrier', async () => {
    const noEvidence = log({ citizen: { name: 'Nguyễn Văn An', consent: true } as never });
    await expect(createLog(noEvidence)).rejects.toMatchObject({ fieldErrors: { 'citizen.consent': 'validation.consentRequired' } });
    const someoneElses = log({ citizen: { name: 'Nguyễn Văn An', ...consent(otherMember) } });
    await expect(createLog(someoneElses)).rejects.toMatchObject({ fieldErrors: { 'citizen.consent': 'validation.consentRequired' } });
    const sensitive = log({ barriers: ['disability'], citizen: { name: 'Nguyễn Văn An', ...consent(member) } });
    await expect(createLog(sensitive)).rejects.toMatchObject({ fieldErrors: { barriers: 'validation.sensitiveBarrier' } });
    expect(await db.outbox.count()).toBe(0);

    const ok = await createLog(log({ citizen: { name: 'Nguyễn Văn An', phone: '+84 912 345 678', birthYear: 1956, ...consent(member) } }));
    expect(ok.citizen).toMatchObject({ name: 'Nguyễn Văn An', phone: '0912345678', consent: true });
  });

  it('edits only the fields that change and queues just those', async () => {
    const created = await createLog(log({ note: 'cũ', durationMin: 10 }), Date.parse('2026-03-10T02:00:00Z'));
    const updated = await updateLog(created.id, { note: 'mới', durationMin: 10, outcome: 'done' }, Date.parse('2026-03-10T03:00:00Z'));
    expect(updated).toMatchObject({ note: 'mới', durationMin: 10 });
    const outbox = await outboxFor(created.id);
    expect(outbox).toHaveLength(2);
    expect(Object.keys(outbox[1]!.fields).sort()).toEqual(['note', 'updatedAt']);
    expect(isSealed(outbox[1]!.fields['note'])).toBe(true);
    // Nothing changes: nothing is queued.
    await updateLog(created.id, { note: 'mới' });
    expect(await outboxFor(created.id)).toHaveLength(2);
    // Bad input: nothing changes.
    await expect(updateLog(created.id, { durationMin: -5 })).rejects.toBeInstanceOf(ValidationError);
    expect((await getLog(created.id))?.durationMin).toBe(10);
    expect(await outboxFor(created.id)).toHaveLength(2);
  });

  it('stores the citizen and the note sealed, in the record and its outbox entry, and reads them back opened', async () => {
    const created = await createLog(log({ note: 'Bà Hoa nhờ cài VNeID', citizen: { name: 'Nguyễn Thị Hoa', phone: '0912345678', birthYear: 1950, ...consent(member) } }));
    expect(created.citizen?.name).toBe('Nguyễn Thị Hoa');
    const raw = JSON.stringify([await db.records('assistanceLogs').toArray(), await db.outbox.toArray()]);
    for (const text of ['Hoa', '0912345678', '1950', 'VNeID']) expect(raw).not.toContain(text);
    const stored = await db.records('assistanceLogs').get(created.id);
    expect(isSealed(stored?.citizen)).toBe(true);
    expect(stored).toMatchObject({ serviceId: 'vneid-install-register', outcome: 'done', occurredAt: '2026-03-10T02:00:00.000Z' });
    expect((await getLog(created.id))?.citizen?.phone).toBe('0912345678');
    expect((await listLogs({ period: 'all', search: 'nguyen hoa' })).items.map((item) => item.id)).toEqual([created.id]);
    // An edit of another field leaves the sealed values as they were.
    const edited = await updateLog(created.id, { durationMin: 20 });
    expect(edited).toMatchObject({ durationMin: 20, note: 'Bà Hoa nhờ cài VNeID' });
    expect((await db.records('assistanceLogs').get(created.id))?.citizen).toEqual(stored?.citizen);
  });

  it('lists logs with their citizens opened and without their notes: no row shows a note, so the list opens none', async () => {
    const created = await createLog(log({ note: 'Bà Hoa nhờ cài VNeID', citizen: { name: 'Nguyễn Thị Hoa', phone: '0912345678', ...consent(member) } }));
    // A note this key cannot open: the detail screen's read fails on it, the list's does not.
    const stored = (await db.records('assistanceLogs').get(created.id))!;
    const otherKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await db.records('assistanceLogs').put({ ...stored, note: await seal(otherKey, 'Ghi chú khác', `assistanceLogs/${created.id}/note`) });
    await expect(getLog(created.id)).rejects.toBeInstanceOf(UnreadableSealedError);
    const [item] = (await listLogs({ period: 'all' })).items;
    expect(item).toMatchObject({ id: created.id, citizen: { name: 'Nguyễn Thị Hoa', phone: '0912345678' } });
    expect(item).not.toHaveProperty('note');
    // A search opens the notes to match them, and still hands the list none.
    await db.records('assistanceLogs').put(stored);
    const [found] = (await listLogs({ period: 'all', search: 'vneid' })).items;
    expect(found?.id).toBe(created.id);
    expect(found).not.toHaveProperty('note');
    // A reviewer may not see citizens: none in their list.
    await signIn(reviewer);
    expect((await listLogs({ period: 'all' })).items.map((row) => row.citizen)).toEqual([null]);
  });

  it('refuses to store a citizen or a note while locked, and writes nothing', async () => {
    lockVault();
    await expect(createLog(log({ note: 'ghi chú' }))).rejects.toBeInstanceOf(LockedError);
    expect(await db.records('assistanceLogs').count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('lets members edit their own logs and leaders anyone’s', async () => {
    const mine = await createLog(log());
    await signIn(otherMember);
    await expect(updateLog(mine.id, { note: 'không phải của tôi' })).rejects.toBeInstanceOf(PermissionError);
    await expect(deleteLog(mine.id)).rejects.toBeInstanceOf(PermissionError);
    await signIn(leader);
    expect((await updateLog(mine.id, { note: 'tổ trưởng sửa' })).note).toBe('tổ trưởng sửa');
    await signIn(reviewer);
    const queued = await db.outbox.count();
    await expect(createLog(log())).rejects.toBeInstanceOf(PermissionError);
    // Refused inside the write's own transaction (writeRecordAs): nothing of it stored or queued.
    expect(await db.records('assistanceLogs').count()).toBe(1);
    expect(await db.outbox.count()).toBe(queued);
  });

  it('deletes softly and undoes, each through the outbox', async () => {
    const created = await createLog(log());
    await deleteLog(created.id);
    expect((await listLogs({ period: 'all' })).items).toHaveLength(0);
    expect((await getLog(created.id))?.deleted).toBe(true);
    await restoreLog(created.id);
    expect((await listLogs({ period: 'all' })).items.map((item) => item.id)).toEqual([created.id]);
    const fields = (await outboxFor(created.id)).map((entry) => entry.fields.deleted);
    expect(fields).toEqual([false, true, false]);
  });

  it('filters by kind, outcome, village, author and search, ignoring diacritics', async () => {
    const village = uuidv7();
    const a = await createLog(log({ serviceId: 'vneid-activate-level2', outcome: 'partial', villageId: village, note: 'Cổng dịch vụ công bị lỗi' }));
    const b = await createLog(log({ outcome: 'referred', citizen: { name: 'Nguyễn Văn An', ...consent(member) } }));
    await signIn(otherMember);
    const c = await createLog(log({ outcome: 'failed', barriers: ['no_smartphone'] }));
    const ids = async (filter: LogFilter) => (await listLogs(filter)).items.map((item) => item.id).sort();

    expect(await ids({ period: 'all' })).toEqual([a.id, b.id, c.id].sort());
    expect(await ids({ period: 'all', serviceId: 'vneid-activate-level2' })).toEqual([a.id]);
    expect(await ids({ period: 'all', outcome: 'referred' })).toEqual([b.id]);
    expect(await ids({ period: 'all', villageId: village })).toEqual([a.id]);
    expect(await ids({ period: 'all', mine: true })).toEqual([c.id]);
    expect(await ids({ period: 'all', search: 'nguyen' })).toEqual([b.id]);
    expect(await ids({ period: 'all', search: 'CONG DICH VU' })).toEqual([a.id]);
    // The service's name, Vietnamese or English.
    expect(await ids({ period: 'all', search: 'kích hoạt' })).toEqual([a.id]);
    expect(await ids({ period: 'all', search: 'level-2', outcome: 'partial' })).toEqual([a.id]);
    expect(await ids({ period: 'all', search: 'nguyen', outcome: 'done' })).toEqual([]);

    // Reviewers may not see citizens' details, so they cannot find logs by a citizen's name either.
    await signIn(reviewer);
    expect(await ids({ period: 'all', search: 'nguyen' })).toEqual([]);
    expect((await getLog(b.id))?.citizen).toBeNull();
    // Another commune sees nothing.
    await signIn(stranger);
    expect(await ids({ period: 'all' })).toEqual([]);
    expect(await getLog(a.id)).toBeUndefined();
  });

  it('selects periods in Asia/Ho_Chi_Minh, with the 15th-to-14th reporting period', async () => {
    // 2026-03-14 23:30 in Vietnam is still 16:30 UTC of the 14th; 2026-03-15 00:30 there is the 14th in UTC.
    const now = Date.parse('2026-03-14T17:30:00.000Z'); // 15/03 00:30 in Vietnam
    // The ranges themselves are pinned in src/shared/reports/period.test.ts; here, which logs they select.
    const lateOn14th = await createLog(log({ occurredAt: '2026-03-14T16:30:00.000Z' }));
    const earlyOn15th = await createLog(log({ occurredAt: '2026-03-14T17:10:00.000Z' }));
    const ids = async (period: LogFilter['period']) => (await listLogs({ period }, {}, now)).items.map((item) => item.id);
    expect(await ids('today')).toEqual([earlyOn15th.id]);
    expect(await ids('period')).toEqual([earlyOn15th.id]);
    expect(await ids('month')).toEqual([earlyOn15th.id, lateOn14th.id]);
    expect(await ids('all')).toEqual([earlyOn15th.id, lateOn14th.id]);
  });

  it('pages newest first without gaps or repeats, also across equal times and with a filter', async () => {
    const created: { id: string; occurredAt: string; outcome: string }[] = [];
    for (let i = 0; i < 130; i++) {
      // Groups of three share one occurredAt, to exercise the id tie-break.
      const occurredAt = new Date(Date.parse('2026-01-01T00:00:00Z') + Math.floor(i / 3) * 60_000).toISOString();
      const item = await createLog(log({ occurredAt, outcome: i % 2 ? 'done' : 'partial' }));
      created.push({ id: item.id, occurredAt: item.occurredAt, outcome: item.outcome });
    }
    const expected = [...created].sort((x, y) => (x.occurredAt === y.occurredAt ? (x.id < y.id ? 1 : -1) : x.occurredAt < y.occurredAt ? 1 : -1));
    async function all(filter: LogFilter, limit: number) {
      const seen: string[] = [];
      let after = null;
      for (let pages = 0; pages < 100; pages++) {
        const page = await listLogs(filter, { after, limit });
        seen.push(...page.items.map((item) => item.id));
        if (!page.next) break;
        after = page.next;
      }
      return seen;
    }
    expect(await all({ period: 'all' }, 50)).toEqual(expected.map((e) => e.id));
    expect(await all({ period: 'all', outcome: 'partial' }, 7)).toEqual(expected.filter((e) => e.outcome === 'partial').map((e) => e.id));
    expect(await all({ period: 'all', mine: true, outcome: 'done' }, 10)).toEqual(expected.filter((e) => e.outcome === 'done').map((e) => e.id));
  });

  it('lists follow-ups due today or overdue in Vietnam time, and records their new outcome', async () => {
    // 2026-03-10 17:30 UTC is already 11/03 in Vietnam.
    const now = Date.parse('2026-03-10T17:30:00.000Z');
    // Helped before any of the follow-ups (a follow-up before the help is refused).
    const HELPED = '2026-02-25T02:00:00.000Z';
    const today = await createLog(log({ occurredAt: HELPED, followUpAt: '2026-03-11', outcome: 'failed', barriers: ['portal_down'] }));
    const overdue = await createLog(log({ occurredAt: HELPED, followUpAt: '2026-03-08' }));
    await createLog(log({ occurredAt: HELPED, followUpAt: '2026-03-12' }));
    await createLog(log({ occurredAt: HELPED, followUpAt: '2026-03-01', followUpDone: true }));
    const deleted = await createLog(log({ occurredAt: HELPED, followUpAt: '2026-03-09' }));
    await deleteLog(deleted.id);
    await signIn(otherMember);
    const notMine = await createLog(log({ occurredAt: HELPED, followUpAt: '2026-03-11' }));
    await signIn(member);

    const due = await listFollowUpsDue(now);
    expect(due.map((f) => [f.log.id, f.daysOverdue])).toEqual([[overdue.id, 3], [today.id, 0]]);
    // Home's card and the tab's count read the same follow-ups; the card opens only those it shows.
    expect(await countFollowUpsDue(now)).toBe(2);
    expect(await followUpsDueSummary(now, 1)).toEqual({ count: 2, first: due.slice(0, 1) });
    expect(await listFollowUpsDue(now, { limit: 1 })).toEqual(due.slice(0, 1));
    // A leader follows up everyone's.
    await signIn(leader);
    expect((await listFollowUpsDue(now)).map((f) => f.log.id)).toContain(notMine.id);
    await signIn(member);

    await recordFollowUp(today.id, { outcome: 'done' }, now);
    expect(await getLog(today.id)).toMatchObject({ outcome: 'done', followUpDone: true, followUpAt: '2026-03-11', barriers: ['portal_down'] });
    await recordFollowUp(overdue.id, { outcome: 'partial', nextFollowUpAt: '2026-03-20' }, now);
    expect(await getLog(overdue.id)).toMatchObject({ outcome: 'partial', followUpDone: false, followUpAt: '2026-03-20' });
    expect(await listFollowUpsDue(now)).toEqual([]);
    const last = (await outboxFor(today.id)).at(-1)!;
    expect(last.fields).toMatchObject({ outcome: 'done', followUpDone: true });
  });

  it('offers the user’s recent kinds of help, newest first, without repeats', async () => {
    await createLog(log({ serviceId: 'vneid-install-register', occurredAt: '2026-03-01T01:00:00Z' }));
    await createLog(log({ serviceId: 'vneid-activate-level2', occurredAt: '2026-03-02T01:00:00Z' }));
    await createLog(log({ serviceId: 'vneid-install-register', occurredAt: '2026-03-03T01:00:00Z' }));
    await signIn(otherMember);
    await createLog(log({ serviceId: 'vneid-recover-account', occurredAt: '2026-03-04T01:00:00Z' }));
    await signIn(member);
    expect(await recentServiceCodes()).toEqual(['vneid-install-register', 'vneid-activate-level2']);
  });
});
