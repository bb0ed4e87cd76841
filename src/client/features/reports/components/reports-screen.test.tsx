import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
// The server's check of an export with citizen columns is proven on the real server
// (test/server/audit.test.ts, test/e2e/audit-log.test.ts); here it answers like the server.
const audit = vi.hoisted(() => ({ logCitizenExport: vi.fn<(details: unknown) => Promise<void>>() }));
vi.mock('../../../sync/audit-api', async (original) => ({ ...(await original<object>()), logCitizenExport: audit.logCitizenExport }));
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../../../test/helpers/render-app';
import { NetworkError } from '../../../sync/errors';
import { parseCsv } from '../../../../../test/helpers/csv-parse';
import { db } from '../../../data/db';
import { clearSession, saveSession, type SessionUser } from '../../../data/session-repository';
import type { SyncedRecord } from '../../../../shared/sync/merge';
import { presetRange, instantBounds } from '../../../../shared/reports/period';
import { todayLocal } from '../../../../shared/text/dates';
import { communeProfileId } from '../../../../shared/schemas/commune-profile';
import { teamMemberRow } from '../../../../../test/helpers/sync-fixtures';

const COMMUNE = 'ngok-bay';
const leader: SessionUser = { id: '0197c1a2-0000-7000-8000-000000000002', username: 'lan', displayName: 'Tổ trưởng Lan', role: 'leader', communeId: COMMUNE };
const reviewer: SessionUser = { id: '0197c1a2-0000-7000-8000-000000000003', username: 'hoa', displayName: 'Hoa', role: 'reviewer', communeId: COMMUNE };
const member: SessionUser = { id: '0197c1a2-0000-7000-8000-000000000001', username: 'binh', displayName: 'Bình', role: 'member', communeId: COMMUNE };
const OTHER = '0197c1a2-0000-7000-8000-0000000000ff';
const VILLAGE = '0197c1a2-0000-7000-8000-0000000000c1';
const XSS = '<img src=x onerror=alert(1)>';
const SLOW = { timeout: 15_000 };
/** The suite's clock (only Date is faked; timers run): the current period cannot change mid-test. */
const NOW = Date.parse('2026-03-02T02:00:00.000Z');
const signIn = (user: SessionUser) => saveSession({ user, signedInAt: '2026-07-01T01:00:00.000Z' });

let id = 0;
function row(fields: Record<string, unknown>): SyncedRecord {
  id += 1;
  const at = new Date(NOW).toISOString();
  return { id: `0197c1a2-0000-7000-8000-${String(id).padStart(12, '0')}`, communeId: COMMUNE, createdBy: OTHER, createdAt: at, updatedAt: at, deleted: false, clocks: {}, ...fields };
}

/** Logs in the reporting period of the suite's fixed clock. */
async function seed(): Promise<void> {
  const period = presetRange('period', todayLocal(NOW));
  const start = Date.parse(instantBounds(period).from);
  const at = (hours: number) => new Date(start + hours * 3_600_000).toISOString();
  const citizen = { name: 'Y Bơ', phone: '0912345678', birthYear: 1958, consent: true, consentEvidence: { method: 'spoken', noticeVersion: 'v1', recordedAt: at(2), recordedBy: leader.id } };
  await db.syncedTable('villages').bulkPut([row({ id: VILLAGE, name: XSS, kind: 'thon', active: true })]);
  await db.syncedTable('assistanceLogs').bulkPut([
    row({ serviceId: 'vneid-install-register', outcome: 'done', occurredAt: at(2), villageId: VILLAGE, createdBy: leader.id, citizen, note: `=1+1, "quoted"\n${XSS}` }),
    row({ serviceId: 'vneid-activate-level2', outcome: 'partial', occurredAt: at(3), barriers: ['portal_down'] }),
    row({ serviceId: 'dvc-submit-online', outcome: 'failed', occurredAt: at(4), barriers: ['portal_down', 'no_smartphone'] }),
    row({ serviceId: 'dvc-submit-online', outcome: 'done', occurredAt: at(5), deleted: true }),
  ]);
  await db.syncedTable('groupSessions').bulkPut([row({ topic: 'Học vụ số', place: 'Nhà văn hóa', occurredAt: at(6), participants: 25, women: 11, elderly: 6, ethnicMinority: 9 })]);
}

/** The Blob's bytes as UTF-8, the byte-order mark kept (jsdom's Blob has no text()). */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const bytes = new Uint8Array(reader.result as ArrayBuffer);
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      resolve(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(blob);
  });
}

const figure = (name: string) => document.querySelector(`[data-figure="${name}"] dd`)?.textContent;

