// The province's lock rules (docs/security.md "The province's settings") in Chromium against the
// real server: the demo province admin sets them in the console (Vietnamese, 360 px, no axe
// violation); a member's phone receives them with its sign-in, keeps them in IndexedDB and, offline
// after a reload, asks for an online sign-in after the province's number of wrong passwords (4,
// where the default is 10).
import { describe, expect, it } from 'vitest';
import { axeViolations, expectNoSideScroll } from './support/axe';
import { apiLogin } from './support/api-client';
import { storeRows } from './support/idb';
import { installAndSignIn, phonesWorld } from './support/phone-world';
import { LOCK_TITLE, unlock } from './support/sign-in';

const DEMO_PASSWORD = 'device-policy-e2e-password';
const POLICY = { lockAfterMinutes: 2, offlineDays: 7, maxFailedUnlocks: 4 };

describe("the province's lock rules in Chromium", () => {
  const world = phonesWorld({ DEMO_PASSWORD }, { admin: {}, member: {} });

  it('the province admin sets them in the console, and the server keeps them', async () => {
    const { page } = world.admin;
    await installAndSignIn(page, world.server.url, 'demo-admin', DEMO_PASSWORD);
    await page.goto(`${world.server.url}/admin`);
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Quy tắc khóa điện thoại' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quy tắc khóa điện thoại' }).waitFor();
    const tries = page.getByLabel('Số lần nhập sai mật khẩu tối đa');
    await expect.poll(() => tries.inputValue(), { timeout: 30_000 }).toBe('10');
    // Out of range: refused on the phone with the field's rule, nothing sent.
    await tries.fill('2');
    await page.getByRole('button', { name: 'Lưu quy tắc' }).click();
    await page.getByRole('alert').filter({ hasText: 'phải là số nguyên từ 4 đến 20' }).waitFor();
    await page.getByLabel('Tự khóa sau khi để chạy nền (phút)').fill(String(POLICY.lockAfterMinutes));
    await page.getByLabel('Số ngày tối đa không kết nối máy chủ').fill(String(POLICY.offlineDays));
    await tries.fill(String(POLICY.maxFailedUnlocks));
    await page.getByRole('button', { name: 'Lưu quy tắc' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor();
    await expectNoSideScroll(page);
    expect({ screen: 'device-policy', violations: await axeViolations(page) }).toEqual({ screen: 'device-policy', violations: [] });
    const session = await apiLogin(world.server.url, 'demo-admin', DEMO_PASSWORD);
    const answer = await fetch(`${world.server.url}/api/admin/device-policy`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(((await answer.json()) as { policy: unknown }).policy).toEqual(POLICY);
  });

  it("a member's phone receives them at sign-in and applies them offline: 4 wrong passwords, then an online sign-in", async () => {
    const { page, context } = world.member;
    await installAndSignIn(page, world.server.url, 'demo-member', DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await expect.poll(async () => (await storeRows(page, 'settings')).find((row) => row.key === 'devicePolicy')?.value, { timeout: 30_000 }).toEqual(POLICY);
    await context.setOffline(true);
    await page.reload();
    const lock = page.getByRole('heading', { level: 1, name: LOCK_TITLE });
    await lock.waitFor();
    const error = page.getByTestId('unlock-error');
    const button = page.getByRole('button', { name: 'Mở khóa', exact: true });
    for (let i = 0; i < POLICY.maxFailedUnlocks; i++) {
      // After the free tries the phone makes the member wait (30 s) before the next one.
      await expect.poll(() => button.isEnabled(), { timeout: 60_000 }).toBe(true);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(`wrong ${i}`);
      await button.click();
      await expect.poll(() => error.textContent()).toMatch(/Sai mật khẩu|Hãy chờ|quá nhiều lần/);
    }
    const notice = page.getByRole('status').filter({ hasText: 'Đã nhập sai mật khẩu quá nhiều lần. Hãy kết nối mạng và đăng nhập lại.' });
    await notice.waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Đăng nhập lại', exact: true }).count()).toBe(1);
    // The right password no longer opens it offline: the province's count holds after a reload too.
    await page.reload();
    await lock.waitFor();
    await notice.waitFor();
    await context.setOffline(false);
  });
});
