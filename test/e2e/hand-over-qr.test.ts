// Issue 16 item 3, the hand-over by QR codes, end to end (docs/field-aids.md §2 "QR codes"): two
// phones of one commune, both offline. A makes a bundle of 20 logs and shows its QR codes; the
// test takes each code's pixels as A's screen drew them and plays them to B's camera (Chromium's
// file-backed fake camera), out of order, with a repeat and a QR code of something else among
// them, each at two sizes as a hand would hold it. B's scanner reads the camera through the same
// `readQrCodes` as ever, then B types the code and imports. Online, the server holds each log
// once, with A as its author.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { renderFrame, type QrPixels } from '../../src/client/features/handover/qr/qr-image';
import { uuidv7 } from '../../src/shared/sync/ids';
import { axeViolations } from './support/axe';
import { fakeCameraVideo, scaled } from './support/fake-camera';
import { withHooks as hook } from './support/page-hooks';
import { outboxCount, syncRound, syncWorld, writeLogs } from './support/sync-world';

const folder = mkdtempSync(path.join(tmpdir(), 'so-tay-so-camera-'));
const CAMERA = path.join(folder, 'camera.y4m');
// Chromium opens the file when the camera starts; until the test writes A's codes it shows white.
writeFileSync(CAMERA, fakeCameraVideo([]));

async function openHandOver(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
  await page.getByRole('link', { name: 'Chuyển dữ liệu sang máy khác (không cần mạng)' }).click();
  await page.getByRole('heading', { level: 1, name: 'Chuyển dữ liệu sang máy khác' }).waitFor();
}

/** Every code of A's sequence, paused and stepped by hand, as the pixels A's canvas holds. */
async function shownCodes(page: Page): Promise<QrPixels[]> {
  await page.getByRole('button', { name: 'Tạm dừng' }).click();
  const count = Number(/\/ (\d+)$/.exec((await page.getByText(/^Mã \d+ \/ \d+$/).textContent())!)![1]);
  const codes: QrPixels[] = [];
  for (let step = 0; step < count; step += 1) {
    const index = Number(/^Mã (\d+) \//.exec((await page.getByText(/^Mã \d+ \/ \d+$/).textContent())!)![1]);
    const canvas = page.getByRole('img', { name: `Mã QR ${index} / ${count} của gói chuyển dữ liệu` });
    await canvas.waitFor();
    const pixels = await canvas.evaluate((node: HTMLCanvasElement) => {
      const image = node.getContext('2d')!.getImageData(0, 0, node.width, node.height);
      return { width: image.width, height: image.height, data: Array.from(image.data) };
    });
    codes[index - 1] = { width: pixels.width, height: pixels.height, data: Uint8ClampedArray.from(pixels.data) };
    await page.getByRole('button', { name: 'Mã sau' }).click();
  }
  return codes;
}

describe('hand-over between two phones by QR codes, without a network', () => {
  const world = syncWorld({ phones: 2, cameraOfB: CAMERA });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('A shows 20 logs as QR codes; B scans them in any order, other codes skipped, imports; each log reaches the server once, by A', async () => {
    const { a, b } = world;
    await world.signIn(a, 'demo-member');
    await world.signIn(b, 'demo-leader');
    const author = (await hook(a.page, (h) => h.session(), null))!.user;
    await a.context.setOffline(true);
    await b.context.setOffline(true);

    const ids = Array.from({ length: 20 }, () => uuidv7());
    await writeLogs(a.page, ids, { note: 'Hướng dẫn qua mã QR ở nhà văn hóa thôn' });
    await openHandOver(a.page);
    await a.page.getByRole('button', { name: 'Tạo gói chuyển (20 bản ghi)' }).click();
    const code = (await a.page.getByTestId('hand-over-code').textContent())!.replace(/\s/g, '');
    // The codes are drawn only when asked for (the file is the other way).
    expect(await a.page.getByRole('img', { name: /^Mã QR/ }).count()).toBe(0);
    await a.page.getByRole('button', { name: 'Hiện mã QR' }).click();
    const codes = await shownCodes(a.page);
    expect(codes.length).toBeGreaterThan(1);
    expect(await axeViolations(a.page)).toEqual([]);

    // Last to first, the first shown twice, and a QR code that is no frame (a link) before it all.
    const other = await renderFrame('https://dichvucong.gov.vn');
    const played = [other, ...[...codes].reverse(), codes[codes.length - 1]!];
    writeFileSync(CAMERA, fakeCameraVideo(played.flatMap((image) => [image, scaled(image, 0.9)])));

    await openHandOver(b.page);
    await b.page.getByRole('radio', { name: 'Nhận về máy này' }).check();
    await b.page.getByRole('button', { name: 'Quét mã QR bằng camera' }).click();
    // The scanner hands the bytes over once it has every frame; the code is asked next.
    await b.page.getByLabel('Mã mở gói').waitFor({ timeout: 90_000 });
    expect(await axeViolations(b.page)).toEqual([]);
    await b.page.getByLabel('Mã mở gói').fill(code);
    await b.page.getByRole('button', { name: 'Mở gói' }).click();
    await b.page.getByText('Lượt hỗ trợ: 20').waitFor({ timeout: 60_000 });
    await b.page.getByRole('button', { name: 'Nhập vào máy này' }).click();
    await b.page.getByText(`Đã nhập 20 thay đổi của ${author.displayName}.`, { exact: false }).waitFor();
    expect(await outboxCount(b.page)).toBe(20);

    for (const phone of [b, a]) {
      await phone.context.setOffline(false);
      await syncRound(phone.page);
      const logs = (await world.serverState()).get('assistanceLogs');
      expect(ids.map((id) => logs?.get(id)?.createdBy)).toEqual(ids.map(() => author.id));
    }
    expect(world.pageErrors).toEqual([]);
  }, 300_000); // two sign-ins, the codes drawn one by one and a camera read at ≈ 8 pictures a second, on a shared 2-core machine
});
