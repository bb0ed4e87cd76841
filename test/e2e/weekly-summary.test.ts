// The weekly summary for Zalo (issue 16 item 2) in a real Chromium against the real server: the
// demo member's week, pushed with citizens' details, pulled by the phone; offline, the summary's
// text and its PNG card (decoded here, pixel by pixel) carry the figures and none of the details.
// Shared through the Web Share API (the share sheet stubbed at the page's navigator, as a phone's
// would receive it) and, where the browser cannot share files, copied and downloaded. axe at 360 px.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchPhone, waitForServiceWorkerControl, type Phone } from './support/browser';
import { startAppServer, type RunningServer } from './support/server';
import { axeViolations } from './support/axe';
import { signIn, unlock } from './support/sign-in';
import { apiLogin, apiPush } from './support/api-client';
import { decodePng, pixelAt } from './support/png';
import { withHooks } from './support/page-hooks';
import { formatHlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { checklistItemRecordId } from '../../src/shared/checklists/item-id';
import { seedTemplateById } from '../../src/shared/seed';
import { startOfLocalDate, todayLocal } from '../../src/shared/text/dates';

const DEMO_PASSWORD = 'summary-e2e-password';
const CITIZEN_DETAILS = ['Hoàng Thị Mỵ', '0987654321', '1947', 'nhà sau trường Pa Cheo', 'Đinh Văn Khoa'];
const CARD_WIDTH = 1080;
const TEMPLATE = seedTemplateById('qng-2025-commune-shared-systems-readiness')!;

let counter = 0;
const hlc = () => formatHlc({ millis: Date.now(), counter: ++counter, node: 'e2e0000000000016' });

async function seedWeek(server: RunningServer): Promise<void> {
  const session = await apiLogin(server.url, 'demo-member', DEMO_PASSWORD);
  const { id, communeId } = session.user;
  const now = Date.now();
  const base = Math.max(startOfLocalDate(todayLocal(now)).getTime() + 60_000, now - 30 * 60_000);
  const at = (i: number) => new Date(base + i * 1000).toISOString();
  const meta = { communeId, createdBy: id, createdAt: new Date(now).toISOString(), deleted: false };
  const evidence = { method: 'spoken', noticeVersion: 'v1', recordedAt: at(0), recordedBy: id };
  const log = (i: number, fields: Record<string, unknown>) => ({ id: uuidv7(), table: 'assistanceLogs' as const, recordId: uuidv7(), hlc: hlc(), fields: { ...meta, outcome: 'done', occurredAt: at(i), ...fields } });
  const result = await apiPush(server.url, session, 'e2e-summary', [
    log(1, { serviceId: 'vneid-activate-level2', note: 'nhà sau trường Pa Cheo', citizen: { name: 'Hoàng Thị Mỵ', phone: '0987654321', birthYear: 1947, consent: true, consentEvidence: evidence } }),
    log(2, { serviceId: 'vneid-activate-level2', outcome: 'partial', barriers: ['portal_down'], followUpAt: todayLocal(now), citizen: { name: 'Đinh Văn Khoa', consent: true, consentEvidence: evidence } }),
    log(3, { serviceId: 'dvc-submit-online', barriers: ['portal_down', 'weak_network'] }),
    { id: uuidv7(), table: 'groupSessions', recordId: uuidv7(), hlc: hlc(), fields: { ...meta, topic: 'Bình dân học vụ số', place: 'Nhà văn hóa', occurredAt: at(4), participants: 23, women: 12, elderly: 5, ethnicMinority: 9 } },
  ]);
  expect(result.rejected).toEqual([]);
  // The commune's readiness: a checklist with one item done and one not applicable (left out of
  // the count), pushed by the leader, who keeps the commune's checklists.
  const leader = await apiLogin(server.url, 'demo-leader', DEMO_PASSWORD);
  const checklist = uuidv7();
  const lead = { ...meta, createdBy: leader.user.id };
  const [first, second] = TEMPLATE.items;
  const item = (itemId: string, status: string) => ({ id: uuidv7(), table: 'checklistItems' as const, recordId: checklistItemRecordId(checklist, itemId), hlc: hlc(), fields: { ...lead, checklistId: checklist, itemId, status } });
  const checklists = await apiPush(server.url, leader, 'e2e-summary-leader', [
    { id: uuidv7(), table: 'checklists', recordId: checklist, hlc: hlc(), fields: { ...lead, templateId: TEMPLATE.templateId, templateVersion: TEMPLATE.version, title: 'Sẵn sàng hệ thống dùng chung', scope: 'commune' } },
    item(first!.id, 'done'),
    item(second!.id, 'na'),
  ]);
  expect(checklists.rejected).toEqual([]);
}

async function openSummary(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
  await page.getByRole('link', { name: 'Tổng kết gửi nhóm Zalo' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tổng kết để gửi Zalo' }).waitFor();
  await page.getByRole('img', { name: /Ảnh tổng kết/ }).waitFor();
}

function checkCard(bytes: Uint8Array): void {
  const png = decodePng(bytes);
  expect(png.width).toBe(CARD_WIDTH);
  expect(png.height).toBeGreaterThan(900);
  expect(png.height).toBeLessThan(3000);
  // The title band in the app's green, the page white below it.
  expect(pixelAt(png, 10, 10)).toEqual([0x0b, 0x5c, 0x47, 255]);
  expect(pixelAt(png, 10, png.height - 200)).toEqual([255, 255, 255, 255]);
  // Text was drawn: dark pixels in the body.
  let dark = 0;
  for (let i = 0; i < png.rgba.length; i += 4) if (png.rgba[i]! < 100 && png.rgba[i + 1]! < 100 && png.rgba[i + 2]! < 100) dark += 1;
  expect(dark).toBeGreaterThan(2000);
}

describe('weekly summary for Zalo', () => {
  let server: RunningServer;
  let phone: Phone;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startAppServer({ DEMO_PASSWORD });
    await seedWeek(server);
    phone = await launchPhone();
    phone.page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it("makes the member's week offline: the figures, no citizen detail; copies the text and saves the card", async () => {
    const { page, context } = phone;
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await signIn(page, server.url, 'demo-member', DEMO_PASSWORD);
    await expect.poll(async () => (await withHooks(page, (h) => h.rows('assistanceLogs'), null)).length, { timeout: 30_000 }).toBe(3);
    await context.setOffline(true);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await openSummary(page);

    const text = (await page.getByTestId('summary-text').textContent()) ?? '';
    expect(text).toContain('Thành viên tổ (demo)');
    expect(text).toContain('• Lượt người dân được hỗ trợ: 3');
    expect(text).toMatch(/– Kích hoạt[^\n]*: 2/);
    expect(text).toContain('• Buổi Bình dân học vụ số: 1');
    expect(text).toContain('– Lượt người tham gia: 23');
    expect(text).toContain('• Hẹn hỗ trợ lại còn mở: 1');
    expect(text).toContain('– Cổng Dịch vụ công quốc gia bị lỗi: 2');
    // The checklist readiness line: one item done of those that apply (the one marked not applicable
    // left out), in whole percent rounded down as the reports show it.
    const applicable = TEMPLATE.items.length - 1;
    expect(text).toContain(`• Danh mục sẵn sàng của xã: ${Math.floor(100 / applicable)}%`);
    expect(text).toContain(`– Đã xong 1/${applicable} việc`);
    expect(text).toContain('– Số danh mục: 1');
    for (const detail of CITIZEN_DETAILS) expect(text).not.toContain(detail);
    expect(await axeViolations(page)).toEqual([]);

    // Headless Chromium on Linux cannot share files: copy and save are offered.
    expect(await page.getByRole('button', { name: 'Chia sẻ' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sao chép nội dung' }).click();
    await page.getByText('Đã sao chép. Mở Zalo và dán vào nhóm.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải ảnh về máy' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tong-ket_\d{4}-\d\d-\d\d_\d{4}-\d\d-\d\d\.png$/);
    checkCard(readFileSync(await download.path()));
    expect(pageErrors).toEqual([]);
  });

  it('hands the card and the text to the share sheet where the browser can share files', async () => {
    const { page, context } = phone;
    // A phone's Web Share API, as the page sees it: files accepted, what was shared kept for the test.
    await context.addInitScript(() => {
      const shared: { text?: string; files: { name: string; type: string; base64: string }[] }[] = [];
      Object.assign(window, { __shared: shared });
      Object.defineProperty(navigator, 'canShare', { value: (data: { files?: File[] }) => Array.isArray(data.files), configurable: true });
      Object.defineProperty(navigator, 'share', {
        configurable: true,
        value: async (data: { text?: string; files?: File[] }) => {
          const files = await Promise.all(
            (data.files ?? []).map(async (file) => {
              const bytes = new Uint8Array(await file.arrayBuffer());
              let binary = '';
              for (const byte of bytes) binary += String.fromCharCode(byte);
              return { name: file.name, type: file.type, base64: btoa(binary) };
            }),
          );
          shared.push({ text: data.text, files });
        },
      });
    });
    await page.reload();
    await unlock(page, DEMO_PASSWORD);
    await openSummary(page);
    await page.getByRole('radio', { name: 'Tuần này' }).check();
    await page.getByRole('button', { name: 'Chia sẻ' }).click();
    await page.getByText('Đã mở màn hình chia sẻ.').waitFor();
    const shared = await page.evaluate(() => (window as unknown as { __shared: { text?: string; files: { name: string; type: string; base64: string }[] }[] }).__shared);
    expect(shared).toHaveLength(1);
    const [entry] = shared;
    expect(entry!.text).toBe(await page.getByTestId('summary-text').textContent());
    expect(entry!.files).toHaveLength(1);
    expect(entry!.files[0]!.type).toBe('image/png');
    const bytes = Buffer.from(entry!.files[0]!.base64, 'base64');
    checkCard(bytes);
    for (const detail of CITIZEN_DETAILS) expect(bytes.toString('latin1')).not.toContain(detail);
    expect(await axeViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
