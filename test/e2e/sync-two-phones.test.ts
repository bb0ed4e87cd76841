// Issue #3 "Sync that never loses a change", end to end: two phones of one commune (two headless
// Chromiums with real IndexedDB) and the real server. Both sign in through the app, go offline,
// edit different fields of the same checklist item and log assistance, reconnect and converge to
// the server's state (read by a third client). A push whose answer is lost is retried without
// duplicates; a server restart between pushes loses nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchPhone, waitForServiceWorkerControl, type Phone } from './support/browser';
import { freePort, startAppServer, type RunningServer } from './support/server';
import { axeViolations } from './support/axe';
import { withHooks } from './support/page-hooks';
import { apiLogin, apiPullAll } from './support/api-client';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import type { SyncTable } from '../../src/shared/schemas/tables';
import { uuidv7 } from '../../src/shared/sync/ids';

const DEMO_PASSWORD = 'sync-e2e-password';
const INSTALL = 'Cài đặt ứng dụng VNeID và đăng ký tài khoản định danh điện tử';
const hook = withHooks;

const rows = (page: Page, table: SyncTable) => hook(page, (h, name) => h.rows(name), table);
const outboxCount = (page: Page) => hook(page, (h) => h.outboxCount(), null);
const lastSuccess = (page: Page) => hook(page, (h) => h.syncState('lastSuccessAt'), null);

/** Asks the app to sync (its own `online` trigger) and waits for a new successful round with nothing left to send. */
async function syncRound(page: Page): Promise<void> {
  const before = await lastSuccess(page);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect.poll(async () => (await lastSuccess(page)) !== before && (await outboxCount(page)) === 0, { timeout: 30_000, interval: 200 }).toBe(true);
}

function byId(records: Iterable<SyncedRecord>): Record<string, SyncedRecord> {
  return Object.fromEntries([...records].map((record) => [record.id, record]));
}

