// The province's communes end to end (docs/accounts.md "Communes"), in headless Chromium against
// the real server, in Vietnamese at 360 px: the province admin creates a commune (its id proposed
// from the name), renames it — and when another admin renamed it first, is told its name now —,
// then deactivates it after reading what happens to its accounts and data; the server has disabled
// its account and kept the commune. axe-clean at 360 × 740 and 1280 × 800.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeAtBothSizes, axeViolations, expectNoSideScroll } from './support/axe';
import { apiLogin, type ApiSession } from './support/api-client';
import { installAndSignIn, phonesWorld } from './support/phone-world';
import { unlock } from './support/sign-in';

const DEMO_PASSWORD = 'communes-e2e-password';

async function axeAndWidth(page: Page, screen: string): Promise<void> {
  await axeAtBothSizes(page, screen);
  await expectNoSideScroll(page);
}

describe('communes: the province admin creates, renames and deactivates a commune', () => {
  const world = phonesWorld({ DEMO_PASSWORD }, { admin: {} });
  let api: ApiSession;

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${world.server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${api.accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    api = await apiLogin(world.server.url, 'demo-admin', DEMO_PASSWORD);
  });

  it('creates a commune whose id is proposed from its name', async () => {
    const { page } = world.admin;
    await installAndSignIn(page, world.server.url, 'demo-admin', DEMO_PASSWORD);
    await page.goto(`${world.server.url}/admin`);
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Các xã', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Các xã của tỉnh' }).waitFor();
    const list = page.getByRole('list', { name: 'Danh sách xã' });
    await list.getByRole('listitem').first().waitFor();
    await page.getByLabel('Tên xã (ví dụ: Xã Trà Phong)').fill('Xã Trà Phong');
    await expect.poll(() => page.getByLabel('Mã xã').inputValue()).toBe('tra-phong');
    await page.getByRole('button', { name: 'Tạo xã' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã tạo Xã Trà Phong.' }).waitFor();
    const item = list.getByRole('listitem', { name: 'Xã Trà Phong' });
    await item.getByText('Mã xã: tra-phong').waitFor();
    await item.getByText('0 tài khoản đang dùng').waitFor();
    // The same id again is refused in words.
    await page.getByLabel('Tên xã (ví dụ: Xã Trà Phong)').fill('Xã Trà Phong');
    await page.getByRole('button', { name: 'Tạo xã' }).click();
    await page.getByRole('alert').filter({ hasText: 'Mã tra-phong đã được dùng cho một xã khác.' }).waitFor();
    await axeAndWidth(page, 'communes');
  });

  it('renames it, and is told the name now when another admin renamed it first', async () => {
    const { page } = world.admin;
    const list = page.getByRole('list', { name: 'Danh sách xã' });
    // Another admin renames it behind this screen's back.
    expect((await call('PATCH', '/api/admin/communes/tra-phong', { name: 'Xã Trà Tân', basedOn: 'Xã Trà Phong' })).status).toBe(200);
    let item = list.getByRole('listitem', { name: 'Xã Trà Phong' });
    await item.getByRole('button', { name: 'Đổi tên Xã Trà Phong' }).click();
    await item.getByLabel('Tên mới của Xã Trà Phong').fill('Xã Trà Xinh');
    await axeAndWidth(page, 'rename');
    await item.getByRole('button', { name: 'Lưu tên' }).click();
    item = list.getByRole('listitem', { name: 'Xã Trà Tân' });
    await item.getByRole('status').filter({ hasText: 'tên hiện tại là Xã Trà Tân' }).waitFor();
    // Knowing the name now, the admin renames it.
    await item.getByRole('button', { name: 'Đổi tên Xã Trà Tân' }).click();
    await item.getByLabel('Tên mới của Xã Trà Tân').fill('Xã Trà Xinh');
    await item.getByRole('button', { name: 'Lưu tên' }).click();
    await list.getByRole('listitem', { name: 'Xã Trà Xinh' }).getByRole('status').filter({ hasText: 'Đã đổi tên thành Xã Trà Xinh.' }).waitFor();
  });

  it('deactivates it after saying what happens to its accounts and data; nothing is deleted', async () => {
    const { page } = world.admin;
    const created = await call('POST', '/api/admin/accounts', { username: 'tra-xinh-1', displayName: 'Hồ Thị Lành', role: 'member', communeId: 'tra-phong' });
    expect(created.status).toBe(201);
    await page.reload();
    await unlock(page, DEMO_PASSWORD);
    const item = page.getByRole('list', { name: 'Danh sách xã' }).getByRole('listitem', { name: 'Xã Trà Xinh' });
    await item.getByText('1 tài khoản đang dùng').waitFor();
    await item.getByRole('button', { name: 'Ngừng hoạt động Xã Trà Xinh' }).click();
    const confirm = item.getByRole('group', { name: 'Ngừng hoạt động Xã Trà Xinh?' });
    await confirm.getByText('1 tài khoản của xã sẽ bị khóa ngay.', { exact: false }).waitFor();
    await confirm.getByText('Không dữ liệu nào bị xóa trên máy chủ', { exact: false }).waitFor();
    await axeAndWidth(page, 'deactivate');
    await confirm.getByRole('button', { name: 'Ngừng hoạt động', exact: true }).click();
    await item.getByRole('status').filter({ hasText: 'Đã ngừng hoạt động Xã Trà Xinh; đã khóa 1 tài khoản.' }).waitFor();
    await item.getByText('Đã ngừng hoạt động', { exact: true }).waitFor();
    await item.getByRole('button', { name: 'Cho Xã Trà Xinh hoạt động lại' }).waitFor();
    // On the server: the commune is kept, inactive; its account is disabled, not deleted.
    const communes = (await call('GET', '/api/admin/communes')).body['communes'] as { id: string; name: string; active: boolean }[];
    expect(communes.find((c) => c.id === 'tra-phong')).toMatchObject({ name: 'Xã Trà Xinh', active: false, accounts: 0 });
    const accounts = (await call('GET', '/api/admin/accounts?communeId=tra-phong')).body['accounts'] as { displayName: string; disabled: boolean }[];
    expect(accounts).toEqual([expect.objectContaining({ displayName: 'Hồ Thị Lành', disabled: true })]);
  });

  it('the audit log says what was done to whom, by name, never an id', async () => {
    const { page } = world.admin;
    await page.goto(`${world.server.url}/privacy/audit`);
    await unlock(page, DEMO_PASSWORD);
    const list = page.getByRole('list', { name: 'Các sự kiện, mới nhất trước' });
    for (const line of ['Tạo Xã Trà Xinh', 'Đổi tên Xã Trà Phong thành Xã Trà Tân', 'Đổi tên Xã Trà Tân thành Xã Trà Xinh', 'Ngừng hoạt động Xã Trà Xinh', 'Khóa tài khoản của Hồ Thị Lành', 'Tạo tài khoản cho Hồ Thị Lành (Thành viên tổ)']) {
      await list.getByText(line, { exact: true }).first().waitFor();
    }
    const shown = (await list.textContent()) ?? '';
    expect(shown).not.toContain('tra-phong');
    expect(shown).not.toContain('Một thao tác khác');
    expect({ screen: 'audit log', violations: await axeViolations(page) }).toEqual({ screen: 'audit log', violations: [] });
  });
});
