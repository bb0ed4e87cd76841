// The province's report settings screen (/admin/report-settings; docs/reports.md "Due date",
// "Indicators against targets") in a real Chromium against the real server: the admin saves the
// days after a period's end a report is due, a value out of range is refused in words and cannot
// be saved, and the province's compiled view dates the report by the saved day. When someone else
// publishes meanwhile (another admin, or the same admin on another phone), a save is refused (409):
// the screen says what was not saved — the due day, or the indicator the admin changed, never a
// change it cannot know the other made — offers "Tải lại", and the server keeps the other's
// settings; after the reload the screen shows them and the admin's next save goes through.
// axe-core at 360 px.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, expectNoSideScroll } from './support/axe';
import { apiLogin, type ApiSession } from './support/api-client';
import { installAndSignIn, phonesWorld } from './support/phone-world';
import { unlock } from './support/sign-in';
import { DEFAULT_DUE_DAYS_AFTER_END, reportDueDate, reportPeriodAt, shiftReportPeriod } from '../../src/shared/reports/report-period';
import { DUE_DAYS_MAX } from '../../src/shared/schemas/report-settings';
import { formatDate } from '../../src/shared/text/dates';

const DEMO_PASSWORD = 'report-settings-e2e-password';
const TITLE = 'Chỉ tiêu và hạn báo cáo';
const DUE_LABEL = `Hạn gửi báo cáo: số ngày sau ngày cuối kỳ (0–${DUE_DAYS_MAX})`;
const SAVED = 'Đã lưu. Máy của các tổ nhận thay đổi ở lần đồng bộ sau.';
const ELSEWHERE = 'cài đặt báo cáo vừa được lưu ở nơi khác (quản trị viên khác, hoặc bạn trên máy khác).';
const STALE_DUE = `Hạn gửi chưa được lưu: ${ELSEWHERE} Bấm “Tải lại” rồi sửa lại.`;
const staleIndicator = (name: string) => `Chỉ tiêu “${name}” chưa được lưu: ${ELSEWHERE} Bấm “Tải lại” rồi làm lại.`;
const OTHERS = 'Số hộ được hướng dẫn dùng VNeID';

interface Published {
  version: number;
  dueDaysAfterEnd: number;
  indicators: { id: string; name: string }[];
}

/** The settings as the server holds them (the editor's own API, as another admin's phone reads it). */
async function serverSettings(url: string, session: ApiSession): Promise<Published | null> {
  const res = await fetch(`${url}/api/admin/report-settings`, { headers: { authorization: `Bearer ${session.accessToken}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { settings: Published | null }).settings;
}

/** Another admin's publication: a due day and one indicator (its target), based on the version they read. */
async function publishElsewhere(url: string, session: ApiSession, basedOn: number, dueDaysAfterEnd: number, target = 200): Promise<void> {
  const indicator = { id: 'vneid-ho', name: OTHERS, unit: 'hộ', source: 'manual', target, communeTargets: [], from: '2026-01-01', to: '2027-12-31', active: true };
  const res = await fetch(`${url}/api/admin/report-settings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ basedOn, dueDaysAfterEnd, indicators: [indicator] }),
  });
  expect(res.status).toBe(200);
}