describe('two phones of one commune sync through the real server', () => {
  let server: RunningServer;
  let env: Record<string, string>;
  let dataDir: string;
  let a: Phone;
  let b: Phone;
  const itemId = uuidv7();
  const checklistId = uuidv7();
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'so-tay-so-sync-e2e-'));
    env = { DEMO_PASSWORD, DATA_DIR: dataDir, PORT: String(await freePort()) };
    server = await startAppServer(env);
    [a, b] = await Promise.all([launchPhone(), launchPhone()]);
    for (const phone of [a, b]) phone.page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function serverState(): Promise<Map<SyncTable, Map<string, SyncedRecord>>> {
    return apiPullAll(server.url, await apiLogin(server.url, 'demo-leader', DEMO_PASSWORD));
  }

  const issuedTokens: string[] = [];

  async function signIn(phone: Phone, username: string): Promise<void> {
    const { page } = phone;
    page.on('response', (response) => {
      if (!/\/api\/auth\/(login|refresh)$/.test(response.url()) || !response.ok()) return;
      response.json().then(
        (body: { accessToken: string; refreshToken: string }) => issuedTokens.push(body.accessToken, body.refreshToken),
        () => undefined,
      );
    });
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await page.getByTestId('sign-in-card').waitFor();
    await page.getByRole('link', { name: 'Đăng nhập', exact: true }).first().click();
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await expect.poll(() => lastSuccess(page), { timeout: 30_000 }).toBeDefined();
  }

  async function logAssistance(page: Page): Promise<void> {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hỗ trợ' }).click();
    await page.getByRole('link', { name: 'Ghi mới' }).click();
    await page.getByRole('radio', { name: INSTALL }).check();
    await page.getByRole('radio', { name: 'Đã xong' }).check();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Hỗ trợ người dân' }).waitFor();
  }

  it('signs both phones in through the app; the token stays out of reach of scripts', async () => {
    await signIn(a, 'demo-member');
    await signIn(b, 'demo-leader');
    for (const phone of [a, b]) {
      expect(await phone.page.evaluate(() => document.cookie)).toBe('');
      const stored = await hook(phone.page, (h) => h.dumpAll(), null);
      expect(stored).toContain('demo-');
      expect(stored).not.toMatch(/accessToken|refreshToken/);
      for (const token of issuedTokens) expect(stored).not.toContain(token);
    }
    expect(issuedTokens.length).toBeGreaterThanOrEqual(4);
    expect(await a.page.getByTestId('sync-badge').textContent()).toMatch(/Đã đồng bộ lúc \d\d:\d\d/);
  });

  it('shares a checklist item created on phone A with phone B', async () => {
    await hook(
      a.page,
      async (h, ids) => {
        const session = await h.session();
        await h.writeRecord('checklistItems', ids.itemId, {
          checklistId: ids.checklistId,
          itemId: 'qng25-email-01',
          status: 'todo',
          communeId: session!.user.communeId,
          createdBy: session!.user.id,
          createdAt: new Date().toISOString(),
          deleted: false,
        });
      },
      { itemId, checklistId },
    );
    await syncRound(a.page);
    await syncRound(b.page);
    expect(byId(await rows(b.page, 'checklistItems'))[itemId]).toMatchObject({ status: 'todo', itemId: 'qng25-email-01' });
  });

  it('both go offline, edit different fields of the same item and each log an assistance', async () => {
    await Promise.all([a.context.setOffline(true), b.context.setOffline(true)]);
    await hook(a.page, (h, id) => h.writeRecord('checklistItems', id, { status: 'done' }), itemId);
    await hook(b.page, (h, id) => h.writeRecord('checklistItems', id, { note: 'Chờ VNPT cấp tài khoản thư điện tử', assignee: 'Anh Hùng' }), itemId);
    await logAssistance(a.page);
    await logAssistance(b.page);
    for (const phone of [a, b]) {
      await expect.poll(() => phone.page.getByTestId('sync-badge').textContent()).toMatch(/^.*Không có mạng · \d+ thay đổi chờ gửi$/);
      expect(await outboxCount(phone.page)).toBeGreaterThanOrEqual(2);
    }
  });

  it('[I2] reconnects, and both phones converge to the server\'s state with both edits kept', async () => {
    await Promise.all([a.context.setOffline(false), b.context.setOffline(false)]);
    await syncRound(a.page);
    await syncRound(b.page);
    await syncRound(a.page); // A now also pulls what B pushed after A's round
    const server = await serverState();
    for (const table of ['checklistItems', 'assistanceLogs'] as const) {
      const expected = Object.fromEntries(server.get(table) ?? []);
      expect(byId(await rows(a.page, table))).toEqual(expected);
      expect(byId(await rows(b.page, table))).toEqual(expected);
    }
    expect(server.get('checklistItems')?.get(itemId)).toMatchObject({ status: 'done', note: 'Chờ VNPT cấp tài khoản thư điện tử', assignee: 'Anh Hùng' });
    expect(server.get('assistanceLogs')?.size).toBe(2);
    // A round the reconnect started may still be running (the access log is sent after each round).
    await expect.poll(() => a.page.getByTestId('sync-badge').textContent(), { timeout: 30_000 }).toMatch(/Đã đồng bộ lúc/);
  });

  it('[I4] retries a push whose answer was lost, with the same ids and no duplicate', async () => {
    const { page, context } = a;
    const attempts: string[][] = [];
    await context.route('**/api/sync/push', async (route) => {
      const body = route.request().postDataBuffer();
      const json = body && route.request().headers()['content-encoding'] === 'gzip' ? gunzipSync(body).toString('utf8') : (body?.toString('utf8') ?? '{}');
      attempts.push((JSON.parse(json) as { mutations: { id: string }[] }).mutations.map((m) => m.id));
      if (attempts.length === 1) {
        await route.fetch(); // the server receives and applies it…
        await route.abort('connectionreset'); // …and the answer is lost on the way back
      } else {
        await route.continue();
      }
    });
    const ids = [uuidv7(), uuidv7(), uuidv7()];
    await hook(
      page,
      async (h, recordIds) => {
        const session = await h.session();
        for (const [index, id] of recordIds.entries()) {
          await h.writeRecord('assistanceLogs', id, {
            serviceId: 'vneid-install-register',
            outcome: 'done',
            occurredAt: new Date().toISOString(),
            note: `Lượt ${index + 1}: hướng dẫn kích hoạt định danh điện tử mức 2 cho người cao tuổi`,
            communeId: session!.user.communeId,
            createdBy: session!.user.id,
            createdAt: new Date().toISOString(),
            deleted: false,
          });
        }
      },
      ids,
    );
    // The app notices the writes by itself (2 s debounce), fails, backs off and retries.
    await expect.poll(() => outboxCount(page), { timeout: 30_000, interval: 250 }).toBe(0);
    await context.unroute('**/api/sync/push');
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts[1]).toEqual(expect.arrayContaining(attempts[0]!));
    const logs = (await serverState()).get('assistanceLogs')!;
    expect(logs.size).toBe(5);
    for (const id of ids) expect(logs.get(id)).toBeDefined();
    await syncRound(page);
    expect(byId(await rows(page, 'assistanceLogs'))).toEqual(Object.fromEntries(logs));
  });

  it('[I3] loses nothing when the server restarts between pushes', async () => {
    const { page } = a;
    const write = (id: string) =>
      hook(
        page,
        async (h, recordId) => {
          const session = await h.session();
          await h.writeRecord('assistanceLogs', recordId, {
            serviceId: 'vneid-install-register',
            outcome: 'partial',
            occurredAt: new Date().toISOString(),
            communeId: session!.user.communeId,
            createdBy: session!.user.id,
            createdAt: new Date().toISOString(),
            deleted: false,
          });
        },
        id,
      );
    const first = uuidv7();
    await write(first);
    await syncRound(page);
    await server.stop();
    const second = uuidv7();
    await write(second);
    await expect.poll(() => hook(page, (h) => h.syncState('lastError'), null), { timeout: 15_000 }).toMatchObject({ reason: 'unreachable' });
    expect(await outboxCount(page)).toBe(1);
    server = await startAppServer(env);
    await syncRound(page);
    const state = await serverState();
    expect(state.get('assistanceLogs')?.get(first)).toBeDefined();
    expect(state.get('assistanceLogs')?.get(second)).toBeDefined();
    expect(state.get('assistanceLogs')?.size).toBe(7);
    expect(state.get('checklistItems')?.get(itemId)).toMatchObject({ status: 'done', assignee: 'Anh Hùng' });
  });

  it('[I15] two tabs of one phone never push at the same time (Web Locks), and send each change once', async () => {
    const { context, page } = a;
    const second = await context.newPage();
    await second.goto(server.url);
    await second.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    let inFlight = 0;
    let maxInFlight = 0;
    const pushed: string[] = [];
    await context.route('**/api/sync/push', async (route) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const body = route.request().postDataBuffer();
      const json = body && route.request().headers()['content-encoding'] === 'gzip' ? gunzipSync(body).toString('utf8') : (body?.toString('utf8') ?? '{}');
      pushed.push(...(JSON.parse(json) as { mutations: { id: string }[] }).mutations.map((m) => m.id));
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 300)); // a slow link keeps the lock held
      inFlight -= 1;
      await route.fulfill({ response });
    });
    await hook(
      page,
      async (h, count) => {
        const session = await h.session();
        const user = session!.user;
        const records = Array.from({ length: count }, (_, index) => ({
          id: crypto.randomUUID(),
          fields: { serviceId: 'vneid-install-register', outcome: 'done', occurredAt: new Date().toISOString(), note: `Lượt ${index}`, communeId: user.communeId, createdBy: user.id, createdAt: new Date().toISOString(), deleted: false },
        }));
        await h.writeMany('assistanceLogs', records);
      },
      250,
    );
    await Promise.all([page, second].map((tab) => tab.evaluate(() => window.dispatchEvent(new Event('online')))));
    await expect.poll(() => outboxCount(page), { timeout: 30_000, interval: 250 }).toBe(0);
    await context.unroute('**/api/sync/push');
    await second.close();
    expect(maxInFlight).toBe(1);
    expect(pushed).toHaveLength(250);
    expect(new Set(pushed).size).toBe(250);
  });

  it('[I12] shows a change the server refused in Settings, with its reason; no axe violation at 360 × 740', async () => {
    const { page } = a;
    await hook(
      page,
      async (h, id) => {
        const session = await h.session();
        await h.writeRecord('checklistItems', id, {
          checklistId: id,
          itemId: 'qng25-email-02',
          status: 'finished',
          communeId: session!.user.communeId,
          createdBy: session!.user.id,
          createdAt: new Date().toISOString(),
          deleted: false,
        });
      },
      uuidv7(),
    );
    await syncRound(page);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    const list = page.getByTestId('rejected-changes');
    await list.waitFor();
    expect(await list.textContent()).toContain('Lý do: Lựa chọn không hợp lệ');
    expect(await page.getByTestId('sync-badge').textContent()).toContain('1 thay đổi không được chấp nhận');
    await page.getByTestId('account-section').waitFor();
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    await list.getByRole('button', { name: /Đã đọc/ }).click();
    await list.waitFor({ state: 'detached' });
  });

  it('signs out phone B, clears its data, and the sign-in screen has no axe violation, also with an error', async () => {
    const { page } = b;
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByText('Đã đăng xuất và xóa dữ liệu khỏi máy này.').waitFor();
    expect(await rows(page, 'assistanceLogs')).toEqual([]);
    expect(await rows(page, 'checklistItems')).toEqual([]);
    await page.getByRole('link', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] });
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('demo-leader');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByText('Sai tên đăng nhập hoặc mật khẩu.').waitFor();
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
  });

  it('raised no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
