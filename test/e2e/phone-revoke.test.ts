// A withdrawn phone in Chromium (docs/security.md "Revoke and wipe"): the member logs a citizen
// offline and starts a draft; the account is disabled with the admin CLI while the phone is
// offline; back online, the phone sends its unsent log (the server has it), wipes itself, and says
// why and what was lost. A raw dump of its IndexedDB holds nothing of the commune.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { apiLogin, apiPullAll } from './support/api-client';
import { axeViolations } from './support/axe';
import { dumpDatabase, storeRows } from './support/idb';
import { installAndSignIn, logCitizen, phoneWorld } from './support/phone-world';
import { ROOT } from './support/server';

const DEMO_PASSWORD = 'revoke-e2e-password';
const CITIZEN = 'Trịnh Thị Mến';
const NOTE = 'Bà nhờ hẹn lại để làm thủ tục cho con gái';
const DRAFT = 'Bản nháp dở dang về ông Lò Văn Pó';
const WIPED_TITLE = 'Dữ liệu trên máy này đã được xóa';
const run = promisify(execFile);

describe('a withdrawn phone in Chromium', () => {
  const world = phoneWorld({ DEMO_PASSWORD });

  it('logs a consenting citizen offline and leaves a draft', async () => {
    const { page, context } = world.phone;
    await installAndSignIn(page, world.server.url, 'demo-member', DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    // The first round has pulled the commune: what is on the phone is what the wipe must remove.
    await expect.poll(async () => (await storeRows(page, 'teamMembers')).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await context.setOffline(true);
    await logCitizen(page, { name: CITIZEN, phone: '0911 222 333', note: NOTE });
    await page.getByRole('link', { name: 'Ghi mới' }).click();
    await page.getByLabel('Ghi chú').fill(DRAFT);
    await expect.poll(async () => (await storeRows(page, 'drafts')).length, { timeout: 10_000 }).toBe(1);
    expect((await storeRows(page, 'outbox')).length).toBe(1);
  });

  it('the account is disabled while the phone is offline; online again, it sends its log, wipes itself and says so', async () => {
    const { page, context } = world.phone;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/server/admin-cli.ts', 'disable-user', '--username', 'demo-member', '--as', 'demo-leader'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: world.server.dataDir },
    });
    expect(stdout).toContain('disabled');
    await context.setOffline(false);
    await page.getByRole('heading', { level: 1, name: WIPED_TITLE }).waitFor({ timeout: 60_000 });
    // The phone starts again on wiped.html, whose static title paints before the app draws the notice's text.
    await page.getByText('Tài khoản của bạn đã bị khóa').waitFor({ timeout: 30_000 });
    const text = await page.locator('body').innerText();
    expect(text).toContain('Tài khoản của bạn đã bị khóa');
    expect(text).toContain('Đã gửi lên máy chủ 1 thay đổi trước khi xóa.');
    expect(text).toContain('1 bản nháp chưa lưu của bạn đã bị xóa.');
    for (const secret of [CITIZEN, NOTE, 'Lò Văn Pó']) expect(text).not.toContain(secret);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
  });

  it('the server has the log the phone sent before its wipe', async () => {
    const leader = await apiLogin(world.server.url, 'demo-leader', DEMO_PASSWORD);
    const logs = [...((await apiPullAll(world.server.url, leader)).get('assistanceLogs')?.values() ?? [])];
    expect(logs.some((log) => JSON.stringify(log).includes(CITIZEN) && JSON.stringify(log).includes(NOTE))).toBe(true);
  });

  it('a raw dump of the IndexedDB holds nothing of the commune; "Understood" leads to the sign-in screen', async () => {
    const { page } = world.phone;
    const dump = await dumpDatabase(page);
    for (const secret of [CITIZEN, NOTE, '0911222333', 'Lò Văn Pó', 'demo-member']) expect(dump).not.toContain(secret);
    const stores = JSON.parse(dump) as Record<string, unknown[]>;
    for (const store of ['assistanceLogs', 'teamMembers', 'communeProfiles', 'outbox', 'rejectedChanges', 'drafts']) {
      expect(stores[store] ?? [], store).toEqual([]);
    }
    await page.getByRole('button', { name: 'Đã hiểu' }).click();
    await page.getByLabel('Tên đăng nhập', { exact: true }).waitFor();
    await page.reload();
    await page.getByLabel('Tên đăng nhập', { exact: true }).waitFor();
    expect(await page.getByRole('heading', { level: 1, name: WIPED_TITLE }).count()).toBe(0);
  });
});
