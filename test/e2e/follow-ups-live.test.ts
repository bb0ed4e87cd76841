// The follow-ups due are read once and kept in memory until the logs change (data/assistance-list.ts,
// docs/performance.md "The log list's filters"). The count on the assistance area's "Hẹn lại" tab
// must still follow every change as it happens: a log saved in another tab of the same phone
// (offline, so no sync round can be what refreshes it), and a log another phone sent, which
// arrives written straight to IndexedDB by a pull and is announced by the pull's notice
// (data/change-notice.ts). Were the kept answer not dropped on either, the count would stay.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/sync/ids';
import { syncRound, syncWorld, writeLogs } from './support/sync-world';

const DAY_MS = 86_400_000;
/** A day as the phone counts it (Asia/Ho_Chi_Minh), `offset` days from today. */
const localDay = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(Date.now() + offset * DAY_MS);
/** A log helped two days ago whose follow-up was due yesterday: due, whatever the hour. */
const DUE = { outcome: 'partial', occurredAt: new Date(Date.now() - 2 * DAY_MS).toISOString(), followUpAt: localDay(-1) };

/** The number on the "Hẹn lại" tab ('' when there is none). */
const dueBadge = (page: Page) =>
  page
    .getByRole('navigation', { name: 'Các phần của mục Hỗ trợ' })
    .getByRole('link', { name: /^Hẹn lại/ })
    .evaluate((link) => link.querySelector('.count-badge')?.textContent ?? '');

describe('the count of follow-ups due follows the logs live', () => {
  const world = syncWorld({ phones: 2 });

  it('the leader (phone A) and a member (phone B) sign in; A opens the assistance area', async () => {
    await world.signIn(world.a, 'demo-leader');
    await world.signIn(world.b, 'demo-member');
    const { page } = world.a;
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hỗ trợ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hỗ trợ người dân' }).waitFor();
    expect(await dueBadge(page)).toBe('');
  });

  it('a log saved in another tab of the phone, offline, raises the count at once', async () => {
    const { context, page } = world.a;
    const other = await context.newPage();
    await other.goto(world.server.url);
    await other.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await context.setOffline(true);
    try {
      await writeLogs(other, [uuidv7()], DUE);
      await expect.poll(() => dueBadge(page), { timeout: 15_000 }).toBe('1');
      await writeLogs(other, [uuidv7()], DUE);
      await expect.poll(() => dueBadge(page), { timeout: 15_000 }).toBe('2');
    } finally {
      await other.close();
      await context.setOffline(false);
    }
    await syncRound(page);
    expect(await dueBadge(page)).toBe('2');
  });

  it("a member's log pulled from the server raises it when the pull's notice comes", async () => {
    await writeLogs(world.b.page, [uuidv7()], DUE);
    await syncRound(world.b.page);
    const { page } = world.a;
    await syncRound(page);
    await expect.poll(() => dueBadge(page), { timeout: 15_000 }).toBe('3');
  });
});
