import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { saveSession, type SessionUser } from './session-repository';
import { createLog } from './assistance-repository';
import { getCommuneName, loadActivity, loadLogsForExport, loadReadiness, prepareReports, saveCommuneInfo } from './reports-repository';
import { PermissionError } from './errors';
import { uuidv7 } from '../../shared/sync/ids';
import type { SyncedRecord } from '../../shared/sync/merge';
import { presetRange } from '../../shared/reports/period';
import { checklistItemRecordId } from '../../shared/checklists/item-id';
import { seedTemplateById } from '../../shared/seed';
import { loadPeriodData } from './period-report-repository';
import { periodResultsOf } from '../../shared/reports/period-results';

const COMMUNE = 'ngok-bay';
const leader: SessionUser = { id: uuidv7(), username: 'lan', displayName: 'Tổ trưởng Lan', role: 'leader', communeId: COMMUNE };
const reviewer: SessionUser = { id: uuidv7(), username: 'hoa', displayName: 'Hoa', role: 'reviewer', communeId: COMMUNE };
const member: SessionUser = { id: uuidv7(), username: 'binh', displayName: 'Bình', role: 'member', communeId: COMMUNE };
const admin: SessionUser = { id: uuidv7(), username: 'so', displayName: 'Sở', role: 'admin', communeId: null, provinceId: 'quang-ngai' };
const signIn = (user: SessionUser) => saveSession({ user, signedInAt: '2026-07-01T00:00:00.000Z' });
const OTHER_AUTHOR = uuidv7();

const JUNE = presetRange('period', '2026-07-01'); // 15/6–14/7/2026
const NOW = Date.parse('2026-07-20T03:00:00Z');

function row(fields: Record<string, unknown>): SyncedRecord {
  const now = '2026-06-20T00:00:00.000Z';
  return { id: uuidv7(), communeId: COMMUNE, createdBy: OTHER_AUTHOR, createdAt: now, updatedAt: now, deleted: false, clocks: {}, ...fields };
}
const logRow = (occurredAt: string, extra: Record<string, unknown> = {}) => row({ serviceId: 'dvc-submit-online', outcome: 'done', occurredAt, ...extra });

