// Service guides (issue 16 item 1) in a real Chromium against the real server: offline, the member
// opens the chosen service's guide from the log form, ticks steps, comes back to the form exactly as
// it was, and the saved log records the steps done; the province admin publishes a new version with a
// picture while the phone is offline, the phone gets it at its next sync, and the picture shows offline.
// Search without diacritics; axe at 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone, waitForServiceWorkerControl, type Phone } from './support/browser';
import { startAppServer, type RunningServer } from './support/server';
import { axeViolations } from './support/axe';
import { signIn } from './support/sign-in';
import { apiLogin } from './support/api-client';
import { withHooks } from './support/page-hooks';

const DEMO_PASSWORD = 'guides-e2e-password';
const ACTIVATE = 'Kích hoạt tài khoản định danh điện tử mức độ 2';
const CODE = 'vneid-activate-level2';
// A real 8×8 JPEG (white), so the phone decodes it: the picture must load offline.
const JPEG =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAAIAAgBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';

describe('service guides', () => {
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

  it('opens the guide from the log form offline, ticks steps, comes back to the form intact; the log records the steps done', async () => {
    const { page, context } = phone;
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await signIn(page, server.url, 'demo-member', DEMO_PASSWORD);
    await expect.poll(async () => (await withHooks(page, (h) => h.rows('serviceGuides'), null)).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
    await context.setOffline(true);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hỗ trợ' }).click();
    await page.getByRole('link', { name: 'Ghi mới' }).click();
    await page.getByRole('radio', { name: ACTIVATE }).check();
    await page.getByRole('radio', { name: 'Xong một phần' }).check();
    await page.getByLabel('Ghi chú').fill('Bà chưa nhớ mật khẩu');
    await page.getByRole('button', { name: 'Hướng dẫn', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: ACTIVATE }).waitFor();
    const guide = page.getByRole('region', { name: 'Hướng dẫn dịch vụ' });
    for (const n of [1, 2, 3]) await guide.getByRole('listitem').nth(n - 1).getByRole('checkbox').check();
    // The form stays mounted (hidden) under the guide, its own progress line with it: read the guide's.
    await guide.getByRole('status').filter({ hasText: 'Đã làm 3/7 bước' }).waitFor();
    await page.getByRole('link', { name: /camthanh|Cam Thành/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Quay lại' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Ghi nhận hỗ trợ' }).waitFor();
    await expect.poll(() => page.getByLabel('Ghi chú').inputValue()).toBe('Bà chưa nhớ mật khẩu');
    expect(await page.getByRole('radio', { name: ACTIVATE }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Xong một phần' }).isChecked()).toBe(true);
    await page.getByText('Đã làm 3/7 bước').waitFor();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Hỗ trợ người dân' }).waitFor();
    await expect
      .poll(async () => (await withHooks(page, (h) => h.rows('assistanceLogs'), null)).map((row) => (row as { guideProgress?: unknown }).guideProgress))
      .toEqual([{ version: 1, done: ['s1', 's2', 's3'], total: 7 }]);
    await page.getByRole('link', { name: new RegExp(ACTIVATE) }).first().click();
    await page.getByText('Đã làm 3/7 bước').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("gets the admin's new version with its picture at the next sync, and shows it offline; search ignores diacritics", async () => {
    const { page, context } = phone;
    const admin = await apiLogin(server.url, 'demo-admin', DEMO_PASSWORD);
    const steps = [
      { id: 's1', text: 'Mở ứng dụng VNeID, chọn "Kích hoạt tài khoản định danh điện tử".', newImage: { mime: 'image/jpeg', data: JPEG, width: 8, height: 8 } },
      { id: 's2', text: 'Nhập số định danh cá nhân và số điện thoại, chọn "Gửi yêu cầu".' },
    ];
    const body = { basedOn: 1, summary: 'Phiên bản mới của tỉnh.', steps, bring: ['Thẻ căn cước gắn chíp'], failures: [], sourceTitle: 'Công an xã Cam Thành', sourceUrl: 'https://camthanh.camlo.quangtri.gov.vn/' };
    const res = await fetch(`${server.url}/api/admin/guides/${CODE}`, { method: 'PUT', headers: { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    // Still offline: the phone keeps version 1.
    expect((await withHooks(page, (h) => h.rows('serviceGuides'), null)).find((g) => (g as { serviceCode: string }).serviceCode === CODE)).toMatchObject({ version: 1 });
    await context.setOffline(false);
    await expect.poll(async () => (await withHooks(page, (h) => h.rows('guideImages'), null)).length, { timeout: 60_000 }).toBe(1);
    await context.setOffline(true);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hỗ trợ' }).click();
    const parts = page.getByRole('navigation', { name: 'Các phần của mục Hỗ trợ' });
    await parts.getByRole('link', { name: 'Hướng dẫn' }).click();
    // Four parts at 360 px: each label whole on one line, none cut (two rows of two).
    const labels = await parts.getByRole('link').evaluateAll((links) =>
      links.map((a) => {
        const words = document.createRange();
        words.selectNodeContents(a.firstChild as Node);
        return { text: a.firstChild?.textContent, cut: a.scrollWidth > a.clientWidth, lines: words.getClientRects().length };
      }),
    );
    expect(labels).toEqual(['Lượt hỗ trợ', 'Hẹn lại', 'Học vụ số', 'Hướng dẫn'].map((text) => ({ text, cut: false, lines: 1 })));
    await page.getByRole('searchbox', { name: 'Tìm hướng dẫn' }).fill('kich hoat muc do 2');
    await page.getByRole('link', { name: ACTIVATE }).click();
    await page.getByText('Phiên bản 2').waitFor();
    const picture = page.getByRole('img', { name: 'Ảnh minh họa bước 1' });
    await picture.scrollIntoViewIfNeeded();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(8);
    expect(await axeViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
