// The audit log end to end (docs/privacy.md "Audit log"), in a real Chromium against the real
// server: the leader opens a log showing a citizen (the phone records the view), exports the
// period with citizen columns — the dialog asks for a reason and the server logs it before the
// file is written — and after a sync the leader's access-log screen shows both, in Vietnamese,
// 360 px wide, with no axe violation. Offline, the export with citizen columns is refused. Then
// the leader looks up that one citizen (docs/privacy.md "One citizen's history").
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/sync/ids';
import { axeViolations } from './support/axe';
import { storeRows } from './support/idb';
import { apiLogin, apiPush } from './support/api-client';
import { withHooks as hook } from './support/page-hooks';
import { installAndSignIn, phoneWorld } from './support/phone-world';

const DEMO_PASSWORD = 'audit-e2e-password';
const NAME = 'Hồ Văn Sáu';
const REASON = 'Danh sách gọi lại theo yêu cầu của UBND xã';

const lastSuccess = (page: Page) => hook(page, (h) => h.syncState('lastSuccessAt'), null);

async function syncRound(page: Page): Promise<void> {
  const before = await lastSuccess(page);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect.poll(async () => (await lastSuccess(page)) !== before, { timeout: 30_000, interval: 200 }).toBe(true);
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name }).click();

describe('the audit log in Chromium', () => {
  const world = phoneWorld({ DEMO_PASSWORD });
  const logId = uuidv7();

  beforeAll(async () => {
    const leader = await apiLogin(world.server.url, 'demo-leader', DEMO_PASSWORD);
    const citizen = { name: NAME, phone: '0912777888', consent: true, consentEvidence: { method: 'spoken', noticeVersion: 'vi-2026-12', recordedAt: new Date().toISOString(), recordedBy: leader.user.id } };
    const hlc = `${new Date(Date.now() - 60_000).toISOString()}-0000-0123456789abcdef`;
    const fields = { serviceId: 'vneid-install-register', outcome: 'done', occurredAt: new Date(Date.now() - 10 * 60_000).toISOString(), deleted: false, citizen };
    const answer = await apiPush(world.server.url, leader, 'e2e-seed', [{ id: uuidv7(), table: 'assistanceLogs', recordId: logId, hlc, fields }] as never);
    expect(answer.rejected).toEqual([]);
    await installAndSignIn(world.phone.page, world.server.url, 'demo-leader', DEMO_PASSWORD);
  });

  it('records the view of a log that shows a citizen', async () => {
    const { page } = world.phone;
    await expect.poll(() => lastSuccess(page), { timeout: 30_000 }).toBeDefined();
    await nav(page, 'Hỗ trợ');
    await page.locator(`a[href="/assistance/logs/${logId}"]`).first().click();
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe(`/assistance/logs/${logId}`);
    await page.getByText(NAME).waitFor();
    // The log is sealed at rest and opened only to be shown: that opening is what is recorded (the
    // last test finds the view in the access log), and the waiting event names no citizen.
    const stored = (await storeRows(page, 'assistanceLogs')).find((row) => row.id === logId);
    expect(stored).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(NAME);
    expect(JSON.stringify(await storeRows(page, 'auditEvents'))).not.toContain(NAME);
  });

  it('offline, an export with citizen columns is refused and no file is written', async () => {
    const { page, context } = world.phone;
    await nav(page, 'Báo cáo');
    await page.getByTestId('activity-report').waitFor();
    await context.setOffline(true);
    await page.getByRole('checkbox', { name: /Kèm thông tin cá nhân/ }).check();
    await page.getByRole('button', { name: 'Tải tệp CSV', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Xuất kèm thông tin cá nhân?' });
    await dialog.getByLabel('Lý do xuất thông tin cá nhân').fill(REASON);
    let downloads = 0;
    page.on('download', () => (downloads += 1));
    await dialog.getByRole('button', { name: 'Tôi hiểu, xuất kèm thông tin' }).click();
    await page.getByText(/Cần kết nối mạng để xuất kèm thông tin cá nhân/).waitFor();
    expect(downloads).toBe(0);
    await context.setOffline(false);
  });

  it('online, the export asks for a reason, then writes the file', async () => {
    const { page } = world.phone;
    await page.getByRole('button', { name: 'Tải tệp CSV', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Xuất kèm thông tin cá nhân?' });
    await dialog.getByLabel('Lý do xuất thông tin cá nhân').fill(' ');
    await dialog.getByRole('button', { name: 'Tôi hiểu, xuất kèm thông tin' }).click();
    await dialog.getByText('Hãy ghi lý do (ít nhất 3 ký tự).').waitFor();
    expect({ screen: 'export reason', violations: await axeViolations(page) }).toEqual({ screen: 'export reason', violations: [] });
    await dialog.getByLabel('Lý do xuất thông tin cá nhân').fill(REASON);
    const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Tôi hiểu, xuất kèm thông tin' }).click()]);
    expect(readFileSync(await file.path(), 'utf8')).toContain(NAME);
  });

  it("after a sync, the leader's access log shows the export with its reason and the view", async () => {
    const { page } = world.phone;
    await syncRound(page);
    await nav(page, 'Cài đặt');
    await page.getByRole('link', { name: 'Nhật ký truy cập thông tin người dân (tổ trưởng, Sở)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhật ký truy cập thông tin người dân' }).waitFor();
    const list = page.getByRole('list', { name: 'Các sự kiện, mới nhất trước' });
    await list.getByText(`Lý do: ${REASON}`).waitFor();
    await list.getByText('Xem thông tin cá nhân của người dân trong một lượt hỗ trợ').first().waitFor();
    expect(await list.getByText('Tổ trưởng (demo) (Tổ trưởng)').count()).toBeGreaterThan(0);
    expect(await list.textContent()).not.toContain(NAME);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect({ screen: 'audit log', violations: await axeViolations(page) }).toEqual({ screen: 'audit log', violations: [] });
  });

  it("the leader looks up one citizen: this phone's part offline, the server's events online, naming no one", async () => {
    const { page, context } = world.phone;
    await page.getByRole('link', { name: 'Tra cứu nhật ký về một người dân' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhật ký về một người dân' }).waitFor();
    await context.setOffline(true);
    await page.getByLabel('Họ tên người dân').fill('ho van sau');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const onPhone = page.getByRole('region', { name: 'Trên điện thoại này' });
    await onPhone.getByRole('link', { name: /^Lượt hỗ trợ ngày \d{2}\/\d{2}\/\d{4}, do Tổ trưởng \(demo\) ghi$/ }).waitFor();
    await page.getByText('Không có mạng: chưa xem được nhật ký trên máy chủ.', { exact: false }).waitFor();
    expect({ screen: 'citizen history offline', violations: await axeViolations(page) }).toEqual({ screen: 'citizen history offline', violations: [] });

    await context.setOffline(false);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const onServer = page.getByRole('region', { name: 'Nhật ký trên máy chủ' });
    await onServer.getByText(`Lý do: ${REASON}`, { exact: false }).waitFor();
    await onServer.getByText('Xem thông tin cá nhân của người dân trong một lượt hỗ trợ').first().waitFor();
    await onServer.getByText('Ghi thông tin người dân vào một lượt hỗ trợ').waitFor();
    expect(await onServer.textContent()).not.toContain(NAME);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect({ screen: 'citizen history', violations: await axeViolations(page) }).toEqual({ screen: 'citizen history', violations: [] });

    // Someone the commune never helped: nothing on either side.
    await page.getByLabel('Họ tên người dân').fill('Nguyễn Văn Không');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('Điện thoại này không có lượt hỗ trợ hay yêu cầu nào của người này.').waitFor();
    await page.getByText('Máy chủ chưa ghi sự kiện nào về người này.').waitFor();
  });
});
