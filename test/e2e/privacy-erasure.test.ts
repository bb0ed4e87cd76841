// A citizen's request to erase their details, end to end: two phones of one commune (headless
// Chromiums with real IndexedDB) and the real server. Phone B is offline while the leader erases
// the citizen on phone A; when B comes back and syncs, a raw dump of its IndexedDB holds neither
// the name nor the phone, and the logs that the dashboard counts are unchanged on both phones.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import { axeViolations } from './support/axe';
import { apiLogin, apiPush } from './support/api-client';
import { launchPhone, waitForServiceWorkerControl, type Phone } from './support/browser';
import { dumpDatabase } from './support/idb';
import { withHooks as hook } from './support/page-hooks';
import { freePort, startAppServer, type RunningServer } from './support/server';
import { lastSuccess, syncRound } from './support/sync-world';

const DEMO_PASSWORD = 'erasure-e2e-password';
const NAME = 'Nguyễn Thị Hoa';
const PHONE = '0912345678';
const OTHER_NAME = 'Y Blông Niê';

const logs = (page: Page): Promise<SyncedRecord[]> => hook(page, (h) => h.rows('assistanceLogs'), null);

/** What the dashboard counts: everything of a log but its citizen, note and server times. */
async function counted(page: Page) {
  return (await logs(page))
    .map(({ id, serviceId, outcome, barriers, villageId, occurredAt, followUpAt, deleted }) => ({ id, serviceId, outcome, barriers, villageId, occurredAt, followUpAt, deleted }))
    .sort((x, y) => String(x.id).localeCompare(String(y.id)));
}

describe("erasing a citizen's details on request reaches a phone that was offline", () => {
  let server: RunningServer;
  let dataDir: string;
  let a: Phone;
  let b: Phone;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'so-tay-so-erasure-e2e-'));
    server = await startAppServer({ DEMO_PASSWORD, DATA_DIR: dataDir, PORT: String(await freePort()) });
    [a, b] = await Promise.all([launchPhone(), launchPhone()]);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signIn(phone: Phone, username: string): Promise<void> {
    const { page } = phone;
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await expect.poll(() => lastSuccess(page), { timeout: 30_000 }).toBeDefined();
  }

  it('both phones hold the citizen after syncing', async () => {
    const member = await apiLogin(server.url, 'demo-member', DEMO_PASSWORD);
    const citizen = (name: string, phone: string) => ({
      name,
      phone,
      consent: true,
      consentEvidence: { method: 'spoken', noticeVersion: 'vi-2026-12', recordedAt: '2026-03-02T08:00:00+07:00', recordedBy: member.user.id },
    });
    const log = (extra: Record<string, unknown>) => ({ serviceId: 'vneid-install-register', outcome: 'done', occurredAt: new Date().toISOString(), deleted: false, ...extra });
    const hlc = `${new Date(Date.now() - 60_000).toISOString()}-0000-0123456789abcdef`;
    const answer = await apiPush(server.url, member, 'e2e-seed', [
      { id: uuidv7(), table: 'assistanceLogs', recordId: uuidv7(), hlc, fields: log({ citizen: citizen(NAME, PHONE), note: `chị ${NAME} hẹn gọi lại` }) },
      { id: uuidv7(), table: 'assistanceLogs', recordId: uuidv7(), hlc, fields: log({ outcome: 'partial', citizen: citizen(NAME, PHONE) }) },
      { id: uuidv7(), table: 'assistanceLogs', recordId: uuidv7(), hlc, fields: log({ citizen: citizen(OTHER_NAME, '0987000111') }) },
    ] as never);
    expect(answer.rejected, JSON.stringify(answer.rejected)).toEqual([]);

    await signIn(a, 'demo-leader');
    await signIn(b, 'demo-member');
    for (const phone of [a, b]) {
      await syncRound(phone.page);
      expect(JSON.stringify(await logs(phone.page))).toContain(PHONE);
    }
  });

  it('the leader erases on phone A while phone B is offline; B erases when it syncs; the counts stay', async () => {
    const countsBefore = await counted(a.page);
    expect(countsBefore).toHaveLength(3);
    await b.context.setOffline(true);

    const { page } = a;
    // In-app navigation: a page load would lock the app (docs/security.md).
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('link', { name: 'Xóa thông tin người dân theo yêu cầu (tổ trưởng)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Xóa thông tin người dân theo yêu cầu' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Họ tên người dân').fill('nguyen thi hoa');
    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.getByRole('button', { name: 'Xóa thông tin' }).click();
    await page.getByRole('button', { name: 'Xóa hẳn' }).click();
    await page.getByText('Đã xóa thông tin trong 2 lượt hỗ trợ.', { exact: false }).waitFor();

    await syncRound(page);
    const dumpA = await dumpDatabase(page);
    expect(dumpA).not.toContain(PHONE);
    expect(dumpA).not.toContain(NAME);
    // The other citizen's details survive, sealed at rest (docs/security.md): the app still reads them.
    expect(dumpA).not.toContain(OTHER_NAME);
    expect(JSON.stringify(await logs(page))).toContain(OTHER_NAME);

    // B was offline throughout; it still holds the details until it syncs.
    expect(JSON.stringify(await logs(b.page))).toContain(PHONE);
    await b.context.setOffline(false);
    await syncRound(b.page);
    const dumpB = await dumpDatabase(b.page);
    expect(dumpB).not.toContain(PHONE);
    expect(dumpB).not.toContain(NAME);
    expect(dumpB).not.toContain(OTHER_NAME);
    expect(JSON.stringify(await logs(b.page))).toContain(OTHER_NAME);

    expect(await counted(a.page)).toEqual(countsBefore);
    expect(await counted(b.page)).toEqual(countsBefore);
  });
});
