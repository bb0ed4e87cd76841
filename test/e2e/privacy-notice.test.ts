// The privacy notice a member shows a citizen: reachable from Settings, accessible at 360 px, and
// printed by Chromium on exactly one A4 page with every section and its version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../src/shared/privacy/notice';
import { axeViolations } from './support/axe';
import { launchPhone, type Phone } from './support/browser';
import { startAppServer, type RunningServer } from './support/server';
import { pdfText } from './reports-pdf';

describe('privacy notice', () => {
  let server: RunningServer;
  let phone: Phone;

  beforeAll(async () => {
    server = await startAppServer();
    phone = await launchPhone();
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it('opens from Settings, in Vietnamese, with no accessibility violation', async () => {
    const { page } = phone;
    await page.goto(`${server.url}/settings`);
    await page.getByRole('link', { name: 'Thông báo bảo vệ dữ liệu cá nhân (cho người dân)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thông báo bảo vệ dữ liệu cá nhân' }).waitFor();
    for (const heading of ['1. Chúng tôi ghi những gì', '2. Để làm gì', '3. Giữ trong bao lâu', '4. Ai được xem', '5. Quyền của bạn', '7. Liên hệ']) {
      expect(await page.getByRole('heading', { level: 3, name: heading }).isVisible()).toBe(true);
    }
    expect(await page.getByText(`Phiên bản thông báo: ${PRIVACY_NOTICE_VERSION}`).isVisible()).toBe(true);
    // Members see what the new version changed, and that earlier consents stand (docs/privacy.md).
    expect(await page.getByText('Mới trong phiên bản này: mục 3 nói sổ theo dõi yêu cầu giữ tên người yêu cầu').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('prints on one A4 page, without the app around it', async () => {
    const { page } = phone;
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.bottom-nav').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'In thông báo' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: null });

    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/); // A4 in points
    const { pages, text: raw } = pdfText(pdf);
    const text = raw.replace(/\s+/g, ' ');
    expect(pages).toBe(1);
    for (const words of ['Thông báo về việc xử lý dữ liệu cá nhân', 'Quyền của bạn', '2 ngày làm việc', 'Liên hệ', PRIVACY_NOTICE_VERSION]) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain('In thông báo');
  });
});
