// The register of citizens' requests, end to end (docs/privacy.md "Requests register"): a member
// records a citizen's erasure request and acknowledges it on a phone that is offline (360 px,
// Vietnamese, dd/mm/yyyy, axe-clean); the request is sealed at rest and waits in the outbox; back
// online it reaches the server; the leader's phone shows an overdue request first, answers the
// erasure request through the erasure, and every step is in the audit log with who took it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../src/shared/privacy/audit';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import { addDays, formatDate, todayLocal } from '../../src/shared/text/dates';
import { axeViolations } from './support/axe';
import { apiLogin, apiPullAll, apiPush } from './support/api-client';
import { launchPhone, waitForServiceWorkerControl, type Phone } from './support/browser';
import { dumpDatabase } from './support/idb';
import { withHooks as hook } from './support/page-hooks';
import { freePort, startAppServer, type RunningServer } from './support/server';

const DEMO_PASSWORD = 'requests-e2e-password';
const NAME = 'Nguyễn Thị Hoa';
const PHONE = '0912345678';
const LATE_NAME = 'Rơ Châm Thuận';

const lastSuccess = (page: Page) => hook(page, (h) => h.syncState('lastSuccessAt'), null);
const outboxCount = (page: Page) => hook(page, (h) => h.outboxCount(), null);
const rows = (page: Page, table: 'assistanceLogs' | 'rightsRequests'): Promise<SyncedRecord[]> => hook(page, (h, name) => h.rows(name), table);

async function syncRound(page: Page): Promise<void> {
  const before = await lastSuccess(page);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect.poll(async () => (await lastSuccess(page)) !== before && (await outboxCount(page)) === 0, { timeout: 30_000, interval: 200 }).toBe(true);
}

