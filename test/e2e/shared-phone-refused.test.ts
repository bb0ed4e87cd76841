// A change the server really refused, on a shared phone (docs/security.md "Shared phone"), in
// Chromium against the real server. Member A's phone clock runs two days fast (the test plays the
// phone's part with the page clock): A logs a consenting citizen, and the server, checking the time
// against its own clock, refuses the log — nothing is seeded. The raw dump of every store holds none
// of the citizen's name, phone or note. Then leader B signs in on the same phone: B neither sees nor
// can delete A's refused change, which stays sealed and held for A; B signs out without it being
// counted as B's; A signs in again and reads the refused change, with its reason, once more.
// Last, while a log of A's waits unsent, B's sign-in is refused by the phone before any request,
// so A's refresh cookie is still A's: after a reload and an offline unlock, A's log is sent with it.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiLogin, apiPullAll } from './support/api-client';
import { axeViolations } from './support/axe';
import { dumpDatabase, storeRows } from './support/idb';
import { installAndSignIn, logCitizen, phoneWorld } from './support/phone-world';
import { signIn, unlock } from './support/sign-in';

const DEMO_PASSWORD = 'shared-refused-e2e-password';
const INSTALL = 'Cài đặt ứng dụng VNeID và đăng ký tài khoản định danh điện tử';
const NAME = 'Lương Thị Xuyến';
const PHONE = '0912 345 678';
const NOTE = 'Bà Xuyến cần làm lại thẻ bảo hiểm y tế';
const SECRETS = [NAME, 'Xuyến', '0912345678', '912345678', NOTE];
const DAY = 86_400_000;
const REASON = 'Lý do: Ngày giờ này chưa tới: hãy chọn hôm nay hoặc ngày đã qua';

const leaked = async (page: Page): Promise<string[]> => {
  const dump = await dumpDatabase(page);
  return SECRETS.filter((secret) => dump.includes(secret));
};

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
  await page.getByTestId('account-section').waitFor();
}

