// The province's compiled view (issue 15 item 5) in a real Chromium against the real server: two
// communes' leaders send their period reports through the sync API (one a correction, one late),
// a third commune sends nothing; the demo province admin opens the compiled view, sees every
// commune by name with its status, document, sender and the summed figures, and downloads the
// compiled .docx, whose text (unzipped from the file) holds the heading, the totals, the
// difficulties grouped by barrier (one commune's items tagged, the other's an old free text under
// "Khác"), each naming its commune, and the appendix of the units that reported.
// axe-core at 360 px and 1280 px.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone, type Phone } from './support/browser';
import { ROOT, startAppServer, type RunningServer } from './support/server';
import { axeViolations } from './support/axe';
import { signIn, unlock } from './support/sign-in';
import { apiLogin, apiPush, type ApiSession } from './support/api-client';
import { pdfText } from './reports-pdf';
import { formatHlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { reportSubmissionFieldsObject, type PeriodResults } from '../../src/shared/schemas/period-report';
import { reportDueDate, reportPeriodAt, shiftReportPeriod, submissionState } from '../../src/shared/reports/report-period';
import { itemsPatch } from '../../src/shared/reports/report-items';
import { addDays, formatDate, todayLocal } from '../../src/shared/text/dates';

const DEMO_PASSWORD = 'province-view-e2e-password';
const SECOND = { id: 'e2e-ia-dal', name: 'Xã Ia Đal', leader: 'leader-ia-dal', display: "Rơ Châm H'Lan" };
const SILENT = { id: 'e2e-son-ha', name: 'Xã Sơn Hạ' };
// The view opens on the period before the current one: the one the province compiles.
const PERIOD = shiftReportPeriod(reportPeriodAt(Date.now()), -1);
// The demo commune's report: its draft reaches the server too, so the province can return it.
const DEMO_REPORT = uuidv7();
let counter = 0;
const hlc = () => formatHlc({ millis: Date.now(), counter: ++counter, node: 'e2e0000000000155' });

function admin(server: RunningServer, ...args: string[]): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'src/server/admin-cli.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'warn' }, stdio: 'pipe', timeout: 120_000 });
}

function results(logs: number, extra: Partial<PeriodResults> = {}): PeriodResults {
  const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  return {
    logs,
    onTeamDevice: 0,
    outcomes: { ...zeros(['done', 'partial', 'referred', 'failed']), done: logs },
    byGroup: { ...zeros(['vneid', 'public-service', 'payments', 'skills', 'other']), vneid: logs },
    onlineSubmission: { full: 0, partial: 0 },
    helped: zeros(['citizen', 'household_business', 'official', 'unrecorded']),
    sessions: 1,
    participants: 10,
    trained: { ...zeros(['leaders', 'full_time_officials', 'staff', 'citizens', 'unrecorded']), citizens: 10 },
    reached: { paymentAccount: 1, smartphone: 0 },
    barriers: zeros(['no_smartphone', 'no_chip_id', 'vneid_not_level2', 'no_bank_account', 'portal_down', 'weak_network', 'language', 'disability', 'other']),
    readinessPercent: null,
    blockedItems: 0,
    overdueItems: 0,
    followUpsOpen: 0,
    ...extra,
  };
}

/** The second commune writes its difficulties as items tagged by barrier; the demo commune's are an old free text (one untagged item). */
const SECOND_ITEMS = itemsPatch('difficulties', [
  { text: 'Thôn 3 chưa có sóng.', barrier: 'weak_network' },
  { text: 'Cổng dịch vụ công chậm.', barrier: 'portal_down' },
]);
const DIFFICULTY_LINES = [
  '1. Cổng dịch vụ công lỗi, chậm (1 đơn vị):',
  '- Cổng dịch vụ công chậm. (Xã Ia Đal)',
  '2. Mạng yếu (1 đơn vị):',
  '- Thôn 3 chưa có sóng. (Xã Ia Đal)',
  '3. Khác (1 đơn vị):',
  '- Cổng dịch vụ công chậm. (Xã Ngọk Bay (demo))',
];

