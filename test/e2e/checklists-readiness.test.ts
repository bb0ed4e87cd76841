// Readiness checklists in a real Chromium with real IndexedDB (issue #5): the server is used once,
// to load the app and sign in as the demo leader; then, with the network off, the leader creates
// the commune readiness checklist from its template, works items (one tap, details sheet, long
// press), reloads, and finds the same progress on the checklist and on the overview. The items'
// notes are sealed at rest: a raw dump holds none of their words, the unlocked screen shows them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchPhone, waitForServiceWorkerControl, type Phone } from './support/browser';
import { startAppServer, type RunningServer } from './support/server';
import { axeViolations } from './support/axe';
import { dumpDatabase, storeRows } from './support/idb';
import { signIn, unlock } from './support/sign-in';
import { addDays, formatDate, todayLocal } from '../../src/shared/text/dates';

const DEMO_PASSWORD = 'checklists-e2e-password';
const READINESS_TITLE = /^Sẵn sàng hệ thống thông tin dùng chung của xã/;

const row = (page: Page, itemId: string): Locator => page.locator(`[data-item-id="${itemId}"]`);
const statusButton = (page: Page, itemId: string): Locator => row(page, itemId).locator('button.status-button');

/** What the progress card says, to compare before and after a reload and with the overview. */
async function progressFigures(page: Page): Promise<{ percent: string; counts: Record<string, string> }> {
  const summary = page.getByTestId('progress-summary');
  await summary.waitFor();
  const percent = (await summary.getByTestId('progress-percent').textContent()) ?? '';
  const counts = Object.fromEntries(
    await summary.locator('[data-status]').evaluateAll((items) => items.map((item) => [(item as HTMLElement).dataset.status!, (item as HTMLElement).dataset.count!])),
  ) as Record<string, string>;
  return { percent, counts };
}