describe('a refused change on a shared phone', () => {
  const world = phoneWorld({ DEMO_PASSWORD });

  it("member A's phone, two days fast, logs a citizen: the server refuses it, and the raw dump holds nothing of the citizen", async () => {
    const { server, phone: { page } } = world;
    await installAndSignIn(page, server.url, 'demo-member', DEMO_PASSWORD);
    await page.clock.install({ time: Date.now() + 2 * DAY });
    await page.reload();
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hỗ trợ' }).click();
    await page.getByRole('link', { name: 'Ghi mới' }).click();
    await page.getByRole('radio', { name: INSTALL }).check();
    await page.getByRole('radio', { name: 'Đã xong' }).check();
    await page.getByRole('checkbox', { name: 'Người dân đồng ý cho ghi thông tin' }).check();
    await page.getByLabel('Họ tên').fill(NAME);
    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill(PHONE);
    await page.getByLabel('Ghi chú').fill(NOTE);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(async () => (await storeRows(page, 'rejectedChanges')).length, { timeout: 60_000 }).toBe(1);
    expect(await storeRows(page, 'outbox')).toEqual([]);
    const [refused] = await storeRows(page, 'rejectedChanges');
    expect({ code: refused!.code, message: refused!.message }).toEqual({ code: 'invalid', message: 'validation.dateInFuture' });
    // The server kept nothing of it.
    const session = await apiLogin(server.url, 'demo-member', DEMO_PASSWORD);
    expect((await apiPullAll(server.url, session)).get('assistanceLogs')?.size ?? 0).toBe(0);
    expect(await leaked(page)).toEqual([]);

    await openSettings(page);
    const list = page.getByTestId('rejected-changes');
    await list.waitFor();
    expect(await list.textContent()).toContain(REASON);
    expect(await list.textContent()).toContain(NOTE);
    expect(await page.getByTestId('sync-badge').textContent()).toContain('1 thay đổi không được chấp nhận');
  });

  it("leader B signs in on the same phone: A's refused change is held for A, unreadable, not shown, not counted", async () => {
    const { server, phone: { page } } = world;
    // A hand-over waits for any sync round of A's to end, then derives B's key: on a loaded machine
    // that once took longer than the usual 30 s (a fresh-clone CI run).
    await signIn(page, server.url, 'demo-leader', DEMO_PASSWORD, { timeout: 90_000 });
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await openSettings(page);
    await page.getByRole('button', { name: 'Khóa ngay' }).waitFor();
    expect(await page.getByTestId('rejected-changes').count()).toBe(0);
    expect(await page.getByTestId('sync-badge').textContent()).not.toContain('không được chấp nhận');
    const body = await page.locator('body').innerText();
    for (const secret of SECRETS) expect(body).not.toContain(secret);
    const held = await storeRows(page, 'rejectedChanges');
    expect(held).toHaveLength(1);
    expect(typeof held[0]!.heldFor).toBe('string');
    expect(await leaked(page)).toEqual([]);
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] });

    // B has nothing of their own to lose: signing out asks nothing and leaves A's change in place.
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await page.getByText('Đã đăng xuất và xóa dữ liệu khỏi máy này.').waitFor();
    expect(await storeRows(page, 'rejectedChanges')).toHaveLength(1);
  });

  it('A signs in again and reads the refused change, with its reason, to enter it anew', async () => {
    const { server, phone: { page } } = world;
    await signIn(page, server.url, 'demo-member', DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await openSettings(page);
    const list = page.getByTestId('rejected-changes');
    await list.waitFor();
    expect(await list.textContent()).toContain(REASON);
    expect(await list.textContent()).toContain(NOTE);
    expect((await storeRows(page, 'rejectedChanges'))[0]!.heldFor).toBeUndefined();
    expect(await leaked(page)).toEqual([]);
  });
  it("B's sign-in while A's log waits is refused on the phone before any request: A's session goes on and the log reaches the server", async () => {
    const { server, phone: { page } } = world;
    const WAITING = { name: 'Đinh Thị Hiền', phone: '0912 777 888', note: 'Bà Hiền cần đổi số điện thoại trên VNeID' };
    await page.clock.setSystemTime(Date.now()); // the phone's clock is right again: the server takes this log
    await page.route('**/api/sync/push', (route) => route.abort());
    await logCitizen(page, WAITING);
    await expect.poll(async () => (await storeRows(page, 'outbox')).length, { timeout: 10_000 }).toBe(1);
    const recordId = String((await storeRows(page, 'outbox'))[0]!.recordId);
    const refreshCookie = async () => (await page.context().cookies()).find((cookie) => cookie.name.endsWith('sts_refresh'))?.value;
    const cookieBefore = await refreshCookie();
    expect(cookieBefore).toBeTruthy();
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));

    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('demo-leader');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByText(/thay đổi chưa gửi của/).waitFor();
    expect(asked).not.toContain('/api/auth/login');
    expect(await refreshCookie()).toBe(cookieBefore);
    expect(await page.locator('body').innerText()).not.toContain(WAITING.name);

    // A reload forgets A's access token; after an offline unlock the phone refreshes with A's
    // cookie, which B's attempt left alone, and pushes the log — A never signs in again.
    await page.unroute('**/api/sync/push');
    await page.goto(server.url);
    await unlock(page, DEMO_PASSWORD);
    await expect.poll(async () => (await storeRows(page, 'outbox')).length, { timeout: 60_000 }).toBe(0);
    expect(asked).toContain('/api/auth/refresh');
    expect(asked).not.toContain('/api/auth/login');
    const session = await apiLogin(server.url, 'demo-member', DEMO_PASSWORD);
    expect((await apiPullAll(server.url, session)).get('assistanceLogs')?.get(recordId)).toMatchObject({ note: WAITING.note });
  });
});
