// The support-contact directory in a real Chromium with real IndexedDB: the server is used once,
// to load the app and sign in; everything after that happens with the network off, including a
// reload, and must still be there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone, waitForServiceWorkerControl, type Phone } from './support/browser';
import { startAppServer, type RunningServer } from './support/server';
import { axeViolations } from './support/axe';
import { signIn, unlock } from './support/sign-in';
import { storeRows } from './support/idb';

const DEMO_PASSWORD = 'contacts-e2e-password';

describe('support-contact directory offline in Chromium', () => {
  let server: RunningServer;
  let phone: Phone;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startAppServer({ DEMO_PASSWORD });
    phone = await launchPhone();
    phone.page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it('loads once and signs in while online', async () => {
    const { page } = phone;
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await signIn(page, server.url, 'demo-member', DEMO_PASSWORD);
    const session = (await storeRows(page, 'settings')).find((row) => row.key === 'session');
    expect(session).toBeDefined();
  });

  it('adds a contact with the network off and offers call and Zalo links', async () => {
    const { page, context } = phone;
    await server.stop();
    await context.setOffline(true);
    await page.getByRole('navigation').getByRole('link', { name: 'Danh bạ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Danh bạ hỗ trợ' }).waitFor();
    expect({ screen: 'directory (empty)', violations: await axeViolations(page) }).toEqual({ screen: 'directory (empty)', violations: [] });

    await page.getByRole('link', { name: 'Thêm liên hệ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thêm liên hệ' }).waitFor();
    await page.getByLabel(/Họ tên hoặc tên bộ phận/).waitFor();
    expect({ screen: 'form', violations: await axeViolations(page) }).toEqual({ screen: 'form', violations: [] });

    // A bad number is refused in Vietnamese and nothing is stored.
    await page.getByLabel('Số điện thoại 1').fill('12345');
    await page.getByRole('button', { name: 'Lưu liên hệ' }).click();
    await page.getByText('Chưa lưu: có 2 chỗ cần sửa.').waitFor();
    await page.getByText('Số điện thoại không hợp lệ').waitFor();
    expect({ screen: 'form with errors', violations: await axeViolations(page) }).toEqual({ screen: 'form with errors', violations: [] });
    expect(await storeRows(page, 'contacts')).toEqual([]);

    await page.getByLabel(/Họ tên hoặc tên bộ phận/).fill('Nguyễn Văn Bình');
    await page.getByLabel('Cơ quan, đơn vị').fill('VNPT Quảng Ngãi');
    await page.getByLabel('Số điện thoại 1').fill('0912 345 678');
    await page.getByRole('button', { name: 'Lưu liên hệ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nguyễn Văn Bình' }).waitFor();

    expect(await page.getByRole('link', { name: 'Gọi 0912 345 678' }).getAttribute('href')).toBe('tel:0912345678');
    expect(await page.getByRole('link', { name: /Mở Zalo/ }).getAttribute('href')).toBe('https://zalo.me/0912345678');
    expect({ screen: 'detail', violations: await axeViolations(page) }).toEqual({ screen: 'detail', violations: [] });
  });

  it('finds "Nguyễn" by typing "nguyen"', async () => {
    const { page } = phone;
    await page.getByRole('link', { name: 'Quay lại danh bạ' }).click();
    await page.getByRole('searchbox', { name: 'Tìm trong danh bạ' }).fill('nguyen');
    await page.getByText('Tìm thấy 1 liên hệ.').waitFor();
    expect(await page.getByRole('link', { name: 'Gọi Nguyễn Văn Bình, số 0912 345 678' }).getAttribute('href')).toBe('tel:0912345678');
    await page.getByRole('searchbox', { name: 'Tìm trong danh bạ' }).fill('cong an xa');
    await page.getByRole('heading', { level: 3, name: /^Công an xã/ }).waitFor();
    await page.getByText('Chưa có liên hệ nào khớp. Dưới đây là các vai trò phù hợp để thêm người.').waitFor();
  });

  it('fills the commune-police role slot from the directory', async () => {
    const { page } = phone;
    // One clear button: ours (the browser's own cross is hidden).
    expect(await page.getByRole('button', { name: 'Xóa tìm kiếm' }).count()).toBe(1);
    const nativeCrossHidden = await page.getByRole('searchbox').evaluate((input) =>
      input.matches('.search-input') &&
      [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]).some((rule) => rule instanceof CSSStyleRule && rule.selectorText.includes('.search-input::-webkit-search-cancel-button') && rule.style.display === 'none'),
    );
    expect(nativeCrossHidden).toBe(true);
    await page.getByRole('button', { name: 'Xóa tìm kiếm' }).click();
    // The contact comes first; the 25 empty role slots wait folded in one group (issue 17 item 14).
    const slot = page.locator('li.slot', { has: page.getByRole('heading', { level: 3, name: /^Công an xã/ }) });
    await page.getByRole('link', { name: 'Gọi Nguyễn Văn Bình, số 0912 345 678' }).waitFor();
    expect(await slot.isVisible()).toBe(false);
    expect(await page.getByRole('region', { name: 'Liên hệ khác' }).getByText('Nguyễn Văn Bình').count()).toBe(1);
    await page.getByText('Xem 25 vai trò chưa có người').click();
    await slot.getByText('Chưa có ai.').waitFor();
    expect({ screen: 'directory', violations: await axeViolations(page) }).toEqual({ screen: 'directory', violations: [] });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    await slot.getByRole('link', { name: /Thêm người/ }).click();
    await page.getByLabel(/Họ tên hoặc tên bộ phận/).fill('Đại úy Lê Văn Hùng');
    await page.getByLabel('Số điện thoại 1').fill('0905 111 222');
    await page.getByRole('button', { name: 'Lưu liên hệ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đại úy Lê Văn Hùng' }).waitFor();
    await page.getByText(/^Công an xã – Đề án 06/).first().waitFor();
  });

  it('still has everything after a reload with no network', async () => {
    const { page } = phone;
    // Served by the service worker, not the network (navigator.onLine is not asked: Chromium 150
    // reports true in a document opened after setOffline).
    const response = await page.goto(`${server.url}/contacts`);
    expect(response?.fromServiceWorker()).toBe(true);
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Danh bạ hỗ trợ' }).waitFor();
    const slot = page.locator('li.slot', { has: page.getByRole('heading', { level: 3, name: /^Công an xã/ }) });
    expect(await slot.getByRole('link', { name: 'Gọi Đại úy Lê Văn Hùng, số 0905 111 222' }).getAttribute('href')).toBe('tel:0905111222');
    await page.getByRole('link', { name: 'Gọi Nguyễn Văn Bình, số 0912 345 678' }).waitFor();

    const contacts = await storeRows(page, 'contacts');
    expect(contacts.map((c) => [c.name, c.phones, c.roleId ?? null, c.deleted]).sort()).toEqual([
      ['Nguyễn Văn Bình', ['0912345678'], null, false],
      ['Đại úy Lê Văn Hùng', ['0905111222'], 'commune-police', false],
    ].sort());
    // Each save queued exactly one change for the server.
    const outbox = await storeRows(page, 'outbox');
    expect(outbox.filter((entry) => entry.table === 'contacts')).toHaveLength(2);
  });

  it('raised no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
