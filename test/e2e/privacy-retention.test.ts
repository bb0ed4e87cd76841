// The province's retention limit (docs/privacy.md "Retention") in a real Chromium against the real
// server: the demo province admin opens it from Settings, sees the default of 12 months, sets 6,
// and the server keeps it; in Vietnamese, 360 px wide, with no axe violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { apiLogin } from './support/api-client';
import { launchPhone, waitForServiceWorkerControl, type Phone } from './support/browser';
import { freePort, startAppServer, type RunningServer } from './support/server';
import { signIn, unlock } from './support/sign-in';

const DEMO_PASSWORD = 'retention-e2e-password';

describe('the retention limit in Chromium', () => {
  let server: RunningServer;
  let phone: Phone;

  beforeAll(async () => {
    server = await startAppServer({ DEMO_PASSWORD, PORT: String(await freePort()) });
    phone = await launchPhone();
    await phone.page.goto(server.url);
    await waitForServiceWorkerControl(phone.page);
    await signIn(phone.page, server.url, 'demo-admin', DEMO_PASSWORD);
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it('the province admin sets how long citizens’ details are kept, and the server keeps it', async () => {
    const { page } = phone;
    await page.goto(`${server.url}/settings`);
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Thời hạn lưu thông tin người dân (tổ trưởng, Sở)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thời hạn lưu thông tin người dân' }).waitFor();
    const months = page.getByLabel('Giữ thông tin cá nhân sau ngày hỗ trợ');
    await expect.poll(() => months.inputValue(), { timeout: 30_000 }).toBe('12');
    await months.selectOption('6');
    await page.getByRole('button', { name: 'Lưu thời hạn' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu: giữ 6 tháng.' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect({ screen: 'retention', violations: await axeViolations(page) }).toEqual({ screen: 'retention', violations: [] });
    const admin = await apiLogin(server.url, 'demo-admin', DEMO_PASSWORD);
    const answer = await fetch(`${server.url}/api/privacy/retention`, { headers: { authorization: `Bearer ${admin.accessToken}` } });
    expect(await answer.json()).toEqual({ months: 6, defaultMonths: 12 });
  });
});