describe('readiness checklists offline in Chromium', () => {
  let server: RunningServer;
  let phone: Phone;
  const pageErrors: string[] = [];
  const today = todayLocal(Date.now());
  const threeDaysAgo = addDays(today, -3);

  beforeAll(async () => {
    server = await startAppServer({ DEMO_PASSWORD });
    phone = await launchPhone();
    phone.page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it('loads once and signs in as the leader while online', async () => {
    const { page } = phone;
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await signIn(page, server.url, 'demo-leader', DEMO_PASSWORD);
    const role = async () => ((await storeRows(page, 'settings')).find((r) => r.key === 'session') as { value: { user: { role: string } } } | undefined)?.value.user.role;
    await expect.poll(role, { timeout: 15_000 }).toBe('leader');
  });

  it('creates the commune readiness checklist from its template with the network off', async () => {
    const { page, context } = phone;
    await server.stop();
    await context.setOffline(true);
    await page.getByRole('navigation').getByRole('link', { name: 'Kiểm tra' }).click();
    await page.getByRole('heading', { level: 1, name: 'Danh mục kiểm tra' }).waitFor();
    await page.getByText('Xã chưa có danh mục kiểm tra nào.', { exact: false }).waitFor();
    expect({ screen: 'overview (empty)', violations: await axeViolations(page) }).toEqual({ screen: 'overview (empty)', violations: [] });

    await page.getByRole('link', { name: 'Tạo danh mục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tạo danh mục từ mẫu' }).waitFor();
    await page.getByRole('radio', { name: READINESS_TITLE }).check();
    expect(await page.getByRole('radio', { name: 'Cấp xã' }).isChecked()).toBe(true);
    expect({ screen: 'new checklist', violations: await axeViolations(page) }).toEqual({ screen: 'new checklist', violations: [] });
    await page.getByRole('button', { name: 'Tạo danh mục' }).click();

    await page.getByRole('heading', { level: 1, name: READINESS_TITLE }).waitFor();
    await page.locator('[data-item-id]').nth(51).waitFor();
    expect(await page.locator('[data-item-id]').count()).toBe(52);
    expect(await progressFigures(page)).toEqual({ percent: '0%', counts: { todo: '52', doing: '0', done: '0', blocked: '0', na: '0' } });
    // Province-led items are confirmations, commune-led ones are work (docs/domain.md §8.7).
    expect(await row(page, 'qng25-email-02').getByText('Xã xác nhận đã nhận').isVisible()).toBe(true);
    expect(await row(page, 'qng25-email-01').getByText('Xã phải làm').isVisible()).toBe(true);
    expect({ screen: 'checklist', violations: await axeViolations(page) }).toEqual({ screen: 'checklist', violations: [] });
  });

  it('marks items done, blocked and overdue with notes; the figures survive a reload', async () => {
    const { page } = phone;
    // One tap each: todo → doing → done.
    await statusButton(page, 'qng25-email-01').click();
    await expect.poll(() => row(page, 'qng25-email-01').getAttribute('data-status')).toBe('doing');
    await statusButton(page, 'qng25-email-01').click();
    await expect.poll(() => row(page, 'qng25-email-01').getAttribute('data-status')).toBe('done');

    // Details sheet: done with a note.
    await row(page, 'qng25-email-02').getByRole('button', { name: 'Chi tiết', exact: true }).click();
    let sheet = page.getByTestId('item-sheet');
    await sheet.waitFor();
    expect({ screen: 'item sheet', violations: await axeViolations(page) }).toEqual({ screen: 'item sheet', violations: [] });
    await sheet.getByRole('radio', { name: 'Đã xong' }).check();
    await sheet.getByLabel('Ghi chú').fill('Đã nhận email của Chủ tịch và Phó Chủ tịch xã');
    await sheet.getByRole('button', { name: 'Lưu' }).click();
    await sheet.waitFor({ state: 'detached' });
    await expect.poll(() => row(page, 'qng25-email-02').getAttribute('data-status')).toBe('done');

    // Long press opens the sheet; blocked needs its reason.
    const lgsp = statusButton(page, 'qng25-lgsp-01');
    await lgsp.scrollIntoViewIfNeeded();
    await lgsp.hover();
    await page.mouse.down();
    await page.waitForTimeout(800);
    await page.mouse.up();
    sheet = page.getByTestId('item-sheet');
    await sheet.waitFor();
    expect(await row(page, 'qng25-lgsp-01').getAttribute('data-status')).toBe('todo');
    await sheet.getByRole('radio', { name: 'Vướng mắc' }).check();
    await sheet.getByRole('button', { name: 'Lưu' }).click();
    await sheet.getByRole('alert').filter({ hasText: 'Hãy ghi lý do bị vướng.' }).waitFor();
    await sheet.getByLabel('Lý do bị vướng (bắt buộc)').fill('Chưa có mã định danh mới của xã');
    await sheet.getByLabel('Ghi chú').fill('Đã gọi Sở KH&CN, chờ quyết định');
    await sheet.getByRole('button', { name: 'Lưu' }).click();
    await sheet.waitFor({ state: 'detached' });
    await expect.poll(() => row(page, 'qng25-lgsp-01').getAttribute('data-status')).toBe('blocked');

    // A due date three days ago makes an open item overdue, shown dd/mm/yyyy and "3 ngày quá hạn".
    await row(page, 'qng25-tthc-01').getByRole('button', { name: 'Chi tiết', exact: true }).click();
    sheet = page.getByTestId('item-sheet');
    await sheet.getByLabel('Hạn hoàn thành').fill(formatDate(threeDaysAgo));
    await sheet.getByRole('button', { name: 'Tôi phụ trách' }).click();
    await sheet.getByRole('button', { name: 'Lưu' }).click();
    await sheet.waitFor({ state: 'detached' });
    await expect.poll(() => row(page, 'qng25-tthc-01').getAttribute('data-overdue')).toBe('true');
    const [y, m, d] = threeDaysAgo.split('-');
    expect(await row(page, 'qng25-tthc-01').textContent()).toContain(`Hạn ${d}/${m}/${y} · 3 ngày quá hạn`);

    const before = await progressFigures(page);
    expect(before).toEqual({ percent: '3%', counts: { todo: '49', doing: '0', done: '2', blocked: '1', na: '0' } });

    // The filters.
    // Each filter re-renders the list after the tap: wait for the rows it leaves rather than read at once.
    const shownItems = () => page.locator('[data-item-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item-id')));
    await page.getByRole('button', { name: 'Vướng mắc (1)' }).click();
    await expect.poll(shownItems).toEqual(['qng25-lgsp-01']);
    await page.getByRole('button', { name: 'Quá hạn (1)' }).click();
    await expect.poll(shownItems).toEqual(['qng25-tthc-01']);
    await page.getByRole('button', { name: 'Của tôi (1)' }).click();
    await expect.poll(shownItems).toEqual(['qng25-tthc-01']);
    await page.getByRole('button', { name: 'Tất cả (52)' }).click();

    // Stored as separate item records, each change queued for sync; still there after a reload.
    const states = await storeRows(page, 'checklistItems');
    expect(states).toHaveLength(52);
    const byItem = new Map(states.map((s) => [s.itemId, s]));
    expect(byItem.get('qng25-lgsp-01')).toMatchObject({ status: 'blocked', blockedReason: 'Chưa có mã định danh mới của xã', note: { v: 1 } });
    expect(byItem.get('qng25-email-02')).toMatchObject({ status: 'done', note: { v: 1 } });
    // Free-text notes are sealed at rest (docs/security.md "Checklist notes"): a raw dump of every
    // store, read by this test's own IndexedDB reader, holds none of their words.
    const dump = await dumpDatabase(page);
    for (const text of ['Đã gọi Sở KH&CN', 'chờ quyết định', 'Chủ tịch và Phó Chủ tịch']) expect(dump).not.toContain(text);
    expect(byItem.get('qng25-tthc-01')).toMatchObject({ dueDate: threeDaysAgo, assignee: 'Tổ trưởng (demo)' });
    const outbox = await storeRows(page, 'outbox');
    expect(outbox.filter((e) => e.table === 'checklists')).toHaveLength(1);
    expect(outbox.filter((e) => e.table === 'checklistItems').length).toBeGreaterThanOrEqual(52 + 5);

    await page.reload();
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: READINESS_TITLE }).waitFor();
    expect(await progressFigures(page)).toEqual(before);
    expect(await row(page, 'qng25-lgsp-01').getAttribute('data-status')).toBe('blocked');
    expect(await row(page, 'qng25-lgsp-01').textContent()).toContain('Lý do vướng: Chưa có mã định danh mới của xã');
    // Unlocked, the screen opens the sealed notes again.
    expect(await row(page, 'qng25-lgsp-01').textContent()).toContain('Đã gọi Sở KH&CN, chờ quyết định');
    expect(await row(page, 'qng25-email-02').textContent()).toContain('Đã nhận email của Chủ tịch và Phó Chủ tịch xã');
  });

  it('shows the same figures on the overview, most urgent items first', async () => {
    const { page } = phone;
    await page.getByRole('link', { name: 'Về danh sách' }).click();
    await page.getByRole('heading', { level: 1, name: 'Danh mục kiểm tra' }).waitFor();
    const card = page.locator('a.checklist-card');
    await card.waitFor();
    expect(await card.getByTestId('card-figures').textContent()).toBe('3% hoàn thành · 2/52 việc đã xong');
    expect(await card.getByText('1 quá hạn').isVisible()).toBe(true);
    expect(await card.getByText('1 bị vướng').isVisible()).toBe(true);
    expect(await card.locator('progress').getAttribute('value')).toBe('3');
    const urgent = await page.locator('.urgent-item').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(urgent[0]).toMatch(/\?item=qng25-tthc-01$/);
    expect(urgent[1]).toMatch(/\?item=qng25-lgsp-01$/);
    expect({ screen: 'overview', violations: await axeViolations(page) }).toEqual({ screen: 'overview', violations: [] });

    // An urgent item opens straight into its sheet.
    await page.locator('.urgent-item').first().click();
    await page.getByTestId('item-sheet').getByRole('heading', { level: 2 }).waitFor();
    expect(await page.getByTestId('item-sheet').getByLabel('Hạn hoàn thành').inputValue()).toBe(formatDate(threeDaysAgo));
  });

  it('raised no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
