// Issue 16 item 3, the hand-over without a network, end to end (docs/field-aids.md §2): two phones of
// one commune (two Chromium profiles with real IndexedDB) and the real server. Both go offline; A
// logs help, makes a bundle and saves it as a .sotayso file; B opens the file, types the code, sees
// what comes and imports it. Then both come online, in one order and then in the other: the server
// holds each log once, with A as its author, and neither phone has anything refused. A tampered
// bundle and another commune's bundle are refused with their message, and B's phone is unchanged.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sealBundle, newCode, type HandOverContent } from '../../src/shared/handover/bundle';
import { uuidv7 } from '../../src/shared/sync/ids';
import { axeViolations } from './support/axe';
import { withHooks as hook } from './support/page-hooks';
import { outboxCount, rows, syncRound, syncWorld, writeLogs } from './support/sync-world';
import type { Phone } from './support/browser';

const LINK = 'Chuyển dữ liệu sang máy khác (không cần mạng)';

describe('hand-over between two phones without a network', () => {
  const world = syncWorld();
  const dump = (page: Page) => hook(page, (h) => h.dumpAll(), null);
  // What a refused bundle must leave unchanged: every table but the sync runtime's account of its
  // last round, which B's own sync rewrites when it tries offline (its 60 s timer, then its retries).
  const data = (page: Page) => hook(page, (h) => h.dumpData(), null);
  const rejected = (page: Page) => hook(page, (h) => h.rejected(), null);

  async function openHandOver(page: Page): Promise<void> {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('link', { name: LINK }).click();
    await page.getByRole('heading', { level: 1, name: 'Chuyển dữ liệu sang máy khác' }).waitFor();
  }

  /** A makes a bundle of every unsent change (and what `pick` chooses) and saves it: the code shown and the file's bytes. */
  async function sendAll(page: Page, records: number, pick?: () => Promise<void>): Promise<{ code: string; bytes: Uint8Array }> {
    await openHandOver(page);
    await pick?.();
    await page.getByRole('button', { name: `Tạo gói chuyển (${records} bản ghi)` }).click();
    const code = (await page.getByTestId('hand-over-code').textContent())!.replace(/\s/g, '');
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải tệp về máy' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.sotayso$/);
    return { code, bytes: new Uint8Array(readFileSync(await download.path())) };
  }

  /** B opens a file (and types the code when one is asked); resolves once the screen answered. */
  async function receive(page: Page, name: string, bytes: Uint8Array, code?: string): Promise<void> {
    await page.getByRole('radio', { name: 'Nhận về máy này' }).check();
    const another = page.getByRole('button', { name: 'Nhận gói khác' });
    if (await another.isVisible()) await another.click();
    await page.getByLabel('Mở tệp .sotayso').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
    if (code === undefined) return;
    await page.getByLabel('Mã mở gói').fill(code);
    await page.getByRole('button', { name: 'Mở gói' }).click();
  }

  async function offline(...phones: Phone[]): Promise<void> {
    for (const phone of phones) await phone.context.setOffline(true);
  }
  async function online(phone: Phone): Promise<void> {
    await phone.context.setOffline(false);
    await syncRound(phone.page);
  }

  /** The server's logs of these ids, each once, all by A. */
  async function serverLogsOf(ids: readonly string[], authorId: string): Promise<void> {
    const logs = (await world.serverState()).get('assistanceLogs');
    expect(ids.map((id) => logs?.get(id)?.createdBy)).toEqual(ids.map(() => authorId));
  }

  it('A hands 20 logs over by file; tampered and foreign bundles are refused on B with nothing written; B syncs first, then A', async () => {
    const { a, b } = world;
    await world.signIn(a, 'demo-member');
    await world.signIn(b, 'demo-leader');
    const author = (await hook(a.page, (h) => h.session(), null))!.user;
    await offline(a, b);

    const ids = Array.from({ length: 20 }, () => uuidv7());
    await writeLogs(a.page, ids, { note: 'Hướng dẫn lại ở nhà văn hóa' });
    expect(await outboxCount(a.page)).toBe(20);
    const { code, bytes } = await sendAll(a.page, 20);
    expect(await axeViolations(a.page)).toEqual([]);

    await openHandOver(b.page);
    const before = await data(b.page);
    // One changed byte in the middle of the sealed content.
    const tampered = bytes.slice();
    const middle = Math.floor(tampered.length / 2);
    tampered[middle] = tampered[middle]! ^ 0x01;
    await receive(b.page, 'sua.sotayso', tampered, code);
    await expect.poll(() => b.page.getByRole('alert').textContent()).toMatch(/^Mã không đúng, hoặc gói đã bị sửa hay bị cắt\..*Không có gì được ghi vào máy\.$/);
    // Another commune's bundle is refused by its header, before any code is asked.
    const foreign: HandOverContent = { format: 1, communeId: 'xa-khac', author: { id: author.id, displayName: author.displayName }, createdAt: new Date().toISOString(), entries: [] };
    await receive(b.page, 'xa-khac.sotayso', await sealBundle(foreign, newCode()));
    await expect.poll(() => b.page.getByRole('alert').textContent()).toMatch(/^Gói này của xã khác\./);
    expect(await b.page.getByLabel('Mã mở gói').count()).toBe(0);
    expect(await data(b.page)).toBe(before);
    expect(await outboxCount(b.page)).toBe(0);

    await receive(b.page, 'a.sotayso', bytes, code.toLowerCase());
    await b.page.getByRole('heading', { name: 'Sẽ nhập vào máy này' }).waitFor();
    expect(await b.page.getByText(`Của ${author.displayName}, tạo lúc`).count()).toBe(1);
    expect(await b.page.getByText('Lượt hỗ trợ: 20').count()).toBe(1);
    expect(await axeViolations(b.page)).toEqual([]);
    await b.page.getByRole('button', { name: 'Nhập vào máy này' }).click();
    await b.page.getByText(`Đã nhập 20 thay đổi của ${author.displayName}.`).waitFor();
    expect(await outboxCount(b.page)).toBe(20);
    const imported = (await rows(b.page, 'assistanceLogs')).filter((row) => ids.includes(row.id));
    expect(imported.map((row) => [row.createdBy, (row as Record<string, unknown>).note])).toEqual(ids.map(() => [author.id, 'Hướng dẫn lại ở nhà văn hóa']));
    // Sealed at rest on B like every note: the raw dump does not hold it.
    expect(await dump(b.page)).not.toContain('Hướng dẫn lại ở nhà văn hóa');

    await online(b);
    await serverLogsOf(ids, author.id);
    await online(a);
    await serverLogsOf(ids, author.id);
    expect([...(await rejected(a.page)), ...(await rejected(b.page))]).toEqual([]);
  });

  it('the other order: A comes online first, then B; each log still once, by A', async () => {
    const { a, b } = world;
    const author = (await hook(a.page, (h) => h.session(), null))!.user;
    await offline(a, b);
    const ids = Array.from({ length: 3 }, () => uuidv7());
    await writeLogs(a.page, ids);
    const { code, bytes } = await sendAll(a.page, 3);
    await receive(b.page, 'a2.sotayso', bytes, code);
    await b.page.getByRole('button', { name: 'Nhập vào máy này' }).click();
    await b.page.getByText(`Đã nhập 3 thay đổi của ${author.displayName}.`).waitFor();
    await online(a);
    await serverLogsOf(ids, author.id);
    await online(b);
    await serverLogsOf(ids, author.id);
    expect([...(await rejected(a.page)), ...(await rejected(b.page))]).toEqual([]);
    expect(world.pageErrors).toEqual([]);
  });

  it('an open follow-up with a consenting citizen handed over by file, both offline: the colleague lists it by name and records it; the server holds one log, done, by its author', async () => {
    // The leader's phone hands it to the member's: the member may not edit the leader's logs, so only
    // followUpBy lets them record it (docs/field-aids.md §2 "Handing over a follow-up").
    const { a: colleague, b: sender } = world;
    const author = (await hook(sender.page, (h) => h.session(), null))!.user;
    const to = (await hook(colleague.page, (h) => h.session(), null))!.user;
    await offline(colleague, sender);
    const logId = uuidv7();
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const shown = due.split('-').reverse().join('/');
    const consentEvidence = { method: 'spoken', noticeVersion: '2026-01', recordedAt: new Date().toISOString(), recordedBy: author.id, purposes: ['followUp'], agreedBy: 'citizen' };
    await writeLogs(sender.page, [logId], { outcome: 'partial', followUpAt: due, citizen: { name: 'Y Blông', consent: true, consentEvidence } });

    const { code, bytes } = await sendAll(sender.page, 1, async () => {
      await sender.page.getByRole('checkbox', { name: new RegExp(`^Hẹn ngày ${shown} – Y Blông`) }).check();
      await sender.page.getByLabel('Giao cho').selectOption({ label: to.displayName });
      expect(await axeViolations(sender.page)).toEqual([]);
    });

    await openHandOver(colleague.page);
    await receive(colleague.page, 'hen-lai.sotayso', bytes, code);
    await colleague.page.getByText('Việc hẹn lại được giao cho bạn: 1.', { exact: false }).waitFor();
    await colleague.page.getByRole('button', { name: 'Nhập vào máy này' }).click();
    await colleague.page.getByText(new RegExp(`^Đã nhập \\d+ thay đổi của ${author.displayName.replace(/[()]/g, '\\$&')}\\.`)).waitFor();

    await colleague.page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hỗ trợ' }).click();
    await colleague.page.getByRole('link', { name: /^Hẹn lại/ }).click();
    await colleague.page.getByRole('heading', { level: 1, name: 'Hẹn hỗ trợ lại' }).waitFor();
    const item = colleague.page.getByRole('listitem').filter({ hasText: 'Y Blông' });
    expect(await item.textContent()).toContain(shown);
    await item.getByRole('button', { name: /^Ghi kết quả/ }).click();
    await item.getByRole('button', { name: 'Đã xong' }).click();
    // Recorded: it leaves the open follow-ups (this phone has no other, so the list is empty).
    await expect.poll(async () => ((await item.count()) === 0 ? 'gone' : await colleague.page.locator('.follow-up-recorder [role=alert]').allTextContents())).toBe('gone');
    await colleague.page.getByText(/^Không có lượt hẹn nào\./).waitFor();

    await online(colleague);
    await online(sender);
    const log = (await world.serverState()).get('assistanceLogs')?.get(logId);
    expect(log).toMatchObject({ createdBy: author.id, followUpBy: to.id, outcome: 'done', followUpDone: true, followUpAt: due });
    expect([...(await rejected(colleague.page)), ...(await rejected(sender.page))]).toEqual([]);
    expect(world.pageErrors).toEqual([]);
  });
});