describe("the register of citizens' requests, offline on a phone through to the server", () => {
  let server: RunningServer;
  let dataDir: string;
  let leader: Phone;
  let member: Phone;
  const today = todayLocal(Date.now());

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'so-tay-so-requests-e2e-'));
    server = await startAppServer({ DEMO_PASSWORD, DATA_DIR: dataDir, PORT: String(await freePort()) });
    [leader, member] = await Promise.all([launchPhone(), launchPhone()]);
  });

  afterAll(async () => {
    await Promise.all([leader?.close(), member?.close()]);
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

  async function openRegister(page: Page): Promise<void> {
    // In-app navigation: a page load would lock the app (docs/security.md).
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('link', { name: 'Sổ yêu cầu của người dân' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sổ yêu cầu của người dân' }).waitFor();
  }

  it('the member records and acknowledges an erasure request offline; it is sealed at rest and reaches the server once online', async () => {
    const api = await apiLogin(server.url, 'demo-member', DEMO_PASSWORD);
    const hlc = `${new Date(Date.now() - 60_000).toISOString()}-0000-0123456789abcdef`;
    const citizen = { name: NAME, phone: PHONE, consent: true, consentEvidence: { method: 'spoken', noticeVersion: 'vi-2026-12', recordedAt: '2026-03-02T08:00:00+07:00', recordedBy: api.user.id } };
    const log = (outcome: string) => ({ serviceId: 'vneid-install-register', outcome, occurredAt: new Date().toISOString(), deleted: false, citizen });
    const late = { kind: 'correction', requester: { name: LATE_NAME }, receivedOn: addDays(today, -20), status: 'received', deleted: false };
    const answer = await apiPush(server.url, api, 'e2e-seed', [
      { id: uuidv7(), table: 'assistanceLogs', recordId: uuidv7(), hlc, fields: log('done') },
      { id: uuidv7(), table: 'assistanceLogs', recordId: uuidv7(), hlc, fields: log('partial') },
      { id: uuidv7(), table: 'rightsRequests', recordId: uuidv7(), hlc, fields: late },
    ] as never);
    expect(answer.rejected, JSON.stringify(answer.rejected)).toEqual([]);

    await signIn(member, 'demo-member');
    const { page } = member;
    await member.context.setOffline(true);
    await openRegister(page);
    await page.getByRole('link', { name: 'Ghi yêu cầu mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ghi yêu cầu mới' }).waitFor();
    expect(await page.getByLabel('Ngày nhận yêu cầu').inputValue()).toBe(formatDate(today));
    expect(await axeViolations(page)).toEqual([]);
    // Bad input is refused under its field and writes nothing.
    await page.getByRole('button', { name: 'Lưu yêu cầu' }).click();
    await page.locator('#request-requester\\.name-error').waitFor();
    expect(await outboxCount(page)).toBe(0);
    await page.getByRole('radio', { name: 'Xóa dữ liệu' }).check();
    await page.getByLabel('Họ và tên người yêu cầu').fill(NAME);
    await page.getByLabel('Số điện thoại (nếu người dân muốn được gọi lại)').fill('0912 345 678');
    await page.getByRole('button', { name: 'Lưu yêu cầu' }).click();
    await page.getByRole('heading', { level: 2, name: NAME }).waitFor();
    await page.getByText(`Nhận ngày ${formatDate(today)}`).waitFor();
    await page.getByRole('button', { name: 'Xác nhận đã nhận' }).click();
    await page.getByText('Xóa dữ liệu · Đã xác nhận').waitFor();
    await page.getByText('Tổ trưởng gia hạn, giải quyết hoặc từ chối yêu cầu.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Who asked is sealed at rest; both steps wait in the outbox.
    expect(await dumpDatabase(page)).not.toContain('Thị Hoa');
    expect(await outboxCount(page)).toBe(2);
    await member.context.setOffline(false);
    await syncRound(page);
    const onServer = [...((await apiPullAll(server.url, api)).get('rightsRequests')?.values() ?? [])].find((request) => (request.requester as { name?: string } | undefined)?.name === NAME);
    expect(onServer).toMatchObject({ kind: 'erasure', status: 'acknowledged', receivedOn: today, acknowledgedBy: api.user.id, requester: { name: NAME, phone: PHONE } });
  });

  it('the leader sees the overdue request first, answers the erasure request through the erasure, and each step is audited', async () => {
    await signIn(leader, 'demo-leader');
    const { page } = leader;
    await openRegister(page);
    const items = page.locator('.request-item');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => items.first().textContent()).toContain(LATE_NAME);
    expect(await items.first().textContent()).toContain('Quá hạn');
    expect(await page.getByText('1 quá hạn').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: new RegExp(NAME) }).click();
    await page.getByRole('heading', { level: 2, name: NAME }).waitFor();
    await page.getByRole('button', { name: 'Xóa thông tin của người này khỏi các lượt hỗ trợ' }).click();
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText('Đã xóa thông tin trong 2 lượt hỗ trợ. Yêu cầu đã giải quyết xong.').waitFor();
    await page.getByText('Xóa dữ liệu · Đã giải quyết').waitFor();
    await page.getByText('Đã xóa thông tin trong 2 lượt hỗ trợ', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await syncRound(page);
    await expect.poll(async () => JSON.stringify(await rows(page, 'assistanceLogs'))).not.toContain(PHONE);

    const api = await apiLogin(server.url, 'demo-leader', DEMO_PASSWORD);
    const res = await fetch(`${server.url}/api/audit/events`, { headers: { authorization: `Bearer ${api.accessToken}` } });
    const events = ((await res.json()) as AuditPage).events.filter((event) => event.kind === 'rightsRequest.changed' && event.details.kind === 'erasure');
    expect(events.map((event) => [event.details.step, event.actorName])).toEqual([
      ['done', 'Tổ trưởng (demo)'],
      ['acknowledged', 'Thành viên tổ (demo)'],
      ['received', 'Thành viên tổ (demo)'],
    ]);
  });
});
