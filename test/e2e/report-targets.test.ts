// Indicators against targets (issue 15 item 3; docs/reports.md "Indicators against targets") in a
// real Chromium against the real server: the province admin defines two indicators online — one
// computed from the logs, one the commune enters, with a target of the demo commune's own — and a
// bad target is refused in words; the demo leader's phone syncs, goes offline, sees the computed
// one met, enters the hand-entered value and sees it not met, on the dashboard card, the report's
// editor and its print; back online it syncs, and the admin's compiled view shows the commune's
// rows. axe-core at 360 px.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, expectNoSideScroll } from './support/axe';
import { apiLogin, apiPush } from './support/api-client';
import { storeRows } from './support/idb';
import { withHooks as hook } from './support/page-hooks';
import { installAndSignIn, phonesWorld } from './support/phone-world';
import { unlock } from './support/sign-in';
import { formatHlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { reportPeriodAt } from '../../src/shared/reports/report-period';
import { formatDate, startOfLocalDate, todayLocal } from '../../src/shared/text/dates';

const DEMO_PASSWORD = 'report-targets-e2e-password';
const ONLINE = 'Tỷ lệ hồ sơ trực tuyến toàn trình';
const PHONES = 'Hộ có điện thoại thông minh';
const PERIOD = reportPeriodAt(Date.now());
let counter = 0;
const hlc = () => formatHlc({ millis: Date.now(), counter: ++counter, node: 'e2e0000000000153' });

/** Opens a screen by its address: a navigation locks the app, so unlock it. */
async function open(page: Page, url: string, heading: string): Promise<void> {
  await page.goto(url);
  await unlock(page, DEMO_PASSWORD);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

async function axeClean(page: Page, screen: string): Promise<void> {
  expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
  await expectNoSideScroll(page);
}

/** Three dossiers of this period through the sync API: two sent fully online, one partly (67 %). */
async function seedLogs(url: string): Promise<void> {
  const session = await apiLogin(url, 'demo-leader', DEMO_PASSWORD);
  const now = Date.now();
  const base = Math.max(startOfLocalDate(todayLocal(now)).getTime() + 60_000, now - 30 * 60_000);
  const meta = { communeId: session.user.communeId, createdBy: session.user.id, createdAt: new Date(now).toISOString(), deleted: false };
  const log = (i: number, mode: string) => ({
    id: uuidv7(),
    table: 'assistanceLogs' as const,
    recordId: uuidv7(),
    hlc: hlc(),
    fields: { ...meta, serviceId: 'dvc-submit-online', outcome: 'done', onlineSubmission: mode, occurredAt: new Date(base + i * 1000).toISOString() },
  });
  expect((await apiPush(url, session, 'e2e-targets', [log(1, 'full'), log(2, 'full'), log(3, 'partial')])).rejected).toEqual([]);
}

describe('indicators against targets in Chromium', () => {
  const world = phonesWorld({ DEMO_PASSWORD }, { admin: {}, leader: {} });

  it('the admin defines a computed and a hand-entered indicator with a commune target; a share above 100 is refused in words', async () => {
    const { page } = world.admin;
    await seedLogs(world.server.url);
    await installAndSignIn(page, world.server.url, 'demo-admin', DEMO_PASSWORD);
    await open(page, `${world.server.url}/admin`, 'Quản trị');
    await page.getByRole('link', { name: 'Chỉ tiêu và hạn báo cáo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chỉ tiêu và hạn báo cáo' }).waitFor();
    await page.getByText('Tỉnh chưa đặt chỉ tiêu nào.').waitFor();
    await axeClean(page, 'settings empty');

    await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    let form = page.getByTestId('indicator-form');
    await form.getByLabel('Tên chỉ tiêu').fill(ONLINE);
    await form.getByLabel('Đơn vị (%, người, hộ…)').fill('%');
    await form.getByLabel('Cách lấy số liệu').selectOption('onlineFullShare');
    await form.getByLabel('Chỉ tiêu chung cho các xã').fill('150');
    await form.getByLabel('Áp dụng từ ngày').fill('01/01/2026');
    await form.getByLabel('Đến ngày').fill('31/12/2027');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Số quá lớn').waitFor();
    await form.getByText('Kiểm tra lại các ô đã nhập.').waitFor();
    await axeClean(page, 'indicator refused');
    await form.getByLabel('Chỉ tiêu chung cho các xã').fill('60');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu. Máy của các tổ nhận thay đổi ở lần đồng bộ sau.').waitFor();
    await page.getByTestId('indicator-list').getByText(ONLINE).waitFor();

    await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    form = page.getByTestId('indicator-form');
    await form.getByLabel('Tên chỉ tiêu').fill(PHONES);
    await form.getByLabel('Đơn vị (%, người, hộ…)').fill('hộ');
    await form.getByLabel('Chỉ tiêu chung cho các xã').fill('500');
    await form.getByLabel('Áp dụng từ ngày').fill('01/01/2026');
    await form.getByLabel('Đến ngày').fill('31/12/2027');
    await form.getByRole('button', { name: 'Thêm chỉ tiêu riêng' }).click();
    await form.getByLabel('Xã', { exact: true }).selectOption({ label: 'Xã Ngọk Bay (demo)' });
    await form.getByLabel('Chỉ tiêu của xã').fill('300');
    await axeClean(page, 'indicator form');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const list = page.getByTestId('indicator-list');
    await list.getByText(PHONES).waitFor();
    await list.getByText('1 xã có chỉ tiêu riêng').waitFor();
    expect(await list.locator('li').allTextContents()).toEqual([
      expect.stringContaining('Chỉ tiêu: 60% · 01/01/2026 – 31/12/2027'),
      expect.stringContaining('Chỉ tiêu: 500 hộ · 01/01/2026 – 31/12/2027'),
    ]);
    await axeClean(page, 'settings list');
  });

  it("the leader's phone syncs, then offline sees the computed one met and enters the other: not met", async () => {
    const { page, context } = world.leader;
    await installAndSignIn(page, world.server.url, 'demo-leader', DEMO_PASSWORD);
    await expect.poll(async () => (await storeRows(page, 'reportSettings')).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await storeRows(page, 'assistanceLogs')).length, { timeout: 30_000 }).toBe(3);
    await context.setOffline(true);

    await open(page, `${world.server.url}/reports`, 'Báo cáo');
    const card = page.getByTestId('targets-card');
    await card.getByRole('heading', { name: `Chỉ tiêu của tỉnh kỳ ${formatDate(PERIOD.start)} – ${formatDate(PERIOD.end)}` }).waitFor();
    await expect.poll(() => card.locator(`[data-indicator]`).allTextContents()).toEqual([
      `${ONLINE}Số liệu: 67% (trên 3 hồ sơ) · Chỉ tiêu: 60%Đạt`,
      `${PHONES}Số liệu: — · Chỉ tiêu: 300 hộChưa có số liệu`,
    ]);
    await axeClean(page, 'dashboard card');

    await open(page, `${world.server.url}/period-report`, 'Báo cáo định kỳ');
    await page.getByRole('button', { name: `Kỳ hiện tại: Mở dự thảo kỳ ${formatDate(PERIOD.start)} – ${formatDate(PERIOD.end)}` }).click();
    const section = page.getByTestId('period-targets');
    await section.getByRole('heading', { name: 'Chỉ tiêu của tỉnh' }).waitFor();
    const phones = section.locator('li', { hasText: PHONES });
    await phones.getByText('Chưa có số liệu').waitFor();
    const field = phones.getByLabel('Số liệu của xã (hộ)');
    await field.fill('-5');
    await field.blur();
    await phones.getByText('Nhập một số không âm, tối đa 2 chữ số sau dấu phẩy.').waitFor();
    await field.fill('250');
    await field.blur();
    await phones.getByText('Chưa đạt').waitFor();
    await section.locator('li', { hasText: ONLINE }).getByText('Đạt', { exact: true }).waitFor();
    expect((await storeRows(page, 'indicatorValues')).map((row) => [row.value, row.periodStart, row.periodEnd])).toEqual([[250, PERIOD.start, PERIOD.end]]);
    await axeClean(page, 'editor targets');

    await page.getByRole('link', { name: 'Xem và in (A4)' }).click();
    const print = page.locator('[data-testid="period-report-print"][data-ready="true"]');
    await print.getByText('8. Chỉ tiêu của tỉnh:').waitFor();
    await print.getByText(`- ${ONLINE}: 67%; chỉ tiêu 60%: Đạt.`).waitFor();
    await print.getByText(`- ${PHONES}: 250 hộ; chỉ tiêu 300 hộ: Chưa đạt.`).waitFor();
  });

  it("back online the value syncs, and the admin's compiled view shows the commune's rows", async () => {
    const leader = world.leader;
    await leader.context.setOffline(false);
    await expect.poll(() => hook(leader.page, (h) => h.outboxCount(), null), { timeout: 60_000 }).toBe(0);

    const { page } = world.admin;
    await open(page, `${world.server.url}/period-report/province`, 'Báo cáo tổng hợp của các xã');
    await page.getByLabel('Kỳ báo cáo').selectOption({ label: `Kỳ ${formatDate(PERIOD.start)} – ${formatDate(PERIOD.end)}` });
    const commune = page.getByTestId('compiled-commune').filter({ hasText: 'Xã Ngọk Bay (demo)' });
    const rows = commune.getByTestId('compiled-targets').locator('[data-indicator]');
    // Nothing was sent for the period: the computed one is unknown, never "chưa đạt"; the entered one is judged.
    await expect.poll(() => rows.allTextContents(), { timeout: 30_000 }).toEqual([
      `${ONLINE}Số liệu: — · Chỉ tiêu: 60%Chưa có số liệu`,
      `${PHONES}Số liệu: 250 hộ · Chỉ tiêu: 300 hộChưa đạt`,
    ]);
    await axeClean(page, 'compiled targets');
  });
});
