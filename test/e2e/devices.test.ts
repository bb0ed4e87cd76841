// The devices console end to end (docs/accounts.md "Devices"), in headless Chromium against the
// real server: a member signs in on an Android phone and syncs; the commune leader finds that
// phone by its name in the devices list, with its app version and last sync, and revokes it;
// at its next contact the phone wipes itself and says why — the notice the first screen after the
// wipe, never the signed-out Home before it, in the tab that wiped and in the phone's other tab,
// which recreates no database; and at every later start until the notice is read (a reload, a new
// tab). axe-clean at 360 × 740 and 1280 × 800.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeAtBothSizes } from './support/axe';
import { waitForServiceWorkerControl } from './support/browser';
import { storeRows } from './support/idb';
import { withHooks as hook } from './support/page-hooks';
import { phonesWorld } from './support/phone-world';
import { signIn } from './support/sign-in';

const DEMO_PASSWORD = 'devices-e2e-password';
const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 13; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const DEVICE_NAME = 'SM-A125F · Android 13 · Chrome';
const WIPED_TITLE = 'Dữ liệu trên máy này đã được xóa';

/**
 * Every title each of the member's tabs paints, in order, across reloads: an init script in each
 * page (its first entry: NEW_PAGE) reads the visible h1 before every frame is painted — the static
 * shell of index.html or wiped.html included — and reports each change. And every IndexedDB
 * database a page of the phone creates (an open that had no database before and succeeded).
 */
