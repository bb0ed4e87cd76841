// Service guides' budgets (issue 16, docs/field-aids.md §3), in headless Chromium against the real
// server, on a member's phone that pulled the province's guides through sync:
// - what the guides take on the phone, pictures included, for the whole catalogue: every active
//   service gets a guide, and pictures are published (≈ 30 KB of incompressible WebP each, as the
//   editor sends them) until the server refuses the province's picture budget — the worst a province
//   can do. The stored JSON of both tables must stay ≤ 1.5 MB;
// - opening a guide from the log form ("Hướng dẫn" → the guide's heading in the DOM → next frame) at
//   4× CPU slowdown (a cheap Android phone), median of 7, as a ratio to the page's DOM calibration
//   (page-calibration.ts) measured in the same page at the same slowdown.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { atMost, context as contextRow, median, ratioAtMost, type Measurement } from './measurement';
import { domCalibration } from './page-calibration';
import { launchPhone, waitForServiceWorkerControl } from '../e2e/support/browser';
import { apiLogin, apiPullAll } from '../e2e/support/api-client';
import { withHooks } from '../e2e/support/page-hooks';
import { signIn } from '../e2e/support/sign-in';
import { startAppServer } from '../e2e/support/server';

const PASSWORD = 'bench-password';
const OPEN_RUNS = 7;
const PHONE_BYTES = 1.5 * 1024 * 1024;
/** Opening a guide may cost this many DOM calibrations (≈ 2 × the 2.86 × measured when the budget was set, at load 20). */
const OPEN_VS_CALIBRATION = 6;
const ACTIVATE = 'Kích hoạt tài khoản định danh điện tử mức độ 2';

/** A WebP-typed picture of `chars` base64 characters: RIFF/WEBP header, random (incompressible) body. */
function picture(chars: number): { mime: 'image/webp'; data: string; width: number; height: number } {
  const bytes = randomBytes(Math.floor((chars * 3) / 4));
  bytes.write('RIFF', 0, 'latin1');
  bytes.write('WEBP', 8, 'latin1');
  return { mime: 'image/webp', data: bytes.toString('base64').slice(0, chars - (chars % 4)), width: 480, height: 960 };
}

/** Every active service gets a guide of 8 steps; pictures are added until the server says the budget is full. */
async function fillProvince(url: string): Promise<{ guides: number; pictures: number }> {
  const admin = await apiLogin(url, 'demo-admin', PASSWORD);
  const pulled = await apiPullAll(url, admin);
  const services = [...(pulled.get('services')?.values() ?? [])].filter((row) => row.active === true && row.deleted !== true);
  const versions = new Map([...(pulled.get('serviceGuides')?.values() ?? [])].map((row) => [row.serviceCode as string, Number(row.version)]));
  let pictures = 0;
  let full = false;
  for (const service of services) {
    const code = service.code as string;
    const steps = Array.from({ length: 8 }, (_, i) => ({ id: `s${i + 1}`, text: `Bước ${i + 1}: mở ứng dụng, chọn mục cần làm, nhập thông tin theo giấy tờ của người dân rồi bấm "Tiếp tục" để sang bước sau.` }));
    const put = (withPictures: number) =>
      fetch(`${url}/api/admin/guides/${code}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          basedOn: versions.get(code) ?? 0,
          summary: 'Bản hướng dẫn đo dung lượng: đủ các phần như một hướng dẫn thật.',
          steps: steps.map((step, i) => (i < withPictures ? { ...step, newImage: picture(39_000) } : step)),
          bring: ['Thẻ căn cước gắn chíp', 'Điện thoại thông minh có mạng', 'Sổ hộ khẩu hoặc giấy xác nhận cư trú'],
          failures: [{ problem: 'Không nhận được mã OTP', action: 'Ra chỗ có sóng tốt, chờ rồi gửi lại mã.', barrier: 'weak_network', contactRoleId: null }],
          sourceTitle: 'Cổng Dịch vụ công quốc gia',
          sourceUrl: 'https://dichvucong.gov.vn/',
        }),
      });
    let count = full ? 0 : 4;
    let answer = await put(count);
    // The province's budget refuses the pictures: publish this guide with fewer, then none after.
    while (answer.status === 400 && count > 0) {
      full = true;
      count -= 1;
      answer = await put(count);
    }
    if (answer.status !== 200) throw new Error(`publishing ${code}: ${answer.status} ${await answer.text()}`);
    pictures += count;
  }
  return { guides: services.length, pictures };
}

async function openGuideOnce(page: Page): Promise<number> {
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Hướng dẫn')!;
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (!document.querySelector('.log-form-guide .guide h2')) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - start));
        });
        observer.observe(document.body, { childList: true, subtree: true });
        button.click();
      }),
  );
  await page.getByRole('button', { name: 'Quay lại' }).first().click();
  await page.getByRole('button', { name: 'Hướng dẫn', exact: true }).waitFor();
  return ms;
}

export async function runGuidesBench(): Promise<Measurement[]> {
  const server = await startAppServer({ DEMO_PASSWORD: PASSWORD });
  const phone = await launchPhone();
  const { page, context } = phone;
  try {
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    const filled = await fillProvince(server.url);
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await signIn(page, server.url, 'demo-member', PASSWORD);
    const stored = async () => withHooks(page, async (h) => {
      const size = (rows: readonly unknown[]) => rows.reduce<number>((sum, row) => sum + JSON.stringify(row).length, 0);
      return { guides: size(await h.rows('serviceGuides')), images: size(await h.rows('guideImages')), pictures: (await h.rows('guideImages')).length };
    }, null);
    const deadline = Date.now() + 120_000;
    while ((await stored()).pictures < filled.pictures && Date.now() < deadline) await page.waitForTimeout(500);
    const size = await stored();
    await context.setOffline(true);

    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hỗ trợ' }).click();
    await page.getByRole('link', { name: 'Ghi mới' }).click();
    await page.getByRole('radio', { name: ACTIVATE }).check();
    await page.getByRole('button', { name: 'Hướng dẫn', exact: true }).waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const calibration = await domCalibration(page);
    const runs: number[] = [];
    for (let run = 0; run < OPEN_RUNS; run++) runs.push(await openGuideOnce(page));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const open = median(runs);
    const total = size.guides + size.images;
    return [
      contextRow(`guides: ${filled.guides} guides, ${filled.pictures} pictures until the province's budget refused more`, filled.pictures, 'pictures'),
      atMost('guides: the whole catalogue on the phone, pictures included', total / 1024, 'KB', PHONE_BYTES / 1024),
      contextRow('guides: opening a guide from the log form at 4× CPU slowdown, median', open, 'ms'),
      ratioAtMost('guides: opening a guide from the log form at 4× CPU slowdown vs DOM calibration', open, calibration, 'ms', OPEN_VS_CALIBRATION),
    ];
  } finally {
    await phone.close();
    await server.stop();
  }
}