describe('reports repository', () => {
  beforeEach(async () => {
    await Promise.all(['assistanceLogs', 'groupSessions', 'checklists', 'checklistItems', 'villages'].map((t) => db.table(t).clear()));
    await db.outbox.clear();
    await signIn(leader);
    await prepareReports();
  });

  it('reads the period by Vietnam days: 2026-07-14T17:30Z is in the next period; deleted and other communes left out', async () => {
    await db.syncedTable('assistanceLogs').bulkPut([
      logRow('2026-06-14T17:00:00.000Z'), // 00:00 on 15/6: first minute of the period
      logRow('2026-07-14T16:59:59.000Z'), // 23:59:59 on 14/7: last second
      logRow('2026-07-14T17:30:00.000Z'), // 00:30 on 15/7: next period
      logRow('2026-06-20T02:00:00.000Z', { deleted: true }),
      logRow('2026-06-20T02:00:00.000Z', { communeId: 'another-commune' }),
    ]);
    await db.syncedTable('groupSessions').bulkPut([
      row({ topic: 'Học vụ số', place: 'Nhà văn hóa', occurredAt: '2026-06-20T02:00:00.000Z', participants: 30, women: 12 }),
      row({ topic: 'Học vụ số', place: 'Nhà văn hóa', occurredAt: '2026-06-21T02:00:00.000Z', participants: 99, deleted: true }),
    ]);
    await createLog({ serviceId: 'vneid-install-register', outcome: 'partial', occurredAt: '2026-06-25T03:00:00.000Z', barriers: ['portal_down'], followUpAt: '2026-07-01' }, NOW);

    const { report, names } = await loadActivity(JUNE, NOW);
    expect(report.logs).toBe(3);
    expect(report.outcomes).toEqual({ done: 2, partial: 1, referred: 0, failed: 0 });
    expect(report.byGroup.filter((g) => g.count > 0)).toEqual([{ key: 'vneid', count: 1 }, { key: 'public-service', count: 2 }]);
    expect(report.barriers).toEqual([{ key: 'portal_down', count: 1 }]);
    expect(report.followUps).toEqual({ open: 1, overdue: 1 });
    expect(report.groupSessions).toMatchObject({ sessions: 1, participants: 30, women: 12 });
    expect(report.byMember).toEqual([{ key: OTHER_AUTHOR, count: 2 }, { key: leader.id, count: 1 }]);
    expect(names.members.get(leader.id)).toBe('Tổ trưởng Lan');
    expect(names.members.has(OTHER_AUTHOR)).toBe(false);
    expect(names.services.get('vneid-install-register')?.group).toBe('vneid');

    const july = await loadActivity(presetRange('period', '2026-07-15'), NOW);
    expect(july.report.logs).toBe(1);
  });

  it('gives citizens details to the export only for roles that may see them', async () => {
    const citizen = { name: 'Y Bơ', phone: '0912345678', consent: true, consentEvidence: { method: 'spoken', noticeVersion: 'v1', recordedAt: '2026-06-20T02:00:00.000Z', recordedBy: OTHER_AUTHOR } };
    await db.syncedTable('assistanceLogs').bulkPut([logRow('2026-06-20T02:00:00.000Z', { citizen, note: 'hẹn lại' })]);
    const asLeader = await loadLogsForExport(JUNE);
    expect(asLeader.logs[0]).toMatchObject({ note: 'hẹn lại', citizen: { name: 'Y Bơ' } });
    await signIn(reviewer);
    const asReviewer = await loadLogsForExport(JUNE);
    expect(asReviewer.logs[0]).toMatchObject({ note: 'hẹn lại', citizen: null });
    expect(JSON.stringify(asReviewer)).not.toContain('0912345678');
  });

  it('refuses members and accounts without a commune', async () => {
    await signIn(member);
    await expect(loadActivity(JUNE, NOW)).rejects.toBeInstanceOf(PermissionError);
    await expect(loadLogsForExport(JUNE)).rejects.toBeInstanceOf(PermissionError);
    await signIn(admin);
    await expect(loadReadiness(NOW)).rejects.toBeInstanceOf(PermissionError);
  });

  it('computes readiness from the stored checklists with the seeded template, not-applicable items excluded', async () => {
    const template = seedTemplateById('qng-2025-commune-shared-systems-readiness')!;
    const checklist = row({ templateId: template.templateId, templateVersion: template.version, title: 'Sẵn sàng hệ thống', scope: 'commune', createdAt: '2026-07-01T01:00:00.000Z', updatedAt: '2026-07-01T01:00:00.000Z' });
    const [first, second, third] = template.items;
    const state = (itemId: string, status: string) =>
      row({ id: checklistItemRecordId(checklist.id, itemId), checklistId: checklist.id, itemId, status, updatedAt: '2026-07-02T01:00:00.000Z' });
    await db.syncedTable('checklists').bulkPut([checklist, row({ ...checklist, id: uuidv7(), deleted: true })]);
    await db.syncedTable('checklistItems').bulkPut([state(first!.id, 'done'), state(second!.id, 'na'), state(third!.id, 'blocked')]);
    const report = await loadReadiness(NOW);
    expect(report.active).toHaveLength(1);
    expect(report.active[0]!.progress).toMatchObject({ total: template.items.length, applicable: template.items.length - 1, done: 1, blocked: 1 });
    expect(report.active[0]!.lastChangedAt).toBe('2026-07-02T01:00:00.000Z');
  });

  it("builds the period report's data: the period's figures, the readiness and the blocked items of open checklists only", async () => {
    const template = seedTemplateById('qng-2025-commune-shared-systems-readiness')!;
    const [first, second, third] = template.items;
    const open = row({ templateId: template.templateId, templateVersion: template.version, title: 'Sẵn sàng hệ thống', scope: 'commune' });
    const archived = row({ ...open, id: uuidv7(), archived: true });
    const deleted = row({ ...open, id: uuidv7(), deleted: true });
    const elsewhere = row({ ...open, id: uuidv7(), communeId: 'another-commune' });
    const state = (checklist: SyncedRecord, itemId: string, status: string, extra: Record<string, unknown> = {}) =>
      row({ id: checklistItemRecordId(checklist.id, itemId), checklistId: checklist.id, communeId: checklist['communeId'], itemId, status, ...extra });
    await db.syncedTable('checklists').bulkPut([open, archived, deleted, elsewhere]);
    await db.syncedTable('checklistItems').bulkPut([
      state(open, first!.id, 'blocked', { blockedReason: 'Chưa có máy tính' }),
      state(open, second!.id, 'done'),
      state(open, third!.id, 'blocked', { deleted: true }),
      state(archived, first!.id, 'blocked'),
      state(deleted, first!.id, 'blocked'),
      state(elsewhere, first!.id, 'blocked'),
    ]);
    await db.syncedTable('assistanceLogs').bulkPut([logRow('2026-06-20T02:00:00.000Z'), logRow('2026-07-14T17:30:00.000Z'), logRow('2026-06-21T02:00:00.000Z', { communeId: 'another-commune' })]);
    const data = await loadPeriodData(JUNE, 'vi', NOW);
    expect(data.results.logs).toBe(1);
    expect(data.blocked).toEqual([{ checklistId: open.id, itemId: first!.id, title: first!.title.vi, reason: 'Chưa có máy tính' }]);
    expect(data.results).toEqual(periodResultsOf((await loadActivity(JUNE, NOW)).report, await loadReadiness(NOW)));
    await signIn(member);
    await expect(loadPeriodData(JUNE, 'vi', NOW)).rejects.toBeInstanceOf(PermissionError);
  });

  it('names the commune as the server last did, else from the shipped list', async () => {
    expect(await getCommuneName('unknown-commune')).toBeNull();
    expect(await getCommuneName('ngok-bay')).toBe('Ngọk Bay');
    await saveCommuneInfo({ id: 'demo-xa', name: 'Xã Ngọk Bay (demo)', provinceId: 'quang-ngai' });
    expect(await getCommuneName('demo-xa')).toBe('Xã Ngọk Bay (demo)');
    expect(await getCommuneName('unknown-commune')).toBeNull();
  });
});