async function submit(server: RunningServer, session: ApiSession, version: number, fields: { documentNumber: string; documentDate: string; results: PeriodResults; reportId: string } & Record<string, unknown>): Promise<void> {
  const at = new Date().toISOString();
  const record = reportSubmissionFieldsObject.parse({
    ...fields,
    version,
    supersedes: null,
    kind: 'period',
    periodStart: PERIOD.start,
    periodEnd: PERIOD.end,
    submittedBy: session.user.id,
    submittedAt: at,
    proposals: null,
  });
  const pushed = await apiPush(server.url, session, `e2e-${session.user.username}`, [
    { id: uuidv7(), table: 'reportSubmissions', recordId: uuidv7(), hlc: hlc(), fields: { ...record, communeId: session.user.communeId, createdBy: session.user.id, createdAt: at, deleted: false } },
  ]);
  expect(pushed.rejected).toEqual([]);
}

describe('province compiled view in Chromium', () => {
  let server: RunningServer;
  let phone: Phone;
  const pageErrors: string[] = [];
  const late = addDays(reportDueDate(PERIOD), 2);

  beforeAll(async () => {
    server = await startAppServer({ DEMO_PASSWORD });
    admin(server, 'create-commune', '--id', SECOND.id, '--name', SECOND.name, '--province', 'quang-ngai');
    admin(server, 'create-commune', '--id', SILENT.id, '--name', SILENT.name, '--province', 'quang-ngai');
    admin(server, 'create-user', '--username', SECOND.leader, '--password', DEMO_PASSWORD, '--role', 'leader', '--commune', SECOND.id, '--display-name', SECOND.display);
    const demo = await apiLogin(server.url, 'demo-leader', DEMO_PASSWORD);
    const second = await apiLogin(server.url, SECOND.leader, DEMO_PASSWORD);
    const demoReport = DEMO_REPORT;
    const at = new Date().toISOString();
    const draft = { kind: 'period', periodStart: PERIOD.start, periodEnd: PERIOD.end, difficulties: 'Cổng dịch vụ công chậm.', communeId: demo.user.communeId, createdBy: demo.user.id, createdAt: at, deleted: false };
    expect((await apiPush(server.url, demo, 'e2e-demo-draft', [{ id: uuidv7(), table: 'periodReports', recordId: demoReport, hlc: hlc(), fields: draft }])).rejected).toEqual([]);
    // The demo commune's first version, then its correction: the view shows the correction.
    await submit(server, demo, 1, { reportId: demoReport, documentNumber: '13/BC-UBND', documentDate: PERIOD.end, results: results(99), difficulties: 'Bản cũ.' });
    await submit(server, demo, 2, { reportId: demoReport, documentNumber: '14/BC-UBND', documentDate: addDays(PERIOD.end, 1), results: results(12, { readinessPercent: 40 }), difficulties: 'Cổng dịch vụ công chậm.' });
    await submit(server, second, 1, { reportId: uuidv7(), documentNumber: '7/BC-UBND', documentDate: late, results: results(5, { readinessPercent: 61 }), ...SECOND_ITEMS });
    phone = await launchPhone();
    phone.page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it('shows the admin every commune by name: sent, a correction, late, and missing or not due', async () => {
    const { page } = phone;
    await signIn(page, server.url, 'demo-admin', DEMO_PASSWORD);
    await page.goto(`${server.url}/reports`);
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Báo cáo định kỳ các xã đã gửi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo tổng hợp của các xã' }).waitFor();
    const items = page.getByTestId('compiled-commune');
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(3);
    const texts = await items.allTextContents();
    const [ia, ngok, son] = texts;
    expect(ia).toContain(SECOND.name);
    expect(ia).toContain('Gửi muộn');
    expect(ia).toContain(`Số 7/BC-UBND ngày ${formatDate(late)}`);
    expect(ia).toContain(`Người gửi: ${SECOND.display}`);
    expect(ngok).toContain('Xã Ngọk Bay (demo)');
    expect(ngok).toContain(`Số 14/BC-UBND ngày ${formatDate(addDays(PERIOD.end, 1))} · Bản sửa lần 2`);
    expect(ngok).toContain('Người gửi: Tổ trưởng (demo)');
    // Difficulties grouped by barrier, each with its commune; the demo commune's old text under "Khác"; the replaced version nowhere.
    const groups = page.getByTestId('compiled-difficulties');
    expect(await groups.locator('[data-barrier]').evaluateAll((els) => els.map((el) => el.getAttribute('data-barrier')))).toEqual(['portal_down', 'weak_network', 'none']);
    expect(await groups.locator('[data-barrier="weak_network"]').textContent()).toBe('Mạng yếu1 đơn vị nêuThôn 3 chưa có sóng. (Xã Ia Đal)');
    expect(await groups.locator('[data-barrier="none"] li').allTextContents()).toEqual(['Cổng dịch vụ công chậm. (Xã Ngọk Bay (demo))']);
    expect(await groups.textContent()).not.toContain('Bản cũ.');
    expect(son).toContain(SILENT.name);
    expect(son).toContain(submissionState(PERIOD, null, todayLocal(Date.now())) === 'missing' ? 'Chưa gửi (quá hạn)' : 'Chưa gửi (chưa đến hạn)');
    expect(son).toContain('Chưa đồng bộ lần nào');
    // The leaders signed in through the API and never pulled: names only, never an id.
    expect(texts.join(' ')).not.toMatch(/e2e-ia-dal|demo-xa-ngok-bay|[0-9a-f]{8}-[0-9a-f]{4}-/);
    await expect.poll(() => page.getByRole('heading', { name: 'Đã gửi 2/3 xã, phường' }).count()).toBe(1);
    const totals = await page.getByTestId('compiled-totals').locator('li').allTextContents();
    expect(totals[0]).toMatch(/^1\. Lượt hỗ trợ người dân: 17\. Kết quả: hoàn thành 17,/);
    expect(totals[3]).toContain('Buổi hướng dẫn nhóm: 2; Lượt người tham dự: 20');
    expect(totals[5]).toContain('Mức sẵn sàng danh mục kiểm tra: 50%');
    expect(totals[6]).toContain('người dân được mở tài khoản thanh toán: 2');
    expect({ screen: 'compiled 360', violations: await axeViolations(page) }).toEqual({ screen: 'compiled 360', violations: [] });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(360);
  });

  it('downloads the compiled report as .docx: heading, totals, difficulties by commune, the appendix of units', async () => {
    const { page } = phone;
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải báo cáo tổng hợp (Word)' }).click()]);
    expect(file.suggestedFilename()).toBe(`bao-cao-tong-hop-${PERIOD.start}-${PERIOD.end}.docx`);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync((await file.path()))))['word/document.xml']!);
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).filter((s) => s !== '');
    for (const text of ['ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'Số:      /BC-SKHCN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số đơn vị đã gửi báo cáo: 2/3 (gửi muộn: 1).', `Đơn vị chưa gửi báo cáo: ${SILENT.name}.`, 'GIÁM ĐỐC']) {
      expect(paragraphs, text).toContain(text);
    }
    // Section II grouped by barrier, the most communes first, each item naming its commune.
    const ii = paragraphs.findIndex((p) => p === 'II. KHÓ KHĂN, VƯỚNG MẮC');
    expect(paragraphs.slice(ii + 1, ii + 1 + DIFFICULTY_LINES.length)).toEqual(DIFFICULTY_LINES);
    expect(paragraphs.some((p) => p.startsWith('1. Lượt hỗ trợ người dân: 17.'))).toBe(true);
    expect(paragraphs.join(' ')).not.toContain('Bản cũ.');
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) => [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));
    expect(rows.slice(rows.findIndex((r) => r[0] === 'STT'))).toEqual([
      ['STT', 'Đơn vị', 'Số, ngày văn bản', 'Ghi chú'],
      ['1', SECOND.name, `7/BC-UBND ngày ${formatDate(late)}`, 'Gửi muộn'],
      ['2', 'Xã Ngọk Bay (demo)', `14/BC-UBND ngày ${formatDate(addDays(PERIOD.end, 1))}`, 'bản sửa lần 2'],
    ]);
    expect(xml).not.toMatch(/e2e-ia-dal|demo-xa-ngok-bay/);
  });

  it('prints the compiled report on A4: heading, totals, the communes not sent and the appendix of units', async () => {
    const { page } = phone;
    await page.getByRole('button', { name: 'Xem và in báo cáo tổng hợp (A4)' }).click();
    await page.getByTestId('compiled-print').getByText('PHỤ LỤC', { exact: false }).first().waitFor();
    expect({ screen: 'compiled print', violations: await axeViolations(page) }).toEqual({ screen: 'compiled print', violations: [] });
    const text = pdfText(await page.pdf({ format: 'A4', preferCSSPageSize: true })).text.replace(/\s+/g, ' ');
    for (const expected of ['ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'Số: /BC-SKHCN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số đơn vị đã gửi báo cáo: 2/3 (gửi muộn: 1).', `Đơn vị chưa gửi báo cáo: ${SILENT.name}.`, '1. Lượt hỗ trợ người dân: 17.', '- Thôn 3 chưa có sóng. (Xã Ia Đal)', '3. Khác (1 đơn vị):', 'GIÁM ĐỐC', 'STT', `7/BC-UBND ngày ${formatDate(late)}`, `14/BC-UBND ngày ${formatDate(addDays(PERIOD.end, 1))}`]) {
      expect(text, expected).toContain(expected);
    }
    // The appendix starts on its own page; the screen's buttons and the app's bars are not printed.
    for (const chrome of ['In báo cáo', 'Về danh sách các xã', 'Trang chủ']) expect(text).not.toContain(chrome);
    await page.getByRole('button', { name: 'Về danh sách các xã' }).click();
    await page.getByTestId('compiled-report').waitFor();
  });

  it('returns a report for correction with a reason; the commune\'s leader sees it on the phone', async () => {
    const { page } = phone;
    const ngok = page.getByTestId('compiled-commune').filter({ hasText: 'Xã Ngọk Bay (demo)' });
    await ngok.getByRole('button', { name: 'Trả lại để xã sửa' }).click();
    await ngok.getByRole('button', { name: 'Gửi trả lại' }).click();
    await ngok.getByText('Hãy ghi lý do, ít nhất 3 ký tự.').waitFor();
    await ngok.getByRole('textbox', { name: 'Lý do trả lại (xã sẽ thấy)' }).fill('Thiếu số liệu buổi hướng dẫn nhóm.');
    expect({ screen: 'return form', violations: await axeViolations(page) }).toEqual({ screen: 'return form', violations: [] });
    await ngok.getByRole('button', { name: 'Gửi trả lại' }).click();
    await ngok.getByTestId('compiled-returned').waitFor({ timeout: 30_000 });
    const today = formatDate(todayLocal(Date.now()));
    expect(await ngok.textContent()).toContain('Đã trả lại để sửa');
    expect(await ngok.getByTestId('compiled-returned').textContent()).toBe(`Trả lại ngày ${today}. Lý do: Thiếu số liệu buổi hướng dẫn nhóm.`);
    expect(await ngok.getByRole('button', { name: 'Trả lại để xã sửa' }).count()).toBe(0);
    // The leader's phone pulls the draft with the province's reason.
    const leader = await launchPhone();
    try {
      await signIn(leader.page, server.url, 'demo-leader', DEMO_PASSWORD);
      await leader.page.goto(`${server.url}/period-report/${DEMO_REPORT}`);
      await unlock(leader.page, DEMO_PASSWORD);
      const notice = leader.page.getByTestId('returned-notice');
      await notice.waitFor({ timeout: 60_000 });
      expect(await notice.textContent()).toContain(`Tỉnh đã trả lại bản 2 ngày ${today} để sửa. Lý do: Thiếu số liệu buổi hướng dẫn nhóm.`);
      expect({ screen: 'returned notice', violations: await axeViolations(leader.page) }).toEqual({ screen: 'returned notice', violations: [] });
    } finally {
      await leader.close();
    }
  });

  it('is laid out and accessible at 1280 px too, and raised no page error', async () => {
    const { page } = phone;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('compiled-report').waitFor();
    expect({ screen: 'compiled 1280', violations: await axeViolations(page) }).toEqual({ screen: 'compiled 1280', violations: [] });
    expect(pageErrors).toEqual([]);
  });
});
