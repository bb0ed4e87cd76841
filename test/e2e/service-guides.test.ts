// Service guides (issue 16 item 1) in a real Chromium against the real server: offline, the member
// opens the chosen service's guide from the log form, ticks steps, comes back to the form exactly as
// it was, and the saved log records the steps done; the province admin edits the guide in the console
// on a 360 px phone and publishes a new version with a picture shrunk on the phone while the member's
// phone is offline; that phone gets it at its next sync and the picture shows offline. An unchanged,
// a wrong or a stale version is refused in words (a stale one with a way to reload). Search without
// diacritics; axe at 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone, waitForServiceWorkerControl, type Phone } from './support/browser';
import { startAppServer, type RunningServer } from './support/server';
import { axeViolations } from './support/axe';
import { signIn, unlock } from './support/sign-in';
import { apiLogin, apiPullAll } from './support/api-client';
import { withHooks } from './support/page-hooks';

const DEMO_PASSWORD = 'guides-e2e-password';
const ACTIVATE = 'Kích hoạt tài khoản định danh điện tử mức độ 2';
const CODE = 'vneid-activate-level2';
const STEP_ONE = 'Mở ứng dụng VNeID, chọn "Kích hoạt tài khoản" ở màn hình đăng nhập.';

describe('service guides', () => {
  let server: RunningServer;
  let phone: Phone;
  let admin: Phone;
  const pageErrors: string[] = [];
  const adminErrors: string[] = [];

  beforeAll(async () => {
    server = await startAppServer({ DEMO_PASSWORD });
    [phone, admin] = await Promise.all([launchPhone(), launchPhone()]);
    phone.page.on('pageerror', (error) => pageErrors.push(error.message));
    admin.page.on('pageerror', (error) => adminErrors.push(error.message));
  });
  afterAll(async () => {
    await Promise.all([phone?.close(), admin?.close()]);
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

  it("the province admin edits the guide on a 360 px phone — new wording, a step's picture shrunk on the phone — and publishes version 2", async () => {
    const { page } = admin;
    await signIn(page, server.url, 'demo-admin', DEMO_PASSWORD);
    await page.goto(`${server.url}/admin`);
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Hướng dẫn dịch vụ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Soạn hướng dẫn dịch vụ' }).waitFor();
    await page.getByText('Đã có – phiên bản 1').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: `Sửa và đăng phiên bản mới: ${ACTIVATE}` }).click();
    await page.getByText('Đang sửa từ phiên bản 1').waitFor();
    const steps = page.getByRole('list', { name: 'Các bước' });
    expect(await steps.getByRole('group').count()).toBe(7);
    // Unchanged: refused in words, nothing published.
    await page.getByRole('button', { name: 'Đăng phiên bản mới' }).click();
    await page.getByText('Chưa có gì thay đổi so với phiên bản 1, nên chưa đăng.').waitFor();

    const first = steps.getByRole('group', { name: 'Bước 1', exact: true });
    await first.getByLabel('Nội dung bước 1').fill(STEP_ONE);
    // A 1200 × 900 screenshot as a phone would take it: the editor sends at most 480 px wide, within the picture limit.
    const png = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 1200;
      canvas.height = 900;
      const g = canvas.getContext('2d')!;
      for (let y = 0; y < 900; y += 30) for (let x = 0; x < 1200; x += 40) { g.fillStyle = `hsl(${(x + y) % 360} 70% 50%)`; g.fillRect(x, y, 40, 30); }
      return canvas.toDataURL('image/png').split(',')[1]!;
    });
    await first.getByLabel('Ảnh cho bước 1').setInputFiles({ name: 'vneid.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
    await first.getByText(/^Ảnh đã nén: \d+ KB$/).waitFor();
    await first.getByRole('img', { name: 'Ảnh minh họa bước 1' }).waitFor();
    // The last two steps go; a step is added at the end.
    await steps.getByRole('button', { name: 'Xóa bước 7' }).click();
    await steps.getByRole('button', { name: 'Xóa bước 6' }).click();
    await page.getByRole('button', { name: 'Thêm bước' }).click();
    await steps.getByRole('group', { name: 'Bước 6', exact: true }).getByLabel('Nội dung bước 6').fill('Đăng nhập lại để thấy tài khoản mức 2.');
    await page.getByLabel('Địa chỉ nguồn (https://…)').fill('http://camthanh.camlo.quangtri.gov.vn/');
    await page.getByRole('button', { name: 'Đăng phiên bản mới' }).click();
    await page.getByText('Chưa đăng được: Địa chỉ nguồn (https://…)').waitFor();
    await page.getByLabel('Địa chỉ nguồn (https://…)').fill('https://camthanh.camlo.quangtri.gov.vn/');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Đăng phiên bản mới' }).click();
    await page.getByText('Đã đăng phiên bản 2.').waitFor();

    const pulled = await apiPullAll(server.url, await apiLogin(server.url, 'demo-admin', DEMO_PASSWORD));
    const guide = [...(pulled.get('serviceGuides')?.values() ?? [])].find((row) => row.serviceCode === CODE)!;
    expect(guide).toMatchObject({ version: 2 });
    expect((guide.steps as { id: string }[]).map((step) => step.id)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6']);
    const pictures = [...(pulled.get('guideImages')?.values() ?? [])];
    expect(pictures).toHaveLength(1);
    expect(pictures[0]).toMatchObject({ mime: 'image/webp', width: 480, height: 360 });
    expect((pictures[0]!.data as string).length).toBeLessThanOrEqual(40_000);
    expect(adminErrors).toEqual([]);
  });

  it("gets the admin's new version with its picture at the next sync, and shows it offline; search ignores diacritics", async () => {
    const { page, context } = phone;
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
    await page.getByText(STEP_ONE).waitFor();
    const picture = page.getByRole('img', { name: 'Ảnh minh họa bước 1' });
    await picture.scrollIntoViewIfNeeded();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
    expect(await axeViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('a version published by someone else meanwhile: the edit is refused in words, with a way to load the newest', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: `Sửa và đăng phiên bản mới: ${ACTIVATE}` }).click();
    await page.getByText('Đang sửa từ phiên bản 2').waitFor();
    const other = await apiLogin(server.url, 'demo-admin', DEMO_PASSWORD);
    const v2 = [...((await apiPullAll(server.url, other)).get('serviceGuides')?.values() ?? [])].find((row) => row.serviceCode === CODE)!;
    const { summary: _summary, steps, bring, failures, sourceTitle, sourceUrl } = v2 as Record<string, unknown>;
    const answer = await fetch(`${server.url}/api/admin/guides/${CODE}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${other.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ basedOn: 2, summary: 'Bản tóm tắt của quản trị viên khác.', steps, bring, failures, sourceTitle, sourceUrl }),
    });
    expect(answer.status).toBe(200);
    await page.getByLabel('Tóm tắt (không bắt buộc)').fill('Bản tóm tắt của tôi.');
    await page.getByRole('button', { name: 'Đăng phiên bản mới' }).click();
    await page.getByText('Trong lúc bạn sửa, một phiên bản mới hơn của hướng dẫn này đã được đăng (có thể bởi một quản trị viên khác). Thay đổi của bạn chưa được lưu.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tải phiên bản mới nhất và sửa lại' }).click();
    await page.getByText('Đang sửa từ phiên bản 3').waitFor();
    await expect.poll(() => page.getByLabel('Tóm tắt (không bắt buộc)').inputValue()).toBe('Bản tóm tắt của quản trị viên khác.');
    expect(adminErrors).toEqual([]);
  });
});
