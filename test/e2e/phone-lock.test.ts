// The member lock (docs/security.md "The lock") in Chromium: every page load locks the app; the
// locked screen shows nothing of the commune's data, and a raw dump of the database (the test's
// own IndexedDB reader, not the app's code) holds none of the citizen's name, phone or note; the
// account password unlocks it with no network; wrong passwords are refused, then cost a growing
// wait; "lock now" locks. Shared phone: another member can read neither A's unsent citizen (their
// sign-in is refused while it waits) nor A's draft.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { dumpDatabase, storeRows } from './support/idb';
import { installAndSignIn, logCitizen, phoneWorld } from './support/phone-world';
import { LOCK_TITLE, signIn, unlock } from './support/sign-in';

const DEMO_PASSWORD = 'lock-e2e-password';
const CITIZEN = 'Hoàng Thị Lụa';
const NOTE = 'Bà cần hỗ trợ lại thủ tục khai sinh cho cháu';
/** The citizen's phone as typed, and as stored (digits only) and in part. */
const PHONE_FORMS = ['0987 654 321', '0987654321', '987654321'];

const lockHeading = (page: Page) => page.getByRole('heading', { level: 1, name: LOCK_TITLE });

describe('member lock in Chromium', () => {
  const world = phoneWorld({ DEMO_PASSWORD });

  it('signs in (the sign-in unlocks) and logs a consenting citizen with a note', async () => {
    const { server, phone: { page } } = world;
    await installAndSignIn(page, server.url, 'demo-member', DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await logCitizen(page, { name: CITIZEN, phone: PHONE_FORMS[0]!, note: NOTE });
  });

  it('locks at a reload and shows nothing of the data; the lock screen is accessible at 360 px', async () => {
    const { page } = world.phone;
    await page.reload();
    await lockHeading(page).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('Thành viên');
    for (const secret of [CITIZEN, '0987', NOTE, 'Hỗ trợ người dân']) expect(text).not.toContain(secret);
    // On disk: the record, its outbox entry or pulled copy, any draft — none holds the citizen.
    const dump = await dumpDatabase(page);
    expect(dump).toContain('assistanceLogs');
    for (const secret of [CITIZEN, ...PHONE_FORMS, NOTE]) expect(dump).not.toContain(secret);
    // No way around it: the app's routes show the lock too.
    await page.goto(`${world.server.url}/assistance`);
    await lockHeading(page).waitFor();
    expect(await page.locator('body').innerText()).not.toContain(CITIZEN);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
  });

  it('refuses a wrong password, then unlocks with the account password with no network', async () => {
    const { page, context } = world.phone;
    await context.setOffline(true);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Mở khóa', exact: true }).click();
    await expect.poll(() => page.getByTestId('unlock-error').textContent()).toBe('Sai mật khẩu.');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Mở khóa', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Hỗ trợ người dân' }).waitFor();
    await page.getByText(CITIZEN).waitFor();
    await context.setOffline(false);
  });

  it('"lock now" in Settings locks the app', async () => {
    const { page } = world.phone;
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('button', { name: 'Khóa ngay' }).click();
    await lockHeading(page).waitFor();
    expect(await page.locator('body').innerText()).not.toContain(CITIZEN);
    await unlock(page, DEMO_PASSWORD);
  });

  it("shared phone: while A's log waits unsent, B's sign-in is refused and shows nothing of it", async () => {
    const { page } = world.phone;
    const UNSENT = 'Trần Văn Khải';
    // The push fails (a dead network for sync only), so the log stays in A's outbox.
    await page.route('**/api/sync/push', (route) => route.abort());
    await logCitizen(page, { name: UNSENT, phone: '0912 000 111', note: 'Ông Khải cần cấp lại mật khẩu' });
    await expect.poll(async () => (await storeRows(page, 'outbox')).length, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.goto(`${world.server.url}/sign-in`);
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('demo-leader');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByText(/thay đổi chưa gửi của/).waitFor();
    expect(await page.locator('body').innerText()).not.toContain(UNSENT);
    expect(await dumpDatabase(page)).not.toContain(UNSENT);
    // A signs in again and the log goes: nothing of A's was lost to B's attempt (that A's session
    // itself survives it, with no sign-in, is shared-phone-refused.test.ts's last test).
    await page.unroute('**/api/sync/push');
    await signIn(page, world.server.url, 'demo-member', DEMO_PASSWORD);
    await expect.poll(async () => (await storeRows(page, 'outbox')).length, { timeout: 30_000 }).toBe(0);
  });

  it("shared phone: A's draft is stored sealed, and B, signing in on the same phone, cannot read it", async () => {
    const { page } = world.phone;
    const DRAFT = 'Bản nháp riêng của thành viên A về ông Đinh Văn Tú';
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hỗ trợ' }).click();
    await page.getByRole('link', { name: 'Ghi mới' }).click();
    await page.getByLabel('Ghi chú').fill(DRAFT);
    await expect.poll(async () => (await storeRows(page, 'drafts')).length, { timeout: 10_000 }).toBe(1);
    const raw = JSON.stringify(await storeRows(page, 'drafts'));
    expect(raw).not.toContain('Đinh Văn Tú');
    expect(raw).not.toContain('thành viên A');
    // A's log has reached the server, so another member may sign in on this phone.
    await expect.poll(async () => (await storeRows(page, 'outbox')).length, { timeout: 30_000 }).toBe(0);
    await signIn(page, world.server.url, 'demo-leader', DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hỗ trợ' }).click();
    await page.getByRole('link', { name: 'Ghi mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ghi nhận hỗ trợ' }).waitFor();
    expect(await page.getByLabel('Ghi chú').inputValue()).toBe('');
    expect(await page.getByText('Đã mở lại bản nháp chưa lưu của bạn.').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('Đinh Văn Tú');
    // A's draft is still on the phone for A, unreadable without A's password.
    expect(JSON.stringify(await storeRows(page, 'drafts'))).not.toContain('Đinh Văn Tú');
    expect((await storeRows(page, 'drafts')).length).toBeGreaterThanOrEqual(1);
  });

  it('makes the member wait after repeated wrong passwords, and the wait survives a reload', async () => {
    const { page } = world.phone;
    await page.reload();
    await lockHeading(page).waitFor();
    for (let i = 0; i < 3; i++) {
      await page.getByLabel('Mật khẩu', { exact: true }).fill(`wrong ${i}`);
      await page.getByRole('button', { name: 'Mở khóa', exact: true }).click();
      await expect.poll(() => page.getByTestId('unlock-error').textContent()).toMatch(/Sai mật khẩu|Hãy chờ/);
    }
    await expect.poll(() => page.getByTestId('unlock-error').textContent()).toMatch(/Hãy chờ \d+ giây/);
    expect(await page.getByRole('button', { name: 'Mở khóa', exact: true }).isDisabled()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('unlock-error').textContent()).toMatch(/Hãy chờ \d+ giây/);
  });
});