const NEW_PAGE = '(new page)';
async function recordTitles(context: BrowserContext): Promise<{ titles: (page: Page) => string[]; created: string[] }> {
  const byPage = new Map<Page, string[]>();
  const titles = (page: Page) => byPage.get(page) ?? byPage.set(page, []).get(page)!;
  const created: string[] = [];
  await context.exposeBinding('__e2eTitle', (source, title: string) => void titles(source.page).push(title));
  await context.exposeBinding('__e2eCreated', (_source, name: string) => void created.push(name));
  await context.addInitScript((newPage: string) => {
    const page = window as unknown as { __e2eTitle: (title: string) => Promise<void>; __e2eCreated: (name: string) => Promise<void> };
    let last = newPage;
    void page.__e2eTitle(last);
    const frame = () => {
      const title = [...document.querySelectorAll('h1')].find((h1) => h1.checkVisibility())?.textContent ?? '';
      if (title !== last) void page.__e2eTitle((last = title));
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    const factory = IDBFactory.prototype as unknown as { open: (this: IDBFactory, name: string, version?: number) => IDBOpenDBRequest };
    const open = factory.open;
    factory.open = function (this: IDBFactory, ...args: [string, number?]) {
      const request = open.apply(this, args);
      let fresh = false;
      request.addEventListener('upgradeneeded', (event) => void (fresh = event.oldVersion === 0));
      request.addEventListener('success', () => void (fresh && page.__e2eCreated(args[0])));
      return request;
    };
  }, NEW_PAGE);
  return { titles, created };
}
let member: Awaited<ReturnType<typeof recordTitles>>;
/** The member's second tab of the app, open beside the first. */
let secondTab: Page;

/** The titles `page` painted since it last started, blank frames left out (null before it started again). */
const sinceLastStart = (page: Page): string[] | null => {
  const titles = member.titles(page);
  return titles.includes(NEW_PAGE) ? titles.slice(titles.lastIndexOf(NEW_PAGE) + 1).filter((title) => title !== '') : null;
};

/** To the devices screen the way a leader goes: Settings, the admin area, Devices (a reload would lock the app). */
async function openDevices(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
  await page.getByRole('link', { name: 'Quản trị: tài khoản và thiết bị' }).click();
  await page.getByRole('link', { name: 'Thiết bị', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Thiết bị' }).waitFor();
}

describe('devices: the leader revokes a member phone, which wipes itself at its next contact', () => {
  const world = phonesWorld({ DEMO_PASSWORD }, { member: { userAgent: ANDROID_UA }, leader: {} });

  it('a member signs in on an Android phone and syncs', async () => {
    const { page, context } = world.member;
    member = await recordTitles(context);
    await page.goto(world.server.url);
    await waitForServiceWorkerControl(page);
    await signIn(page, world.server.url, 'demo-member', DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await expect.poll(() => hook(page, (h) => h.syncState('lastSuccessAt'), null), { timeout: 30_000 }).toBeTruthy();
    expect((await storeRows(page, 'teamMembers')).length).toBeGreaterThan(0);
    // A second tab of the app, unlocked by the first (the key passes between tabs).
    secondTab = await context.newPage();
    await secondTab.goto(world.server.url);
    await secondTab.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
  });

  it('the leader sees the phone by its name, with what it reported, and revokes it', async () => {
    const { page } = world.leader;
    await signIn(page, world.server.url, 'demo-leader', DEMO_PASSWORD);
    await openDevices(page);
    const list = page.getByRole('list', { name: 'Danh sách thiết bị' });
    const phone = list.getByRole('listitem', { name: DEVICE_NAME });
    await phone.waitFor();
    const text = await phone.innerText();
    expect(text).toContain('Thành viên tổ (demo)');
    expect(text).toContain('Phiên bản ứng dụng: 0.1.0');
    expect(text).toContain('Đã gửi hết thay đổi');
    expect(text).toMatch(/Đồng bộ lần cuối: \d{2}\/\d{2}\/\d{4}/);
    // The leader's own browser is listed as the device in use, with no revoke button.
    await list.getByText('Máy bạn đang dùng').waitFor();
    await page.getByText('Không có máy nào quá 7 ngày chưa đồng bộ.').waitFor();
    await axeAtBothSizes(page);
    await phone.getByRole('button', { name: 'Thu hồi thiết bị' }).click();
    const confirm = phone.getByRole('group', { name: `Thu hồi ${DEVICE_NAME} của Thành viên tổ (demo)?` });
    await confirm.waitFor();
    await axeAtBothSizes(page);
    await confirm.getByRole('button', { name: 'Thu hồi', exact: true }).click();
    await phone.getByText('Đã thu hồi thiết bị.').waitFor();
    await phone.getByText(/^Đã thu hồi ngày \d{2}\/\d{2}\/\d{4}/).waitFor();
    expect(await phone.getByRole('button', { name: 'Thu hồi thiết bị' }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
  });

  it('at its next contact the phone wipes itself and says why, in both its tabs, recreating no database', async () => {
    const { page, context } = world.member;
    // Reconnecting starts a round (the 'online' trigger): its first request learns of the revocation.
    // Either tab's round may be the one: the other tab is then the one whose database goes under it.
    await context.setOffline(true);
    for (const tab of [page, secondTab]) {
      expect(member.titles(tab).at(-1)).toBe('Trang chủ');
      member.titles(tab).length = 0;
    }
    member.created.length = 0;
    await context.setOffline(false);
    for (const tab of [page, secondTab]) {
      await tab.getByRole('heading', { level: 1, name: WIPED_TITLE }).waitFor({ timeout: 60_000 });
      // During the wipe a tab shows its lock ("Sổ tay số" while the lock's chunk loads), then the
      // notice; it then starts again, and its first paint is the notice — never Home, signed out or not.
      await expect.poll(() => sinceLastStart(tab), { timeout: 30_000 }).toEqual([WIPED_TITLE]);
      expect(member.titles(tab)).not.toContain('Trang chủ');
      // wiped.html's frame holds the title alone; the reason and the counts follow with the app.
      await tab.getByText('Quản trị viên đã thu hồi quyền dùng ứng dụng trên máy này').waitFor();
    }
    await expect.poll(async () => (await storeRows(page, 'teamMembers')).length).toBe(0);
    // No tab opened the deleted database again, which would have made it anew, empty.
    expect(member.created).toEqual([]);
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name))).not.toContain('so-tay-so');
  });

  it('every later start before the notice is read paints the notice first: a new tab, a reload', async () => {
    const { page, context } = world.member;
    const fresh = await context.newPage();
    await fresh.goto(world.server.url);
    await fresh.getByText('Quản trị viên đã thu hồi quyền dùng ứng dụng trên máy này').waitFor();
    expect(sinceLastStart(fresh)).toEqual([WIPED_TITLE]);
    await fresh.close();
    // The notice's page installs no service worker, which would answer the next start with index.html.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
    await page.reload();
    await page.getByText('Quản trị viên đã thu hồi quyền dùng ứng dụng trên máy này').waitFor();
    expect(sinceLastStart(page)).toEqual([WIPED_TITLE]);
    await secondTab.close();
    expect(member.created).toEqual([]);
  });

  it('the leader sees the phone gone from the active devices and kept among the revoked ones', async () => {
    const { page } = world.leader;
    await openDevices(page);
    const list = page.getByRole('list', { name: 'Danh sách thiết bị' });
    await list.getByText('Máy bạn đang dùng').waitFor();
    await expect.poll(() => list.getByRole('listitem', { name: DEVICE_NAME }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Hiện cả máy đã thu hồi' }).check();
    await list.getByRole('listitem', { name: DEVICE_NAME }).getByText(/^Đã thu hồi ngày/).waitFor();
  });
});
