// The accounts console end to end (docs/accounts.md "Accounts"), in headless Chromium against the
// real server: the province admin creates a member and gets a one-time code, as text and as a QR
// code; a fresh browser profile opens the QR code's link, chooses a password and is signed in,
// works offline, syncs, and later changes its own password. Every screen is axe-clean at
// 360 × 740 and 1280 × 800.
import { describe, expect, it } from 'vitest';
import { axeAtBothSizes } from './support/axe';
import { waitForServiceWorkerControl } from './support/browser';
import { withHooks as hook } from './support/page-hooks';
import { phonesWorld } from './support/phone-world';
import { signIn } from './support/sign-in';

const DEMO_PASSWORD = 'accounts-e2e-password';
const CHOSEN = 'mật khẩu tự chọn 2026';
const NEXT = 'một mật khẩu mới hơn';

describe('accounts: a member created with a one-time code signs in on a fresh phone', () => {
  const world = phonesWorld({ DEMO_PASSWORD }, { admin: {}, member: {} });
  let code = '';

  it('the admin creates a member and sees the code once, with its QR code', async () => {
    const { page } = world.admin;
    await signIn(page, world.server.url, 'demo-admin', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Tài khoản', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Tài khoản' }).waitFor();
    await page.getByRole('list', { name: 'Danh sách tài khoản' }).getByText('Thành viên tổ (demo)').waitFor();
    await axeAtBothSizes(page);
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('y.lien');
    await page.getByLabel('Họ và tên', { exact: true }).fill('Y Liên Niê');
    await page.getByRole('form', { name: 'Tạo tài khoản mới' }).getByLabel('Xã').selectOption({ label: 'Xã Ngọk Bay (demo)' });
    await axeAtBothSizes(page);
    await page.getByRole('button', { name: 'Tạo và cấp mã đăng nhập' }).click();
    code = (await page.getByTestId('sign-in-code').textContent()) ?? '';
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await page.getByRole('img', { name: 'Mã QR để đăng nhập lần đầu cho y.lien' }).waitFor();
    await axeAtBothSizes(page);
    await page.getByRole('button', { name: 'Tôi đã ghi lại mã' }).click();
    await expect.poll(() => page.getByTestId('sign-in-code').count()).toBe(0);
    await page.getByRole('searchbox').fill('lien nie');
    const row = page.getByRole('list', { name: 'Danh sách tài khoản' }).getByRole('listitem');
    await expect.poll(() => row.count()).toBe(1);
    await row.getByText(/Mã đăng nhập chờ dùng đến/).waitFor();
  });

  it('a fresh phone opens the QR link, chooses a password, is signed in, works offline and syncs', async () => {
    const { page } = world.member;
    await page.goto(world.server.url);
    await waitForServiceWorkerControl(page);
    const params = new URLSearchParams({ u: 'y.lien', c: code.replaceAll('-', '') });
    await page.goto(`${world.server.url}/sign-in/code#${params.toString()}`);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập lần đầu bằng mã' }).waitFor();
    expect(await page.getByLabel('Mã đăng nhập', { exact: true }).inputValue()).toBe(code);
    await axeAtBothSizes(page);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('123');
    await page.getByRole('button', { name: 'Đặt mật khẩu và đăng nhập' }).click();
    await page.getByText('Mật khẩu cần từ 8 đến 128 ký tự.').waitFor();
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(CHOSEN);
    await page.getByRole('button', { name: 'Đặt mật khẩu và đăng nhập' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.hash === '');
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await expect.poll(() => hook(page, (h) => h.syncState('lastSuccessAt'), null), { timeout: 30_000 }).toBeTruthy();
    // Offline, the app keeps working from the phone's own data and shows who is signed in.
    await world.member.context.setOffline(true);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByText('Họ tên: Y Liên Niê').waitFor();
    await world.member.context.setOffline(false);
  });

  it('the member changes their own password; the used code no longer works', async () => {
    const { page } = world.member;
    // From Settings (where the previous step left it), without a reload: a reload locks the app.
    await page.getByRole('link', { name: 'Đổi mật khẩu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu' }).waitFor();
    await axeAtBothSizes(page);
    await page.getByLabel('Mật khẩu hiện tại', { exact: true }).fill('sai mật khẩu rồi');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEXT);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Mật khẩu hiện tại không đúng.').waitFor();
    await page.getByLabel('Mật khẩu hiện tại', { exact: true }).fill(CHOSEN);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Đã đổi mật khẩu.').waitFor();
    const reused = await page.evaluate(
      async ([base, used]) => (await fetch(`${base}/api/auth/redeem-code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'y.lien', code: used, password: 'mật khẩu thứ ba' }) })).status,
      [world.server.url, code] as const,
    );
    expect(reused).toBe(401);
    const login = await page.evaluate(
      async ([base, password]) => (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'y.lien', password }) })).status,
      [world.server.url, NEXT] as const,
    );
    expect(login).toBe(200);
  });
});