describe('reports screens', () => {
  let blobs: Blob[] = [];
  beforeAll(() => configure({ asyncUtilTimeout: 5000 }));
  beforeEach(async () => {
    await Promise.all([db.outbox.clear(), db.settings.clear(), clearSession(), ...['assistanceLogs', 'groupSessions', 'villages', 'checklists', 'checklistItems', 'teamMembers', 'communeProfiles'].map((t) => db.table(t).clear())]);
    blobs = [];
    // jsdom has no Blob URLs: capture what the page would download.
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:test';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('tells a member that reports are for leaders', { timeout: 30_000 }, async () => {
    await signIn(member);
    await renderApp('/reports');
    expect(await screen.findByText(/Báo cáo dành cho tổ trưởng/, undefined, SLOW)).toBeTruthy();
  });

  it('shows a reviewer the figures of the period, and exports a CSV without personal data', { timeout: 60_000 }, async () => {
    await seed();
    await signIn(reviewer);
    await renderApp('/reports');
    await screen.findByTestId('activity-report', undefined, SLOW);
    await waitFor(() => expect(figure('citizens')).toBe('3'));
    expect(figure('sessions')).toBe('1');
    expect(figure('participants')).toBe('25');
    expect(document.querySelector('[data-figure="group-ethnicMinority"]')?.textContent).toBe('9');
    // The village named like markup is text, never an element.
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getAllByText(XSS).length).toBeGreaterThan(0);
    // Every chart has a text alternative.
    for (const svg of document.querySelectorAll('svg[role="img"]')) expect(svg.getAttribute('aria-label')).toMatch(/\d/);

    expect(screen.queryByRole('checkbox', { name: /Kèm thông tin cá nhân/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Tải tệp CSV' }));
    await screen.findByText('Đã tạo tệp với 3 lượt hỗ trợ.');
    const csv = await blobText(blobs[0]!);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain('Ghi chú');
    expect(rows[0]).not.toContain('Họ tên người dân');
    for (const secret of ['Y Bơ', '0912345678', '0912 345 678', '1958']) expect(csv).not.toContain(secret);
    expect(rows.flat()).toContain(`'=1+1, "quoted"\n${XSS}`);
  });

  it('asks a leader to confirm before putting citizens details in the file', { timeout: 60_000 }, async () => {
    await seed();
    await signIn(leader);
    await renderApp('/reports');
    await screen.findByTestId('activity-report', undefined, SLOW);
    await userEvent.click(screen.getByRole('checkbox', { name: /Kèm thông tin cá nhân/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Tải tệp CSV' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Xuất kèm thông tin cá nhân?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Hủy' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(blobs).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Tải tệp CSV' }));
    const confirm = await screen.findByRole('alertdialog');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Tôi hiểu, xuất kèm thông tin' }));
    await within(confirm).findByText('Hãy ghi lý do (ít nhất 3 ký tự).');
    expect(audit.logCitizenExport).not.toHaveBeenCalled();
    // Offline: the server cannot check the export, so no file.
    audit.logCitizenExport.mockRejectedValueOnce(new NetworkError('offline'));
    await userEvent.type(within(confirm).getByLabelText('Lý do xuất thông tin cá nhân'), 'Gọi lại');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Tôi hiểu, xuất kèm thông tin' }));
    await screen.findByText(/Cần kết nối mạng để xuất kèm thông tin cá nhân/);
    expect(blobs).toHaveLength(0);

    audit.logCitizenExport.mockResolvedValueOnce(undefined);
    await userEvent.click(screen.getByRole('button', { name: 'Tải tệp CSV' }));
    // The reason typed before is kept for the retry.
    expect(within(await screen.findByRole('alertdialog')).getByLabelText('Lý do xuất thông tin cá nhân')).toHaveProperty('value', 'Gọi lại');
    await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Tôi hiểu, xuất kèm thông tin' }));
    await screen.findByText('Đã tạo tệp với 3 lượt hỗ trợ.');
    expect(audit.logCitizenExport.mock.lastCall?.[0]).toMatchObject({ reason: 'Gọi lại', rows: 3 });
    const rows = parseCsv((await blobText(blobs[0]!)).slice(1));
    expect(rows[0]).toContain('Họ tên người dân');
    const withCitizen = rows.find((r) => r.includes('Y Bơ'));
    // Grouped as the app shows it, so Excel keeps the leading 0 (log-export.ts).
    expect(withCitizen).toContain('0912 345 678');
    expect(withCitizen).toContain('Tổ trưởng Lan');
  });

  it('changes the period and refuses an end before the start', { timeout: 60_000 }, async () => {
    await seed();
    await signIn(reviewer);
    await renderApp('/reports?p=custom&from=2020-01-01&to=2020-01-31');
    expect(await screen.findByText('Từ 01/01/2020 đến 31/01/2020', undefined, SLOW)).toBeTruthy();
    await waitFor(() => expect(figure('citizens')).toBe('0'));
    await userEvent.click(screen.getByRole('radio', { name: 'Kỳ báo cáo (từ ngày 15 tháng trước đến ngày 14)' }));
    await waitFor(() => expect(figure('citizens')).toBe('3'));
    await userEvent.click(screen.getByRole('radio', { name: 'Tự chọn' }));
    const to = screen.getByLabelText('Đến ngày');
    await userEvent.clear(to);
    await userEvent.type(to, '01/01/2000');
    expect(await screen.findByText('Ngày kết thúc phải sau ngày bắt đầu.')).toBeTruthy();
  });

  it('prints the commune, the period, the figures and the signature lines, with markup left inert', { timeout: 60_000 }, async () => {
    await seed();
    await db.syncedTable('checklists').bulkPut([row({ templateId: 'qng-2025-commune-shared-systems-readiness', templateVersion: 1, title: XSS, scope: 'commune' })]);
    await signIn(leader);
    await renderApp('/reports/print?p=period');
    await waitFor(() => expect(screen.getByTestId('print-report').dataset.ready).toBe('true'), SLOW);
    expect(screen.getByTestId('print-commune').textContent).toBe('Đơn vị: Ngọk Bay');
    expect(figure('citizens')).toBe('3');
    expect(screen.getByText('Người lập báo cáo')).toBeTruthy();
    expect(screen.getByText('Lãnh đạo xã ký tên')).toBeTruthy();
    expect(screen.getAllByText(XSS).length).toBeGreaterThan(1);
    expect(document.querySelector('img')).toBeNull();
    // Tables are shown, not folded, on paper.
    expect(document.querySelector('.rp-print details')).toBeNull();
  });

  it('names people from the roster, never by id: "Theo thành viên tổ", the CSV\'s "Người hỗ trợ" and the printed report (issue 17 item 8)', { timeout: 60_000 }, async () => {
    await seed();
    // OTHER left the team (inactive): old logs keep their name.
    await db.syncedTable('teamMembers').bulkPut([teamMemberRow(OTHER, 'Y Blông Niê', { active: false }), teamMemberRow(leader.id, 'Nguyễn Thị Lan', { role: 'leader' })]);
    await db.syncedTable('communeProfiles').bulkPut([
      { ...row({ name: 'Xã Đăk Rơ Wa', provinceId: 'quang-ngai', active: true }), id: communeProfileId(COMMUNE) },
    ]);
    await signIn(leader);
    await renderApp('/reports');
    const members = await screen.findByRole('heading', { name: 'Theo thành viên tổ' }, SLOW);
    const section = members.closest('section')!;
    await waitFor(() => expect(within(section).getAllByText(/Y Blông Niê/).length).toBeGreaterThan(0));
    expect(within(section).getAllByText(/Nguyễn Thị Lan/).length).toBeGreaterThan(0);
    expect(section.textContent).not.toMatch(/…[0-9a-f]{6}|0197c1a2/);

    await userEvent.click(screen.getByRole('button', { name: 'Tải tệp CSV' }));
    await screen.findByText('Đã tạo tệp với 3 lượt hỗ trợ.');
    const rows = parseCsv((await blobText(blobs[0]!)).slice(1));
    const column = rows[0]!.indexOf('Người hỗ trợ');
    expect(column).toBeGreaterThanOrEqual(0);
    expect(rows.slice(1).map((r) => r[column]).sort()).toEqual(['Nguyễn Thị Lan', 'Y Blông Niê', 'Y Blông Niê']);

    await renderApp('/reports/print?p=period');
    await waitFor(() => expect(screen.getByTestId('print-report').dataset.ready).toBe('true'), SLOW);
    expect(screen.getByTestId('print-commune').textContent).toBe('Đơn vị: Xã Đăk Rơ Wa');
    const printed = screen.getByTestId('print-report').textContent ?? '';
    expect(printed).toContain('Y Blông Niê');
    expect(printed).not.toMatch(/…[0-9a-f]{6}|0197c1a2/);
  });

  it('leaves the commune blank to fill on the printed report when nothing names it, never its id', { timeout: 60_000 }, async () => {
    await signIn({ ...leader, communeId: 'xa-chua-co-ten' });
    await renderApp('/reports/print?p=period');
    await waitFor(() => expect(screen.getByTestId('print-report').dataset.ready).toBe('true'), SLOW);
    expect(screen.getByTestId('print-commune').textContent).toBe('Đơn vị: Xã ……');
    expect(screen.getByTestId('print-report').textContent).not.toContain('xa-chua-co-ten');
  });
});
