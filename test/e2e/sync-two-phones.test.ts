// Issue #3 "Sync that never loses a change", end to end: two phones of one commune (two headless
// Chromiums with real IndexedDB) and the real server (support/sync-world.ts). Both sign in through
// the app, go offline, edit different fields of the same checklist item and log assistance,
// reconnect and converge to the server's state (read by a third client); signing out clears a
// phone. What a phone does when the network or the server fails is in sync-faults.test.ts.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/sync/ids';
import { axeViolations } from './support/axe';
import { withHooks as hook } from './support/page-hooks';
import { byId, outboxCount, rows, syncRound, syncWorld } from './support/sync-world';

const INSTALL = 'Cài đặt ứng dụng VNeID và đăng ký tài khoản định danh điện tử';

describe('two phones of one commune sync through the real server', () => {
  const world = syncWorld();
  const itemId = uuidv7();
  const checklistId = uuidv7();

  async function logAssistance(page: Page): Promise<void> {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hỗ trợ' }).click();
    await page.getByRole('link', { name: 'Ghi mới' }).click();
    await page.getByRole('radio', { name: INSTALL }).check();
    await page.getByRole('radio', { name: 'Đã xong' }).check();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Hỗ trợ người dân' }).waitFor();
  }

  it('signs both phones in through the app; the token stays out of reach of scripts', async () => {
    const { a, b, signIn, issuedTokens } = world;
    await signIn(a, 'demo-member');
    await signIn(b, 'demo-leader');
    for (const phone of [a, b]) {
      expect(await phone.page.evaluate(() => document.cookie)).toBe('');
      const stored = await hook(phone.page, (h) => h.dumpAll(), null);
      expect(stored).toContain('demo-');
      expect(stored).not.toMatch(/accessToken|refreshToken/);
      for (const token of issuedTokens) expect(stored).not.toContain(token);
    }
    expect(issuedTokens.length).toBeGreaterThanOrEqual(4);
    expect(await a.page.getByTestId('sync-badge').textContent()).toMatch(/Đã đồng bộ lúc \d\d:\d\d/);
  });

  it('shares a checklist item created on phone A with phone B', async () => {
    const { a, b } = world;
    await hook(
      a.page,
      async (h, ids) => {
        const session = await h.session();
        await h.writeRecord('checklistItems', ids.itemId, {
          checklistId: ids.checklistId,
          itemId: 'qng25-email-01',
          status: 'todo',
          communeId: session!.user.communeId,
          createdBy: session!.user.id,
          createdAt: new Date().toISOString(),
          deleted: false,
        });
      },
      { itemId, checklistId },
    );
    await syncRound(a.page);
    await syncRound(b.page);
    expect(byId(await rows(b.page, 'checklistItems'))[itemId]).toMatchObject({ status: 'todo', itemId: 'qng25-email-01' });
  });

  it('both go offline, edit different fields of the same item and each log an assistance', async () => {
    const { a, b } = world;
    await Promise.all([a.context.setOffline(true), b.context.setOffline(true)]);
    await hook(a.page, (h, id) => h.writeRecord('checklistItems', id, { status: 'done' }), itemId);
    await hook(b.page, (h, id) => h.writeRecord('checklistItems', id, { note: 'Chờ VNPT cấp tài khoản thư điện tử', assignee: 'Anh Hùng' }), itemId);
    await logAssistance(a.page);
    await logAssistance(b.page);
    for (const phone of [a, b]) {
      await expect.poll(() => phone.page.getByTestId('sync-badge').textContent()).toMatch(/^.*Không có mạng · \d+ thay đổi chờ gửi$/);
      expect(await outboxCount(phone.page)).toBeGreaterThanOrEqual(2);
    }
  });

  it('[I2] reconnects, and both phones converge to the server\'s state with both edits kept', async () => {
    const { a, b } = world;
    await Promise.all([a.context.setOffline(false), b.context.setOffline(false)]);
    await syncRound(a.page);
    await syncRound(b.page);
    await syncRound(a.page); // A now also pulls what B pushed after A's round
    const server = await world.serverState();
    for (const table of ['checklistItems', 'assistanceLogs'] as const) {
      const expected = Object.fromEntries(server.get(table) ?? []);
      expect(byId(await rows(a.page, table))).toEqual(expected);
      expect(byId(await rows(b.page, table))).toEqual(expected);
    }
    expect(server.get('checklistItems')?.get(itemId)).toMatchObject({ status: 'done', note: 'Chờ VNPT cấp tài khoản thư điện tử', assignee: 'Anh Hùng' });
    expect(server.get('assistanceLogs')?.size).toBe(2);
    // A round the reconnect started may still be running (the access log is sent after each round).
    await expect.poll(() => a.page.getByTestId('sync-badge').textContent(), { timeout: 30_000 }).toMatch(/Đã đồng bộ lúc/);
  });

  it('signs out phone B, clears its data, and the sign-in screen has no axe violation, also with an error', async () => {
    const { page } = world.b;
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByText('Đã đăng xuất và xóa dữ liệu khỏi máy này.').waitFor();
    expect(await rows(page, 'assistanceLogs')).toEqual([]);
    expect(await rows(page, 'checklistItems')).toEqual([]);
    await page.getByRole('link', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] });
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('demo-leader');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByText('Sai tên đăng nhập hoặc mật khẩu.').waitFor();
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
  });

  it('raised no page error', () => {
    expect(world.pageErrors).toEqual([]);
  });
});
