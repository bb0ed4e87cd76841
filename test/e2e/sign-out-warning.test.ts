// Sign-out and storage loss (docs/security.md "Sign-out and storage loss") in Chromium against the
// real server. The browser here refuses persistent storage (the test plays the browser's part:
// navigator.storage.persist answers false). A member logs a help offline and leaves a draft; a day
// later Home warns that the waiting change may be lost; sign-out counts the unsent change and the
// draft, asks twice, and only then deletes them. Vietnamese, 360 px, no axe violation.
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { storeRows } from './support/idb';
import { INSTALL, installAndSignIn, phoneWorld } from './support/phone-world';
import { unlock } from './support/sign-in';

const DEMO_PASSWORD = 'sign-out-e2e-password';
const DAY = 86_400_000;

describe('sign-out and storage loss in Chromium', () => {
  const world = phoneWorld({ DEMO_PASSWORD });

  beforeAll(async () => {
    // The browser refuses to keep this site's data for good (as Chrome does for a site with little use).
    await world.phone.context.addInitScript(() => {
      const storage = navigator.storage;
      Object.defineProperty(storage, 'persist', { value: () => Promise.resolve(false) });
      Object.defineProperty(storage, 'persisted', { value: () => Promise.resolve(false) });
    });
  });

  it('a change saved offline and a draft: Home warns once the change has waited more than a day', async () => {
    const { server, phone: { page, context } } = world;
    await installAndSignIn(page, server.url, 'demo-member', DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await context.setOffline(true);
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Hỗ trợ' }).click();
    await page.getByRole('link', { name: 'Ghi mới' }).click();
    await page.getByRole('radio', { name: INSTALL }).check();
    await page.getByRole('radio', { name: 'Đã xong' }).check();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(async () => (await storeRows(page, 'outbox')).length, { timeout: 10_000 }).toBe(1);
    await page.getByRole('link', { name: 'Ghi mới' }).click();
    await page.getByLabel('Ghi chú').fill('Bản nháp chưa lưu');
    await expect.poll(async () => (await storeRows(page, 'drafts')).length, { timeout: 10_000 }).toBe(1);
    await nav.getByRole('link', { name: 'Trang chủ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    // Waiting for minutes is no risk yet.
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    expect(await page.getByTestId('home-storage-warning').count()).toBe(0);

    await page.clock.install({ time: Date.now() + 2 * DAY });
    await page.reload();
    await unlock(page, DEMO_PASSWORD);
    const warning = page.getByTestId('home-storage-warning');
    await warning.waitFor({ timeout: 30_000 });
    expect(await warning.textContent()).toContain('Trình duyệt chưa cho giữ dữ liệu lâu dài và có thay đổi chờ gửi hơn một ngày.');
    expect({ screen: 'home', violations: await axeViolations(page) }).toEqual({ screen: 'home', violations: [] });
  });

  it('sign-out names what it would delete, asks twice, then deletes it', async () => {
    const { page } = world.phone;
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    const losses = page.getByTestId('sign-out-losses');
    await losses.waitFor();
    expect(await losses.getByRole('listitem').allTextContents()).toEqual(['1 thay đổi chưa gửi lên máy chủ', '1 bản nháp chưa lưu của bạn']);
    expect({ screen: 'sign-out', violations: await axeViolations(page) }).toEqual({ screen: 'sign-out', violations: [] });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    await losses.getByRole('button', { name: 'Vẫn đăng xuất' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Xóa vĩnh viễn?' });
    await dialog.waitFor();
    // Nothing is deleted before the second answer.
    expect((await storeRows(page, 'outbox')).length).toBe(1);
    await dialog.getByRole('button', { name: 'Xóa và đăng xuất' }).click();
    await page.getByText('Đã đăng xuất và xóa dữ liệu khỏi máy này.').waitFor();
    expect(await storeRows(page, 'outbox')).toEqual([]);
    expect(await storeRows(page, 'drafts')).toEqual([]);
  });
});
