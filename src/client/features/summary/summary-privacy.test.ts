// The weekly summary's reads, and its promise: a summary built from logs full of citizen details
// (names, phones, birth years, notes, villages) carries none of them, in the text or on the card.
import i18next from 'i18next';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../data/db';
import { saveSession, type SessionUser } from '../../data/session-repository';
import { prepareReports } from '../../data/reports-repository';
import { loadSummary } from '../../data/summary-repository';
import { PermissionError } from '../../data/errors';
import { uuidv7 } from '../../../shared/sync/ids';
import type { SyncedRecord } from '../../../shared/sync/merge';
import { summaryText } from '../../../shared/reports/summary';
import { buildSummaryDoc, type SummaryT } from './utils/summary-doc';
import viSummary from '../../../../locales/vi/summary.json';
import viReports from '../../../../locales/vi/reports.json';

const COMMUNE = 'ngok-bay';
const member: SessionUser = { id: uuidv7(), username: 'binh', displayName: 'Bình', role: 'member', communeId: COMMUNE };
const leader: SessionUser = { id: uuidv7(), username: 'lan', displayName: 'Tổ trưởng Lan', role: 'leader', communeId: COMMUNE };
const reviewer: SessionUser = { id: uuidv7(), username: 'hoa', displayName: 'Hoa', role: 'reviewer', communeId: COMMUNE };
const signIn = (user: SessionUser) => saveSession({ user, signedInAt: '2026-12-01T00:00:00.000Z' });
const WEEK = { start: '2026-11-30', end: '2026-12-06' };
const NOW = Date.parse('2026-12-03T03:00:00Z');
const VILLAGE = uuidv7();

const CITIZEN_DETAILS = ['Hoàng Thị Mỵ', '0987654321', '1947', 'Đinh Văn Khoa', '0355123456', 'nhà sau trường Pa Cheo', 'hẹn chiều thứ Sáu', 'Thôn Đắk Rơ Wa'];

function row(fields: Record<string, unknown>): SyncedRecord {
  const at = '2026-12-01T00:00:00.000Z';
  return { id: uuidv7(), communeId: COMMUNE, createdBy: member.id, createdAt: at, updatedAt: at, deleted: false, clocks: {}, ...fields };
}
const consent = (by: string) => ({ method: 'spoken', noticeVersion: 'v1', recordedAt: '2026-12-01T02:00:00.000Z', recordedBy: by });

let t: SummaryT;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ lng: 'vi', resources: { vi: { summary: viSummary, reports: viReports } }, ns: ['summary', 'reports'], defaultNS: 'summary', interpolation: { escapeValue: false } });
  t = instance.getFixedT<['summary', 'reports']>('vi', ['summary', 'reports']);
});

describe('summary repository', () => {
  beforeEach(async () => {
    await Promise.all(['assistanceLogs', 'groupSessions', 'checklists', 'checklistItems', 'villages'].map((name) => db.table(name).clear()));
    await signIn(member);
    await prepareReports();
    await db.syncedTable('villages').put(row({ id: VILLAGE, name: 'Thôn Đắk Rơ Wa', kind: 'thon', active: true }));
    await db.syncedTable('assistanceLogs').bulkPut([
      row({ serviceId: 'vneid-activate-level2', outcome: 'done', occurredAt: '2026-12-01T02:00:00.000Z', villageId: VILLAGE, note: 'nhà sau trường Pa Cheo', citizen: { name: 'Hoàng Thị Mỵ', phone: '0987654321', birthYear: 1947, consent: true, consentEvidence: consent(member.id) } }),
      row({ serviceId: 'dvc-submit-online', outcome: 'partial', occurredAt: '2026-12-02T02:00:00.000Z', barriers: ['portal_down'], followUpAt: '2026-12-02', note: 'hẹn chiều thứ Sáu', citizen: { name: 'Đinh Văn Khoa', phone: '0355123456', consent: true, consentEvidence: consent(member.id) } }),
      row({ serviceId: 'vneid-activate-level2', outcome: 'done', occurredAt: '2026-12-02T03:00:00.000Z', createdBy: leader.id }),
      row({ serviceId: 'vneid-activate-level2', outcome: 'done', occurredAt: '2026-11-20T03:00:00.000Z' }),
    ]);
    await db.syncedTable('groupSessions').bulkPut([
      row({ topic: 'Học vụ số', place: 'Nhà văn hóa', occurredAt: '2026-12-02T07:00:00.000Z', participants: 21, women: 11 }),
      row({ topic: 'Học vụ số', place: 'Nhà văn hóa', occurredAt: '2026-12-03T07:00:00.000Z', participants: 9, createdBy: leader.id }),
    ]);
  });

  it("counts a member's own work, and the whole commune's for a leader", async () => {
    const mine = await loadSummary(WEEK, 'mine', NOW);
    expect(mine.scopeName).toBe('Bình');
    expect(mine.summary).toMatchObject({ helped: 2, groupSessions: { sessions: 1, participants: 21 }, followUps: { open: 1, overdue: 1 }, topBarriers: [{ key: 'portal_down', count: 1 }] });
    await signIn(leader);
    const commune = await loadSummary(WEEK, 'commune', NOW);
    expect(commune.summary).toMatchObject({ helped: 3, groupSessions: { sessions: 2, participants: 30 } });
    expect(commune.summary.topServices[0]).toEqual({ key: 'vneid-activate-level2', count: 2 });
  });

  it('lets a member summarize only their own work, a reviewer only the commune', async () => {
    await expect(loadSummary(WEEK, 'commune', NOW)).rejects.toBeInstanceOf(PermissionError);
    await signIn(reviewer);
    await expect(loadSummary(WEEK, 'mine', NOW)).rejects.toBeInstanceOf(PermissionError);
    await expect(loadSummary(WEEK, 'commune', NOW)).resolves.toMatchObject({ summary: { helped: 3 } });
  });

  it('puts no citizen detail, note or village in the summary text or card', async () => {
    for (const [user, scope] of [[member, 'mine'], [leader, 'commune']] as const) {
      await signIn(user);
      const data = await loadSummary(WEEK, scope, NOW);
      const doc = buildSummaryDoc(data, t, 'vi', '2026-12-03');
      const text = summaryText(doc);
      // Everything the card draws is a string of the document.
      const drawn = JSON.stringify(doc);
      expect(text).toContain('Lượt người dân được hỗ trợ');
      expect(text).toContain('Kích hoạt');
      for (const detail of CITIZEN_DETAILS) {
        expect(text).not.toContain(detail);
        expect(drawn).not.toContain(detail);
      }
    }
  });
});
