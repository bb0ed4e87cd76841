// The period report (issue #15) in a real Chromium against the real server: the demo leader's
// logs pushed through the sync API and pulled by the phone; offline, the leader opens the period's
// draft, accepts a barrier suggestion (an item tagged with its barrier) and adds a free item to the
// difficulties, prints (the PDF's text read back: motto
// block, number, sections), marks it sent; back online, the submission reaches the server.
// axe-core at 360 px and 1280 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone, waitForServiceWorkerControl, type Phone } from './support/browser';
import { startAppServer, type RunningServer } from './support/server';
import { axeViolations } from './support/axe';
import { signIn, unlock } from './support/sign-in';
import { apiLogin, apiPullAll, apiPush } from './support/api-client';
import { storeRows } from './support/idb';
import { pdfText } from './reports-pdf';
import { formatHlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { reportSubmissionFieldsObject } from '../../src/shared/schemas/period-report';
import { reportPeriodAt } from '../../src/shared/reports/report-period';
import { formatDate, startOfLocalDate, todayLocal } from '../../src/shared/text/dates';

const DEMO_PASSWORD = 'period-report-e2e-password';
const ACCEPTED = 'Trong kỳ có 2 lượt hỗ trợ gặp khó khăn: Cổng dịch vụ công lỗi, chậm.';
const FREE = 'Thiết bị của Tổ đã cũ, máy in hỏng.';
let counter = 0;
const hlc = () => formatHlc({ millis: Date.now(), counter: ++counter, node: 'e2e0000000000015' });

async function seed(server: RunningServer): Promise<void> {
  const session = await apiLogin(server.url, 'demo-leader', DEMO_PASSWORD);
  const now = Date.now();
  const base = Math.max(startOfLocalDate(todayLocal(now)).getTime() + 60_000, now - 30 * 60_000);
  const meta = { communeId: session.user.communeId, createdBy: session.user.id, createdAt: new Date(now).toISOString(), deleted: false };
  const log = (i: number, fields: Record<string, unknown>) => ({ id: uuidv7(), table: 'assistanceLogs' as const, recordId: uuidv7(), hlc: hlc(), fields: { ...meta, serviceId: 'dvc-submit-online', outcome: 'done', occurredAt: new Date(base + i * 1000).toISOString(), ...fields } });
  const pushed = await apiPush(server.url, session, 'e2e-seed', [
    log(1, { outcome: 'partial', barriers: ['portal_down'], onlineSubmission: 'partial' }),
    log(2, { outcome: 'referred', barriers: ['portal_down', 'no_smartphone'] }),
    log(3, { onlineSubmission: 'full', helped: 'household_business' }),
  ]);
  expect(pushed.rejected).toEqual([]);
}

describe('period report in Chromium', () => {
  let server: RunningServer;
  let phone: Phone;
  const pageErrors: string[] = [];
  const period = reportPeriodAt(Date.now());
  const periodText = `${formatDate(period.start)} – ${formatDate(period.end)}`;

  beforeAll(async () => {
    server = await startAppServer({ DEMO_PASSWORD });
    await seed(server);
    phone = await launchPhone();
    phone.page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it('opens the period draft offline with the figures from the phone and suggestions from its barriers', async () => {
    const { page, context } = phone;
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await signIn(page, server.url, 'demo-leader', DEMO_PASSWORD);
    await expect.poll(async () => (await storeRows(page, 'assistanceLogs')).length, { timeout: 30_000 }).toBe(3);
    // The roster's sync brings the commune's official name and its people's names.
    await expect.poll(async () => (await storeRows(page, 'communeProfiles')).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await storeRows(page, 'teamMembers')).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await page.goto(`${server.url}/reports`);
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo định kỳ' }).waitFor();
    await context.setOffline(true);
    await page.reload();
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Báo cáo định kỳ' }).waitFor();
    expect({ screen: 'list', violations: await axeViolations(page) }).toEqual({ screen: 'list', violations: [] });
    await page.getByRole('button', { name: `Kỳ hiện tại: Mở dự thảo kỳ ${periodText}` }).click();
    await page.getByTestId('period-report-editor').waitFor();
    await expect.poll(() => page.getByTestId('period-results').textContent()).toContain('Lượt hỗ trợ người dân: 3');
    expect(await page.getByTestId('period-results').textContent()).toContain('trực tuyến toàn trình 1, một phần 1');
    const difficulties = page.getByTestId('section-difficulties');
    expect(await difficulties.locator('[data-suggestion]').evaluateAll((items) => items.map((i) => i.getAttribute('data-suggestion')))).toEqual(['barrier:portal_down', 'barrier:no_smartphone']);
    expect({ screen: 'editor 360', violations: await axeViolations(page) }).toEqual({ screen: 'editor 360', violations: [] });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  it('accepts a barrier suggestion as an item tagged with its barrier, drops another, adds a free item; they stay after a reload', async () => {
    const { page } = phone;
    const difficulties = page.getByTestId('section-difficulties');
    await difficulties.locator('[data-suggestion="barrier:portal_down"]').getByRole('button', { name: 'Thêm vào' }).click();
    await expect.poll(() => difficulties.getByRole('textbox', { name: 'Ý 1' }).inputValue()).toBe(ACCEPTED);
    expect(await difficulties.getByRole('combobox', { name: 'Thuộc rào cản (ý 1)' }).inputValue()).toBe('portal_down');
    await difficulties.locator('[data-suggestion="barrier:no_smartphone"]').getByRole('button', { name: 'Bỏ qua' }).click();
    await expect.poll(() => difficulties.locator('[data-suggestion]').count()).toBe(0);
    await difficulties.getByRole('button', { name: 'Thêm ý' }).click();
    const free = difficulties.getByRole('textbox', { name: 'Ý 2' });
    await free.fill(FREE);
    await free.blur();
    // A free item is "Khác" until the leader picks a barrier; picking one saves the list.
    expect(await difficulties.getByRole('combobox', { name: 'Thuộc rào cản (ý 2)' }).inputValue()).toBe('');
    await difficulties.getByRole('combobox', { name: 'Thuộc rào cản (ý 2)' }).selectOption({ label: 'Không có điện thoại thông minh' });
    expect({ screen: 'editor items 360', violations: await axeViolations(page) }).toEqual({ screen: 'editor items 360', violations: [] });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // The print view reads the stored draft: the edit is on the phone once it shows there.
    await page.getByRole('link', { name: 'Xem và in (A4)' }).click();
    await page.locator('[data-testid="period-report-print"][data-ready="true"]').getByText(FREE).waitFor();
    await page.reload();
    await unlock(page, DEMO_PASSWORD);
    await page.locator('[data-testid="period-report-print"][data-ready="true"]').getByText(FREE).waitFor();
    await page.getByRole('link', { name: 'Về bản soạn thảo' }).click();
    await page.getByTestId('period-report-editor').waitFor();
    const section = page.getByTestId('section-difficulties');
    expect(await section.getByRole('textbox').evaluateAll((boxes) => boxes.map((b) => (b as HTMLTextAreaElement).value))).toEqual([ACCEPTED, FREE]);
    expect(await section.getByRole('combobox').evaluateAll((boxes) => boxes.map((b) => (b as HTMLSelectElement).value))).toEqual(['portal_down', 'no_smartphone']);
    const proposals = page.getByTestId('section-proposals');
    expect(await proposals.locator('[data-suggestion]').count()).toBe(2);
  });

  it('prints an A4 document in the Decree 30 layout, offline', async () => {
    const { page } = phone;
    await page.getByRole('link', { name: 'Xem và in (A4)' }).click();
    await page.locator('[data-testid="period-report-print"][data-ready="true"]').waitFor();
    expect({ screen: 'print', violations: await axeViolations(page) }).toEqual({ screen: 'print', violations: [] });
    const text = pdfText(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })).text.replace(/\s+/g, ' ');
    for (const expected of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'ỦY BAN NHÂN DÂN XÃ NGỌK BAY', 'Ngọk Bay, ngày', 'Số: /BC-UBND', 'BÁO CÁO', 'I. KẾT QUẢ THỰC HIỆN', 'II. KHÓ KHĂN, VƯỚNG MẮC', 'III. KIẾN NGHỊ, ĐỀ XUẤT', 'IV. KẾ HOẠCH KỲ TIẾP THEO', 'Thiết bị của Tổ đã cũ, máy in hỏng.', 'Nơi nhận:', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']) {
      expect(text, expected).toContain(expected);
    }
    for (const chrome of ['In báo cáo', 'Danh bạ']) expect(text).not.toContain(chrome);
    await page.getByRole('link', { name: 'Về bản soạn thảo' }).click();
    await page.getByTestId('period-report-editor').waitFor();
  });

  it('refuses a malformed number, then marks the report sent offline and prints its number', async () => {
    const { page } = phone;
    const panel = page.getByTestId('submit-panel');
    await panel.getByRole('textbox', { name: 'Số văn bản (ví dụ 14/BC-UBND)' }).fill('14 BC');
    await panel.getByRole('button', { name: 'Đánh dấu đã gửi' }).click();
    await panel.getByText('Số văn bản gồm chữ, chữ số và dấu /, . hoặc - (ví dụ 14/BC-UBND)').waitFor();
    await panel.getByRole('textbox', { name: 'Số văn bản (ví dụ 14/BC-UBND)' }).fill('14/BC-UBND');
    await panel.getByRole('button', { name: 'Đánh dấu đã gửi' }).click();
    const today = formatDate(todayLocal(Date.now()));
    await panel.getByTestId('submitted').getByText(`Đã gửi bản 1: số 14/BC-UBND ngày ${today}, người gửi Tổ trưởng (demo).`).waitFor();
    expect({ screen: 'submitted', violations: await axeViolations(page) }).toEqual({ screen: 'submitted', violations: [] });
    await page.getByRole('link', { name: 'Xem và in (A4)' }).click();
    await page.locator('[data-testid="period-report-print"][data-ready="true"]').waitFor();
    const text = pdfText(await page.pdf({ format: 'A4', preferCSSPageSize: true })).text.replace(/\s+/g, ' ');
    expect(text).toContain('Số: 14/BC-UBND');
    await page.getByRole('link', { name: 'Về bản soạn thảo' }).click();
  });

  it('is laid out and accessible at 1280 px too', async () => {
    const { page } = phone;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('period-report-editor').waitFor();
    expect({ screen: 'editor 1280', violations: await axeViolations(page) }).toEqual({ screen: 'editor 1280', violations: [] });
    await page.setViewportSize({ width: 360, height: 740 });
  });

  it('syncs the draft and the immutable submission when the network is back', async () => {
    const { context } = phone;
    await context.setOffline(false);
    const session = await apiLogin(server.url, 'demo-leader', DEMO_PASSWORD);
    await expect
      .poll(async () => [...((await apiPullAll(server.url, session)).get('reportSubmissions')?.values() ?? [])].map((r) => [r.documentNumber, r.version, r.periodStart]), { timeout: 60_000 })
      .toEqual([['14/BC-UBND', 1, period.start]]);
    const pulled = await apiPullAll(server.url, session);
    const items = [{ text: ACCEPTED, barrier: 'portal_down' }, { text: FREE, barrier: 'no_smartphone' }];
    // The items with their barriers, and the old text field still written as their lines (docs/reports.md).
    expect([...(pulled.get('periodReports')?.values() ?? [])].map((d) => [d.difficulties, d.difficultyItems])).toEqual([[`${ACCEPTED}\n${FREE}`, items]]);
    expect([...(pulled.get('reportSubmissions')?.values() ?? [])].map((d) => d.difficultyItems)).toEqual([items]);
  });

  it('shows a correction sent by the commune office under the name of who sent it, never an id', async () => {
    const { page } = phone;
    const office = await apiLogin(server.url, 'demo-reviewer', DEMO_PASSWORD);
    const [first] = [...((await apiPullAll(server.url, office)).get('reportSubmissions')?.values() ?? [])];
    expect(first).toBeDefined();
    const sent = Object.fromEntries(Object.keys(reportSubmissionFieldsObject.shape).filter((key) => key in first!).map((key) => [key, first![key]]));
    const now = new Date().toISOString();
    const fields = { ...sent, communeId: first!.communeId, createdBy: office.user.id, createdAt: now, deleted: false, version: 2, supersedes: first!.id, documentNumber: '15/BC-UBND', submittedBy: office.user.id, submittedAt: now };
    const pushed = await apiPush(server.url, office, 'e2e-office', [{ id: uuidv7(), table: 'reportSubmissions', recordId: uuidv7(), hlc: hlc(), fields }]);
    expect(pushed.rejected).toEqual([]);
    // A sync round now (the engine also runs one on every 'online' event), not at the next interval.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const panel = page.getByTestId('submit-panel');
    await panel.getByTestId('submitted').getByText(/^Đã gửi bản 2: số 15\/BC-UBND ngày .*, người gửi Lãnh đạo xã \(demo\)\.$/).waitFor({ timeout: 60_000 });
    const history = await panel.getByRole('listitem').allTextContents();
    expect(history).toHaveLength(2);
    expect(history[1]).toContain('người gửi Tổ trưởng (demo).');
    expect((await panel.textContent()) ?? '').not.toContain(office.user.id);
  });

  it('raised no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
