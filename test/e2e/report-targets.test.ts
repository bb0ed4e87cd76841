// Indicators against targets (issue 15 item 3; docs/reports.md "Indicators against targets") in a
// real Chromium against the real server: the province admin publishes two indicators — one
// computed from the logs, one the commune enters, with a target of the demo commune's own; the
// demo leader's phone syncs, goes offline, sees the computed
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

  it('the admin publishes a computed and a hand-entered indicator with a commune target', async () => {
    await seedLogs(world.server.url);
    const admin = await apiLogin(world.server.url, 'demo-admin', DEMO_PASSWORD);
    const plan = { communeTargets: [], from: '2026-01-01', to: '2027-12-31', active: true };
    const indicators = [
      { ...plan, id: 'ho-so-toan-trinh', name: ONLINE, unit: '%', source: 'onlineFullShare', target: 60 },
      { ...plan, id: 'ho-co-dien-thoai', name: PHONES, unit: 'hộ', source: 'manual', target: 500, communeTargets: [{ communeId: 'demo-xa-ngok-bay', target: 300 }] },
    ];
    const answer = await fetch(`${world.server.url}/api/admin/report-settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify({ basedOn: 0, dueDaysAfterEnd: 4, indicators }),
    });
    expect(answer.status).toBe(200);
    await installAndSignIn(world.admin.page, world.server.url, 'demo-admin', DEMO_PASSWORD);
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
