// Debian's Chromium driven by playwright-core. A persistent context on a fresh profile
// (an incognito-like context reports the app as not installable) sized like a cheap phone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE_VIEWPORT = { width: 360, height: 740 };

const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Phone {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Chromium's fake camera playing `file` (a .y4m or .mjpeg video, looped) to any page that opens the
 * camera, the permission granted without a prompt: a phone's camera pointed at another's screen.
 */
function cameraFlags(file: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
}

/**
 * `userAgent`: the browser's own unless given (the devices console names a phone from it).
 * `camera`: a video file the phone's camera sees (test/e2e/support/fake-camera.ts writes one).
 */
export async function launchPhone(options: { locale?: string; userAgent?: string; camera?: string } = {}): Promise<Phone> {
  const profile = mkdtempSync(path.join(tmpdir(), 'so-tay-so-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: options.camera ? [...FLAGS, ...cameraFlags(options.camera)] : FLAGS,
    viewport: PHONE_VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: options.locale ?? 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Resolves once a service worker controls the page (the app shell is then precached). */
export async function waitForServiceWorkerControl(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: timeoutMs });
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (registration.active?.state !== 'activated') {
      await new Promise<void>((resolve) => registration.active?.addEventListener('statechange', () => resolve()));
    }
  });
}
