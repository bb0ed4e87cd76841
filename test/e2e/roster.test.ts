// The team roster end to end (docs/accounts.md "Team roster"), in headless Chromium against the
// real server: the leader gives a member a work phone in the console's API; the roster the server
// publishes reaches the leader's and the member's phones, and each reads the commune's team
// offline at /contacts/team — names and roles, never ids or usernames, a call button per phone,
// the province admin not among them. Then the roster's other half: a leader creates a commune
// leader's account with a one-time code, the new account signs in on another phone and signs off
// a checklist there, and the leader's phone names them — in the roster and on the sign-off,
// offline too — never by id. Axe-clean at 360 × 740 and 1280 × 800.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiLogin } from './support/api-client';
import { axeAtBothSizes } from './support/axe';
import { storeRows } from './support/idb';
import { waitForServiceWorkerControl } from './support/browser';
import { withHooks as hook } from './support/page-hooks';
import { installAndSignIn, phonesWorld } from './support/phone-world';
import { unlock } from './support/sign-in';
import { syncRound } from './support/sync-world';

const DEMO_PASSWORD = 'roster-e2e-password';
const MEMBER = 'Thành viên tổ (demo)';
const LEADER = 'Tổ trưởng (demo)';

/** Opens the roster offline from the directory, as a person would. */
async function openRoster(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/contacts`);
  await unlock(page, DEMO_PASSWORD);
  await page.getByRole('heading', { level: 1, name: 'Danh bạ hỗ trợ' }).waitFor();
  await page.getByRole('link', { name: 'Tổ của xã' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tổ của xã' }).waitFor();
}

describe('roster: the commune’s team, by name, on every phone of the commune, offline', () => {
  const world = phonesWorld({ DEMO_PASSWORD }, { leader: {}, member: {} });

  it('the leader gives the member a work phone; both phones receive the roster', async () => {
    const leader = await apiLogin(world.server.url, 'demo-leader', DEMO_PASSWORD);
    const listed = await fetch(`${world.server.url}/api/admin/accounts?q=demo-member`, { headers: { authorization: `Bearer ${leader.accessToken}` } });
    const { accounts } = (await listed.json()) as { accounts: { id: string; username: string }[] };
    const member = accounts.find((account) => account.username === 'demo-member')!;
    const changed = await fetch(`${world.server.url}/api/admin/accounts/${member.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${leader.accessToken}` },
      body: JSON.stringify({ phone: '0905123456' }),
    });
    expect(changed.status).toBe(200);
    await installAndSignIn(world.leader.page, world.server.url, 'demo-leader', DEMO_PASSWORD);
    await installAndSignIn(world.member.page, world.server.url, 'demo-member', DEMO_PASSWORD);
    for (const { page } of [world.leader, world.member]) {
      await expect
        .poll(async () => (await storeRows(page, 'teamMembers')).find((row) => row.displayName === MEMBER)?.phone, { timeout: 60_000 })
        .toBe('0905123456');
    }
  });

  it('offline, the leader reads the team: names and roles, a call button, no admin, no id', async () => {
    const { page, context } = world.leader;
    await context.setOffline(true);
    await openRoster(page, world.server.url);
    const team = page.getByRole('list', { name: 'Thành viên tổ của xã' });
    const member = team.getByRole('listitem').filter({ hasText: MEMBER });
    await member.getByText('Thành viên tổ', { exact: true }).waitFor();
    await member.getByRole('link', { name: `Gọi ${MEMBER}, số 0905 123 456` }).waitFor();
    expect(await member.getByRole('link').getAttribute('href')).toBe('tel:0905123456');
    await team.getByRole('listitem').filter({ hasText: LEADER }).getByText('Tổ trưởng', { exact: true }).waitFor();
    expect(await team.getByText('Sở KH&CN (demo)').count()).toBe(0);
    expect(await team.getByText('demo-member').count()).toBe(0);
    await axeAtBothSizes(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('offline, the member reads the same team', async () => {
    const { page, context } = world.member;
    await context.setOffline(true);
    await openRoster(page, world.server.url);
    const team = page.getByRole('list', { name: 'Thành viên tổ của xã' });
    await team.getByRole('listitem').filter({ hasText: LEADER }).getByText('Tổ trưởng', { exact: true }).waitFor();
    await team.getByRole('listitem').filter({ hasText: MEMBER }).waitFor();
    await axeAtBothSizes(page);
  });
});

const REVIEWER = 'Hồ Thị Nhung';
const REVIEWER_ROLE = 'Lãnh đạo, cán bộ xã theo dõi';
const CHOSEN = 'mật khẩu của chị Nhung 2026';
const TEAM_CHECKLIST = /^Hoạt động của Tổ công nghệ số cộng đồng/;

describe('roster: an account a leader creates is named on the leader’s phone, on its sign-off too', () => {
  const world = phonesWorld({ DEMO_PASSWORD }, { leader: {}, reviewer: {} });
  let code = '';
  let checklistPath = '';

  it('the leader creates a commune leader’s account in the app and gets a one-time code', async () => {
    const { page } = world.leader;
    await installAndSignIn(page, world.server.url, 'demo-leader', DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('link', { name: 'Quản trị: tài khoản và thiết bị' }).click();
    await page.getByRole('link', { name: 'Tài khoản', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Tài khoản' }).waitFor();
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const form = page.getByRole('form', { name: 'Tạo tài khoản mới' });
    await form.getByLabel('Tên đăng nhập', { exact: true }).fill('h.nhung');
    await form.getByLabel('Họ và tên', { exact: true }).fill(REVIEWER);
    await form.getByLabel('Vai trò', { exact: true }).selectOption({ label: REVIEWER_ROLE });
    // A leader creates accounts in their own commune only: there is no commune to choose.
    expect(await form.getByLabel('Xã', { exact: true }).count()).toBe(0);
    await axeAtBothSizes(page);
    await form.getByRole('button', { name: 'Tạo và cấp mã đăng nhập' }).click();
    code = (await page.getByTestId('sign-in-code').textContent()) ?? '';
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await axeAtBothSizes(page);
    await page.getByRole('button', { name: 'Tôi đã ghi lại mã' }).click();
  });

  it('another phone signs in with the code and chooses its own password', async () => {
    const { page } = world.reviewer;
    await page.goto(world.server.url);
    await waitForServiceWorkerControl(page);
    const params = new URLSearchParams({ u: 'h.nhung', c: code.replaceAll('-', '') });
    await page.goto(`${world.server.url}/sign-in/code#${params.toString()}`);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(CHOSEN);
    await page.getByRole('button', { name: 'Đặt mật khẩu và đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await expect.poll(() => hook(page, (h) => h.syncState('lastSuccessAt'), null), { timeout: 30_000 }).toBeTruthy();
  });

  it('after a sync the leader finds the new account by name and role in the roster, offline', async () => {
    const { page, context } = world.leader;
    await syncRound(page);
    await context.setOffline(true);
    await openRoster(page, world.server.url);
    const person = page.getByRole('list', { name: 'Thành viên tổ của xã' }).getByRole('listitem').filter({ hasText: REVIEWER });
    await person.getByText(REVIEWER_ROLE, { exact: true }).waitFor();
    expect(await page.getByText('h.nhung').count()).toBe(0);
    await axeAtBothSizes(page);
    await context.setOffline(false);
  });

  it('the leader makes the team’s checklist and finishes every item', async () => {
    const { page } = world.leader;
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Kiểm tra' }).click();
    await page.getByRole('link', { name: 'Tạo danh mục' }).click();
    await page.getByRole('radio', { name: TEAM_CHECKLIST }).check();
    await page.getByRole('button', { name: 'Tạo danh mục' }).click();
    await page.getByRole('heading', { level: 1, name: TEAM_CHECKLIST }).waitFor();
    checklistPath = new URL(page.url()).pathname;
    const ids = await page.locator('[data-item-id]').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.itemId!));
    expect(ids.length).toBeGreaterThan(0);
    // One tap moves an item forward (todo → doing → done), as a leader ticks them off.
    for (const id of ids) {
      const row = page.locator(`[data-item-id="${id}"]`);
      for (const next of ['doing', 'done']) {
        await row.locator('button.status-button').click();
        await expect.poll(() => row.getAttribute('data-status')).toBe(next);
      }
    }
    await page.getByText('Mọi việc đã xong. Đang chờ lãnh đạo xã ký xác nhận.').waitFor();
    await syncRound(page);
  });

  it('on their own phone the new account signs the checklist off', async () => {
    const { page } = world.reviewer;
    await syncRound(page);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Kiểm tra' }).click();
    await page.getByRole('link', { name: TEAM_CHECKLIST }).click();
    const signOffs = page.getByTestId('sign-offs');
    await signOffs.getByRole('button', { name: 'Ký xác nhận danh mục' }).click();
    await signOffs.getByText(/^Bạn ký xác nhận lúc \d{2}\/\d{2}\/\d{4}/).waitFor();
    await axeAtBothSizes(page);
    await syncRound(page);
  });

  it('the leader’s phone names the signer, never an id, and still does offline after a reload', async () => {
    const { page, context } = world.leader;
    const signerId = ((await hook(world.reviewer.page, (h) => h.session(), null)) as { user: { id: string } }).user.id;
    await syncRound(page);
    const signed = page.getByTestId('sign-offs').getByText(new RegExp(`^${REVIEWER} ký xác nhận lúc \\d{2}/\\d{2}/\\d{4}`));
    await signed.waitFor();
    expect(await page.getByTestId('sign-offs').innerText()).not.toContain(signerId);
    await context.setOffline(true);
    await page.goto(`${world.server.url}${checklistPath}`);
    await unlock(page, DEMO_PASSWORD);
    await signed.waitFor();
    expect(await page.locator('main').innerText()).not.toContain(signerId);
    await axeAtBothSizes(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
