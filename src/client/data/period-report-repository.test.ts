import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { saveSession, type SessionUser } from './session-repository';
import { PermissionError, ValidationError } from './errors';
import { listSubmissions, openPeriodDraft, periodDraftId, submitReport, updatePeriodReport, getPeriodReport } from './period-report-repository';
import { reportSubmissionRecordSchema } from '../../shared/schemas/period-report';
import { itemsOf, itemsPatch } from '../../shared/reports/report-items';
import { periodResults } from '../../../test/helpers/report-facts';
import { uuidv7 } from '../../shared/sync/ids';

const leader: SessionUser = { id: uuidv7(), username: 'minh', displayName: 'Minh', role: 'leader', communeId: 'ngok-bay' };
const otherLeader: SessionUser = { id: uuidv7(), username: 'hoa', displayName: 'Hoa', role: 'leader', communeId: 'ngok-bay' };
const member: SessionUser = { id: uuidv7(), username: 'lan', displayName: 'Lan', role: 'member', communeId: 'ngok-bay' };
const signIn = (user: SessionUser) => saveSession({ user, signedInAt: '2026-03-01T00:00:00.000Z' });
const PERIOD = { start: '2026-06-15', end: '2026-07-14' };
const NOW = Date.parse('2026-07-20T03:00:00.000Z');
const defaults = { summary: 'Kết quả kỳ 15/6–14/7', recipients: 'Sở KH&CN' };

const results = periodResults({ logs: 2, 'outcomes.done': 1, 'outcomes.partial': 1, 'byGroup.vneid': 2, 'helped.unrecorded': 2, 'barriers.portal_down': 1 });

describe('period report repository', () => {
  beforeEach(async () => {
    await Promise.all([db.outbox.clear(), db.records('periodReports').clear(), db.records('reportSubmissions').clear()]);
    await signIn(leader);
  });

  it('gives every leader of a commune the same draft id for a period, another for another commune or period', async () => {
    const a = await periodDraftId('ngok-bay', 'period', PERIOD);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await periodDraftId('ngok-bay', 'period', PERIOD)).toBe(a);
    expect(await periodDraftId('dak-ro-wa', 'period', PERIOD)).not.toBe(a);
    expect(await periodDraftId('ngok-bay', 'period', { start: '2026-07-15', end: '2026-08-14' })).not.toBe(a);
  });

  it('[I7] opens a draft once, with its outbox entry, and saves only the changed field', async () => {
    const id = await openPeriodDraft(PERIOD, defaults, NOW);
    expect(await openPeriodDraft(PERIOD, defaults, NOW)).toBe(id);
    expect(await db.outbox.count()).toBe(1);
    await updatePeriodReport(id, { difficulties: 'Cổng dịch vụ công chậm' }, NOW);
    const entries = await db.outbox.toArray();
    expect(entries.map((e) => Object.keys(e.fields).filter((k) => k !== 'updatedAt'))).toEqual([expect.arrayContaining(['kind', 'periodStart', 'periodEnd']), ['difficulties']]);
    expect((await getPeriodReport(id))?.difficulties).toBe('Cổng dịch vụ công chậm');
  });

  it('refuses bad input and members, changing nothing', async () => {
    const id = await openPeriodDraft(PERIOD, defaults, NOW);
    await expect(updatePeriodReport(id, { nextPlan: 'x'.repeat(8001) }, NOW)).rejects.toMatchObject({ fieldErrors: { nextPlan: 'validation.tooLong' } });
    await expect(updatePeriodReport(id, itemsPatch('difficulties', [{ text: 'x'.repeat(1001), barrier: null }]), NOW)).rejects.toBeInstanceOf(ValidationError);
    await expect(updatePeriodReport(id, itemsPatch('proposals', Array.from({ length: 31 }, (_, i) => ({ text: `Ý ${i}`, barrier: null }))), NOW)).rejects.toBeInstanceOf(ValidationError);
    await expect(submitReport(id, { documentNumber: '14 BC', documentDate: '2026-07-18', results }, NOW)).rejects.toMatchObject({ fieldErrors: { documentNumber: 'validation.documentNumber' } });
    await expect(submitReport(id, { documentNumber: '14/BC-UBND', documentDate: '2026-07-21', results }, NOW)).rejects.toMatchObject({ fieldErrors: { documentDate: 'validation.localDate' } });
    await signIn(member);
    await expect(updatePeriodReport(id, { difficulties: 'a' }, NOW)).rejects.toBeInstanceOf(PermissionError);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.records('reportSubmissions').count()).toBe(0);
  });

  it('keeps every submission: a correction is the next version and supersedes the old one', async () => {
    const id = await openPeriodDraft(PERIOD, defaults, NOW);
    await updatePeriodReport(id, { difficulties: 'Mạng yếu' }, NOW);
    const first = await submitReport(id, { documentNumber: '14/BC-UBND', documentDate: '2026-07-18', results }, NOW);
    await signIn(otherLeader);
    await updatePeriodReport(id, { difficulties: 'Mạng yếu ở thôn 3' }, NOW + 1000);
    const second = await submitReport(id, { documentNumber: '15/BC-UBND', documentDate: '2026-07-19', results }, NOW + 2000);
    expect(second).toMatchObject({ version: 2, supersedes: first.id, submittedBy: otherLeader.id, difficulties: 'Mạng yếu ở thôn 3' });
    const list = await listSubmissions(id);
    expect(list.map((s) => [s.version, s.documentNumber, s.difficulties])).toEqual([
      [2, '15/BC-UBND', 'Mạng yếu ở thôn 3'],
      [1, '14/BC-UBND', 'Mạng yếu'],
    ]);
    // Items tagged by barrier travel with the submission beside their text; the old text alone reads as one untagged item.
    expect(itemsOf(first, 'difficulties')).toEqual([{ text: 'Mạng yếu', barrier: null }]);
    await updatePeriodReport(id, itemsPatch('difficulties', [{ text: 'Mạng yếu ở thôn 3', barrier: 'weak_network' }, { text: 'Thiếu máy in', barrier: null }]), NOW + 3000);
    const third = await submitReport(id, { documentNumber: '16/BC-UBND', documentDate: '2026-07-19', results }, NOW + 4000);
    expect(third).toMatchObject({ difficulties: 'Mạng yếu ở thôn 3\nThiếu máy in', difficultyItems: [{ text: 'Mạng yếu ở thôn 3', barrier: 'weak_network' }, { text: 'Thiếu máy in', barrier: null }] });
    expect(itemsOf(third, 'difficulties')).toHaveLength(2);
    for (const row of list) {
      const { clocks: _clocks, ...record } = row as typeof row & { clocks?: unknown };
      expect(reportSubmissionRecordSchema.safeParse(record).error?.issues).toBeUndefined();
    }
  });
});