async function openSettings(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/admin/report-settings`);
  await unlock(page, DEMO_PASSWORD);
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
}

async function axeClean(page: Page, screen: string): Promise<void> {
  expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
  await expectNoSideScroll(page);
}

describe('report settings in Chromium', () => {
  const world = phonesWorld({ DEMO_PASSWORD }, { admin: {} });
  let elsewhere: ApiSession;

  it('the admin saves the due day; a value out of range is refused in words and cannot be saved; the server holds it', async () => {
    const { page } = world.admin;
    elsewhere = await apiLogin(world.server.url, 'demo-admin', DEMO_PASSWORD);
    await installAndSignIn(page, world.server.url, 'demo-admin', DEMO_PASSWORD);
    await openSettings(page, world.server.url);
    const field = page.getByLabel(DUE_LABEL);
    const save = page.getByRole('button', { name: 'Lưu hạn gửi' });
    expect(await field.inputValue()).toBe(String(DEFAULT_DUE_DAYS_AFTER_END));
    // Nothing changed yet: nothing to save.
    expect(await save.isDisabled()).toBe(true);

    for (const wrong of [String(DUE_DAYS_MAX + 1), 'mười', '-3']) {
      await field.fill(wrong);
      await page.getByText('Kiểm tra lại các ô đã nhập.').waitFor();
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await save.isDisabled()).toBe(true);
    }
    await axeClean(page, 'due day refused');

    await field.fill('10');
    expect(await field.getAttribute('aria-invalid')).toBe('false');
    await save.click();
    await page.getByText(SAVED).waitFor();
    expect(await serverSettings(world.server.url, elsewhere)).toMatchObject({ version: 1, dueDaysAfterEnd: 10, indicators: [] });
    await axeClean(page, 'due day saved');

    // A fresh visit starts from the server's value.
    await openSettings(page, world.server.url);
    await expect.poll(() => page.getByLabel(DUE_LABEL).inputValue()).toBe('10');
  });

  it('someone else publishes meanwhile: the save is refused with "Tải lại", nothing of theirs is lost; after the reload the next save goes through', async () => {
    const { page } = world.admin;
    await publishElsewhere(world.server.url, elsewhere, 1, 12);

    // The screen still shows version 1 and 10 days.
    const field = page.getByLabel(DUE_LABEL);
    expect(await field.inputValue()).toBe('10');
    await field.fill('15');
    await page.getByRole('button', { name: 'Lưu hạn gửi' }).click();
    // The admin changed only the due day: the refusal names it (the other's change is not known here).
    await page.getByText(STALE_DUE, { exact: true }).waitFor();
    const reload = page.getByRole('button', { name: 'Tải lại' });
    await reload.waitFor();
    await axeClean(page, 'settings stale');
    expect(await serverSettings(world.server.url, elsewhere)).toMatchObject({ version: 2, dueDaysAfterEnd: 12, indicators: [{ id: 'vneid-ho', name: OTHERS }] });

    await reload.click();
    await page.getByTestId('indicator-list').getByText(OTHERS).waitFor();
    await expect.poll(() => field.inputValue()).toBe('12');
    expect(await page.getByText(STALE_DUE).count()).toBe(0);
    expect(await reload.count()).toBe(0);

    await field.fill('15');
    await page.getByRole('button', { name: 'Lưu hạn gửi' }).click();
    await page.getByText(SAVED).waitFor();
    // The other admin's indicator stays: a publication carries the whole settings the screen read.
    expect(await serverSettings(world.server.url, elsewhere)).toMatchObject({ version: 3, dueDaysAfterEnd: 15, indicators: [{ id: 'vneid-ho', name: OTHERS }] });
    await axeClean(page, 'settings saved after reload');

    // Another publication changes only the indicator's target; the admin, still on version 3,
    // retires it: the refusal names the indicator, not the due day; the server keeps it active.
    await publishElsewhere(world.server.url, elsewhere, 3, 15, 250);
    await page.getByRole('button', { name: `Ngừng dùng: ${OTHERS}` }).click();
    await page.getByText(staleIndicator(OTHERS), { exact: true }).waitFor();
    expect(await page.getByText(STALE_DUE).count()).toBe(0);
    await axeClean(page, 'indicator stale');
    expect(await serverSettings(world.server.url, elsewhere)).toMatchObject({ version: 4, dueDaysAfterEnd: 15, indicators: [{ id: 'vneid-ho', target: 250, active: true }] });
    await reload.click();
    await expect.poll(() => page.getByText(staleIndicator(OTHERS)).count()).toBe(0);
  });

  it("the province's compiled view dates a period's report by the saved due day", async () => {
    const { page } = world.admin;
    const period = shiftReportPeriod(reportPeriodAt(Date.now()), -1);
    await page.goto(`${world.server.url}/period-report/province`);
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Báo cáo tổng hợp của các xã' }).waitFor();
    await page.getByLabel('Kỳ báo cáo').selectOption({ label: `Kỳ ${formatDate(period.start)} – ${formatDate(period.end)}` });
    await page.getByTestId('compiled-report').getByText(`Hạn gửi: ${formatDate(reportDueDate(period, 15))}`).waitFor();
  });
});
