// Reports (issue #6) in a real Chromium against the real server: data pushed through the sync API
// by the demo leader's account, pulled by the phone after signing in on /sign-in; the dashboard's
// figures, the CSV (parsed back), the printable report offline and as a PDF (text read back from
// the PDF's own streams), and the province view computed on the server for the demo admin.
// axe-core at 360×740 on every report screen.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchPhone, waitForServiceWorkerControl, type Phone } from './support/browser';
import { startAppServer, type RunningServer } from './support/server';
import { axeViolations } from './support/axe';
import { signIn, unlock } from './support/sign-in';
import { pdfText } from './reports-pdf';
import { parseCsv } from '../helpers/csv-parse';
import { formatHlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/sync/protocol';
import { checklistItemRecordId } from '../../src/shared/checklists/item-id';
import { seedTemplateById } from '../../src/shared/seed';
import { presetRange } from '../../src/shared/reports/period';
import { addDays, startOfLocalDate, todayLocal } from '../../src/shared/text/dates';

const DEMO_PASSWORD = 'reports-e2e-password';
const COMMUNE_NAME = 'Xã Ngọk Bay (demo)';
const XSS = '<img src=x onerror=alert(1)>';
const TEMPLATE = seedTemplateById('qng-2025-commune-shared-systems-readiness')!;

let hlcCounter = 0;
const hlc = () => formatHlc({ millis: Date.now(), counter: ++hlcCounter, node: 'e2e0000000000001' });

async function api<T>(server: RunningServer, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The demo commune's activity this reporting period, pushed as the demo leader's phone would. */
async function seedThroughPushApi(server: RunningServer): Promise<void> {
  const login = await api<{ accessToken: string; user: { id: string; communeId: string } }>(server, '/api/auth/login', { username: 'demo-leader', password: DEMO_PASSWORD });
  const { accessToken, user } = login;
  const now = Date.now();
  const today = todayLocal(now);
  // Today's instants, a minute apart, never in the future and never before today's midnight in Vietnam.
  const base = Math.max(startOfLocalDate(today).getTime() + 60_000, now - 30 * 60_000);
  const at = (i: number) => new Date(base + i * 1000).toISOString();
  const previousPeriod = new Date(startOfLocalDate(addDays(presetRange('period', today).start, -1)).getTime() + 3 * 3_600_000).toISOString();
  const meta = () => ({ communeId: user.communeId, createdBy: user.id, createdAt: new Date(now).toISOString(), deleted: false });
  const village = uuidv7();
  const deleted = uuidv7();
  const checklist = uuidv7();
  const citizen = { name: 'Y Bơ Niê', phone: '0912345678', birthYear: 1958, consent: true, consentEvidence: { method: 'spoken', noticeVersion: 'v1', recordedAt: at(0), recordedBy: user.id } };
  const log = (i: number, fields: Record<string, unknown>) => ({ id: uuidv7(), table: 'assistanceLogs', recordId: uuidv7(), hlc: hlc(), fields: { ...meta(), serviceId: 'vneid-install-register', outcome: 'done', occurredAt: at(i), ...fields } });
  const [first, second, third] = TEMPLATE.items;
  const item = (itemId: string, status: string) => ({ id: uuidv7(), table: 'checklistItems', recordId: checklistItemRecordId(checklist, itemId), hlc: hlc(), fields: { ...meta(), checklistId: checklist, itemId, status } });
  const mutations = [
    { id: uuidv7(), table: 'villages', recordId: village, hlc: hlc(), fields: { ...meta(), name: XSS, kind: 'thon', active: true } },
    log(1, { villageId: village, citizen, note: `=HYPERLINK("http://x"), "hẹn lại"\n${XSS}`, durationMin: 20 }),
    log(2, { outcome: 'partial', serviceId: 'vneid-activate-level2', barriers: ['portal_down'], followUpAt: today }),
    log(3, { outcome: 'referred', serviceId: 'dvc-submit-online', barriers: ['no_smartphone', 'portal_down'] }),
    log(4, { outcome: 'failed', serviceId: 'bank-account-open', barriers: ['no_bank_account'] }),
    log(5, { outcome: 'done', serviceId: 'dvc-submit-online' }),
    { ...log(6, { outcome: 'done' }), recordId: deleted },
    log(7, { occurredAt: previousPeriod }),
    { id: uuidv7(), table: 'groupSessions', recordId: uuidv7(), hlc: hlc(), fields: { ...meta(), topic: 'Bình dân học vụ số', place: 'Nhà văn hóa', occurredAt: at(8), participants: 18, women: 9, elderly: 4, ethnicMinority: 7 } },
    { id: uuidv7(), table: 'checklists', recordId: checklist, hlc: hlc(), fields: { ...meta(), templateId: TEMPLATE.templateId, templateVersion: TEMPLATE.version, title: 'Sẵn sàng hệ thống dùng chung', scope: 'commune' } },
    item(first!.id, 'done'),
    item(second!.id, 'na'),
    item(third!.id, 'blocked'),
  ];
  const pushed = await api<{ acked: string[]; rejected: unknown[] }>(server, '/api/sync/push', { clientId: 'e2e-seed', schemaVersion: CURRENT_SCHEMA_VERSION, mutations }, accessToken);
  expect(pushed.rejected).toEqual([]);
  const undo = await api<{ rejected: unknown[] }>(server, '/api/sync/push', { clientId: 'e2e-seed', schemaVersion: CURRENT_SCHEMA_VERSION, mutations: [{ id: uuidv7(), table: 'assistanceLogs', recordId: deleted, hlc: hlc(), fields: { deleted: true } }] }, accessToken);
  expect(undo.rejected).toEqual([]);
}

const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"] dd`).first();

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const bytes = readFileSync(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
}

describe('reports in Chromium', () => {
  let server: RunningServer;
  let phone: Phone;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startAppServer({ DEMO_PASSWORD });
    await seedThroughPushApi(server);
    phone = await launchPhone();
    phone.page.on('pageerror', (error) => pageErrors.push(error.message));
    // An alert() would mean the markup in a village name or a note ran.
    phone.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it('shows the leader the figures of the reporting period after the first sync', async () => {
    const { page } = phone;
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await signIn(page, server.url, 'demo-leader', DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo' }).waitFor();
    await page.getByTestId('activity-report').waitFor();
    // The pull may land after the first render: the live query then recomputes.
    await expect.poll(() => figure(page, 'citizens').textContent(), { timeout: 30_000 }).toBe('5');
    expect(await figure(page, 'follow-ups').textContent()).toMatch(/^1/);
    expect(await figure(page, 'sessions').textContent()).toBe('1');
    expect(await figure(page, 'participants').textContent()).toBe('18');
    expect(await page.locator('[data-figure="group-ethnicMinority"]').textContent()).toBe('7');
    expect(await page.getByRole('img', { name: /^Kết quả hỗ trợ:/ }).getAttribute('aria-label')).toBe('Kết quả hỗ trợ: Đã xong 2; Xong một phần 1; Chuyển Bộ phận Một cửa 1; Chưa làm được 1');
    expect(await page.getByRole('img', { name: /^Khó khăn thường gặp:/ }).getAttribute('aria-label')).toMatch(/^Khó khăn thường gặp: Cổng Dịch vụ công quốc gia bị lỗi 2;/);
    expect(await page.getByText(XSS).count()).toBeGreaterThan(0);
    expect(await page.locator('main img').count()).toBe(0);
    expect({ screen: 'dashboard', violations: await axeViolations(page) }).toEqual({ screen: 'dashboard', violations: [] });
  });

  it('lays the charts out within 360 px', async () => {
    const { page } = phone;
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const widths = await page.locator('svg.rp-bars, svg.rp-trend').evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect().width));
    expect(widths.length).toBeGreaterThan(5);
    for (const width of widths) expect(width).toBeLessThanOrEqual(360);
  });

  it('exports a CSV without personal data, then with it after the confirmation', async () => {
    const { page } = phone;
    const plain = parseCsv(await download(page, () => page.getByRole('button', { name: 'Tải tệp CSV', exact: true }).click()));
    expect(plain).toHaveLength(6);
    expect(plain[0]).toEqual(['Ngày', 'Giờ', 'Loại hỗ trợ', 'Nhóm dịch vụ', 'Kết quả', 'Khó khăn', 'Thôn, tổ dân phố', 'Người hỗ trợ', 'Thời gian (phút)', 'Làm trên máy của tổ', 'Hẹn hỗ trợ lại', 'Đã hỗ trợ lại', 'Ghi chú']);
    expect(plain.flat().join('|')).not.toMatch(/Y Bơ|0912345678|0912 345 678|1958/);
    const noted = plain.find((row) => row[12]?.includes('hẹn lại'))!;
    expect(noted[12]).toBe(`'=HYPERLINK("http://x"), "hẹn lại"\n${XSS}`);
    expect(noted[6]).toBe(XSS);
    expect(noted[0]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);

    // The group sessions are the export's second file: one row per class, counts and names, no ids.
    const sessions = parseCsv(await download(page, () => page.getByRole('button', { name: 'Tải tệp CSV buổi học vụ số' }).click()));
    expect(sessions[0]).toEqual(['Ngày', 'Giờ', 'Nội dung', 'Địa điểm', 'Thôn, tổ dân phố', 'Đối tượng tham gia', 'Tổng số người', 'Số nữ', 'Số người cao tuổi', 'Số người dân tộc thiểu số', 'Thời lượng (phút)', 'Người ghi', 'Ghi chú']);
    expect(sessions).toHaveLength(2);
    expect(sessions[1]!.slice(2, 10)).toEqual(['Bình dân học vụ số', 'Nhà văn hóa', '', '', '18', '9', '4', '7']);
    expect(sessions[1]![11]).toBe(noted[7]);
    expect(sessions[1]![11]).not.toMatch(/[0-9a-f]{6}/);
    await page.getByText('Đã tạo tệp với 1 buổi học vụ số.').waitFor();

    await page.getByRole('checkbox', { name: /Kèm thông tin cá nhân/ }).check();
    await page.getByRole('button', { name: 'Tải tệp CSV', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Xuất kèm thông tin cá nhân?' });
    await dialog.waitFor();
    expect({ screen: 'export confirmation', violations: await axeViolations(page) }).toEqual({ screen: 'export confirmation', violations: [] });
    await dialog.getByLabel('Lý do xuất thông tin cá nhân').fill('Danh sách gọi lại cho UBND xã');
    const personal = parseCsv(await download(page, () => dialog.getByRole('button', { name: 'Tôi hiểu, xuất kèm thông tin' }).click()));
    expect(personal[0]!.slice(13)).toEqual(['Họ tên người dân', 'Số điện thoại', 'Năm sinh', 'Giới tính', 'Cách đồng ý', 'Ngày đồng ý']);
    expect(personal.find((row) => row.includes('Y Bơ Niê'))).toContain('0912 345 678');
  });

  it('shows readiness with not-applicable items left out', async () => {
    const { page } = phone;
    await page.getByRole('link', { name: 'Sẵn sàng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mức độ sẵn sàng' }).waitFor();
    const card = page.locator('[data-checklist-id]').first();
    await card.getByText(`1/${TEMPLATE.items.length - 1} việc xong`).waitFor();
    await card.getByText('1 việc vướng mắc').waitFor();
    expect({ screen: 'readiness', violations: await axeViolations(page) }).toEqual({ screen: 'readiness', violations: [] });
    await page.getByRole('link', { name: 'Hoạt động' }).click();
    await page.getByTestId('activity-report').waitFor();
  });

  it('prints the report offline, and the PDF holds the commune, the figures and the signature lines', async () => {
    const { page, context } = phone;
    await context.setOffline(true);
    await page.getByRole('link', { name: 'Mở bản in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo hoạt động hỗ trợ chuyển đổi số' }).waitFor();
    // A reload with no network: the service worker serves the app and IndexedDB the figures.
    await page.reload();
    await unlock(page, DEMO_PASSWORD);
    await page.locator('[data-testid="print-report"][data-ready="true"]').waitFor();
    expect(await page.getByTestId('print-commune').textContent()).toBe(`Đơn vị: ${COMMUNE_NAME}`);
    expect(await figure(page, 'citizens').textContent()).toBe('5');
    expect(await page.locator('main img').count()).toBe(0);
    expect({ screen: 'print', violations: await axeViolations(page) }).toEqual({ screen: 'print', violations: [] });

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.bottom-nav').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'In hoặc lưu PDF' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: null });

    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/); // A4 in points
    const { pages, text: raw } = pdfText(pdf);
    // Lines wrap where the paper is narrow: compare with runs of white space as one space.
    const text = raw.replace(/\s+/g, ' ');
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain(COMMUNE_NAME);
    expect(text).toContain('Báo cáo hoạt động hỗ trợ chuyển đổi số');
    expect(text).toMatch(/Lượt người dân được hỗ trợ 5\b/);
    expect(text).toMatch(/Lượt người tham gia học vụ số 18\b/);
    expect(text).toMatch(/Người dân tộc thiểu số ?7\b/);
    expect(text).toContain('Người lập báo cáo');
    expect(text).toContain('Lãnh đạo xã ký tên');
    expect(text).toContain(XSS);
    // Only the report goes on paper: no buttons, no app bar, no navigation.
    for (const chrome of ['In hoặc lưu PDF', 'Sổ tay số', 'Danh bạ']) expect(text).not.toContain(chrome);
  });

  it('shows the demo admin the province view computed on the server, and exports its table', async () => {
    const { page, context } = phone;
    await context.setOffline(false);
    await signIn(page, server.url, 'demo-admin', DEMO_PASSWORD);
    await page.goto(`${server.url}/reports`);
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Báo cáo toàn tỉnh' }).waitFor();
    const row = page.getByTestId('province-table').locator('tbody tr', { hasText: COMMUNE_NAME });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.locator('td').allTextContents()).toEqual(['1', '5', '18', '1%', '0']);
    expect({ screen: 'province', violations: await axeViolations(page) }).toEqual({ screen: 'province', violations: [] });
    // Every column, the last one too, is on the 360 px screen without scrolling sideways (issue 17 item 15).
    const fit = await page.getByTestId('province-table').evaluate((table) => {
      const box = table.parentElement!.getBoundingClientRect();
      const cells = [...table.querySelectorAll('tr > :last-child')].map((cell) => cell.getBoundingClientRect().right);
      return { lastRight: Math.round(Math.max(...cells)), boxRight: Math.round(box.right), tableWidth: table.scrollWidth, boxWidth: table.parentElement!.clientWidth };
    });
    expect(fit.lastRight).toBeLessThanOrEqual(fit.boxRight);
    expect(fit.tableWidth).toBeLessThanOrEqual(fit.boxWidth);
    const table = parseCsv(await download(page, () => page.getByRole('button', { name: 'Tải bảng CSV' }).click()));
    expect(table[0]![1]).toBe('Xã, phường');
    expect(table[1]!.slice(0, 3)).toEqual(['1', COMMUNE_NAME, '5']);
  });

  it('ran no script from the data and raised no page error', () => {
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
