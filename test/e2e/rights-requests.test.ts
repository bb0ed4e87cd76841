// The register of citizens' requests, end to end (docs/privacy.md "Requests register"): a member
// records a citizen's erasure request and acknowledges it on a phone that is offline (360 px,
// Vietnamese, dd/mm/yyyy, axe-clean); the request is sealed at rest and waits in the outbox; back
// online it reaches the server; the leader's phone shows an overdue request first, answers the
// erasure request through the erasure, and every step is in the audit log with who took it; a
// request answered more than 90 days ago keeps its steps on the phone but no longer who asked.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AuditPage } from '../../src/shared/privacy/audit';
import { addDays, formatDate, todayLocal } from '../../src/shared/text/dates';
import { axeViolations } from './support/axe';
import { apiLogin, apiPullAll } from './support/api-client';
import { consentingCitizen, seedAs, todaysLog } from './support/citizen-seed';
import { dumpDatabase } from './support/idb';
import { DEMO_PASSWORD, outboxCount, rows, syncRound, syncWorld } from './support/sync-world';

const NAME = 'Nguyễn Thị Hoa';
const PHONE = '0912345678';
const LATE_NAME = 'Rơ Châm Thuận';
const OLD_NAME = 'Ksor H’Bia';
const OLD_PHONE = '0987654321';
const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3_600_000).toISOString();

describe("the register of citizens' requests, offline on a phone through to the server", () => {
  const world = syncWorld();
  const today = todayLocal(Date.now());

  async function openRegister(page: Page): Promise<void> {
    // In-app navigation: a page load would lock the app (docs/security.md).
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('link', { name: 'Sổ yêu cầu của người dân' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sổ yêu cầu của người dân' }).waitFor();
  }

  it('the member records and acknowledges an erasure request offline; it is sealed at rest and reaches the server once online', async () => {
    const api = await seedAs(world.server.url, 'demo-member', (member) => [
      { table: 'assistanceLogs', fields: todaysLog({ citizen: consentingCitizen(member, NAME, PHONE) }) },
      { table: 'assistanceLogs', fields: todaysLog({ outcome: 'partial', citizen: consentingCitizen(member, NAME, PHONE) }) },
      { table: 'rightsRequests', fields: { kind: 'correction', requester: { name: LATE_NAME }, receivedOn: addDays(today, -20), status: 'received', deleted: false } },
    ]);

    const member = world.b;
    await world.signIn(member, 'demo-member');
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
    const onServer = [...((await apiPullAll(world.server.url, api)).get('rightsRequests')?.values() ?? [])].find((request) => (request.requester as { name?: string } | undefined)?.name === NAME);
    expect(onServer).toMatchObject({ kind: 'erasure', status: 'acknowledged', receivedOn: today, acknowledgedBy: api.user.id, requester: { name: NAME, phone: PHONE } });
  });

  it('the leader sees the overdue request first, answers the erasure request through the erasure, and each step is audited', async () => {
    // A request answered 100 days ago: past the phone's 90 days, within the server's 12 months.
    const leaderApi = await seedAs(world.server.url, 'demo-leader', (leader) => [
      {
        table: 'rightsRequests',
        fields: {
          kind: 'objection',
          requester: { name: OLD_NAME, phone: OLD_PHONE },
          receivedOn: addDays(today, -110),
          status: 'done',
          acknowledgedAt: daysAgo(109),
          acknowledgedBy: leader.user.id,
          closedAt: daysAgo(100),
          closedBy: leader.user.id,
          deleted: false,
        },
      },
    ]);
    await world.signIn(world.a, 'demo-leader');
    const { page } = world.a;
    // The phone drops who asked after its first sync round, though the server still holds it.
    await expect.poll(async () => ((await rows(page, 'rightsRequests')) as Record<string, unknown>[]).find((request) => request.kind === 'objection')?.requester, { timeout: 15_000 }).toBeNull();
    expect(JSON.stringify([...((await apiPullAll(world.server.url, leaderApi)).get('rightsRequests')?.values() ?? [])])).toContain(OLD_NAME);
    await openRegister(page);
    const items = page.locator('.request-item');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(3);
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

    const api = await apiLogin(world.server.url, 'demo-leader', DEMO_PASSWORD);
    const res = await fetch(`${world.server.url}/api/audit/events`, { headers: { authorization: `Bearer ${api.accessToken}` } });
    const events = ((await res.json()) as AuditPage).events.filter((event) => event.kind === 'rightsRequest.changed' && event.details.kind === 'erasure');
    expect(events.map((event) => [event.details.step, event.actorName])).toEqual([
      ['done', 'Tổ trưởng (demo)'],
      ['acknowledged', 'Thành viên tổ (demo)'],
      ['received', 'Thành viên tổ (demo)'],
    ]);

    // The old request stays in the register by its kind and steps; who asked is gone from the phone.
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('link', { name: 'Sổ yêu cầu của người dân' }).click();
    await page.getByRole('link', { name: /^Phản đối xử lý/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Phản đối xử lý' }).waitFor();
    await page.getByText('Tên và số điện thoại của người yêu cầu đã được xóa khi hết thời hạn lưu giữ; các bước xử lý vẫn được giữ trong sổ.').waitFor();
    await page.getByText('Phản đối xử lý · Đã giải quyết').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const dump = await dumpDatabase(page);
    expect(dump).not.toContain(OLD_PHONE);
    expect(dump).not.toContain('Ksor');
  });
});
