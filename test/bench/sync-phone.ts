// The sync benches' phone (sync-client.bench.ts, sync-2g.bench.ts): the real server on a fresh data
// directory (no rate limit, no write quota), reached through a counting TCP proxy, and a headless Chromium that
// signs in through the app's own screens and finishes its first round; plus how a bench drives it.
import type { CDPSession, Page } from 'playwright-core';
import { apiLogin, type ApiSession } from '../e2e/support/api-client';
import { launchPhone, waitForServiceWorkerControl, type Phone } from '../e2e/support/browser';
import { withHooks } from '../e2e/support/page-hooks';
import { startAppServer, type RunningServer } from '../e2e/support/server';
import { countingProxy, type CountingProxy } from './counting-proxy';
import { signIn } from '../e2e/support/sign-in';

export const DEMO_PASSWORD = 'sync-bench-password';

export const outboxCount = (page: Page) => withHooks(page, (h) => h.outboxCount(), null);
export const lastSuccess = (page: Page) => withHooks(page, (h) => h.syncState('lastSuccessAt'), null);

export async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Triggers one round through the app's own `online` trigger; resolves with its duration in ms. */
export async function timedRound(page: Page, timeoutMs = 60_000): Promise<number> {
  const before = await lastSuccess(page);
  const started = performance.now();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await until(async () => (await lastSuccess(page)) !== before, timeoutMs, 'a sync round');
  return performance.now() - started;
}

export interface Setup {
  server: RunningServer;
  proxy: CountingProxy;
  phone: Phone;
  cdp: CDPSession;
  seeder: ApiSession;
  apiRequests: string[];
}

export async function setUp(): Promise<Setup> {
  // The server's own fresh data directory, deleted when it stops.
  const server = await startAppServer({ DEMO_PASSWORD, SYNC_RATE_LIMIT: '0', WRITE_QUOTA_USER: '0', WRITE_QUOTA_COMMUNE: '0', WRITE_QUOTA_USER_BYTES: '0', WRITE_QUOTA_COMMUNE_BYTES: '0' });
  const proxy = await countingProxy(server.url);
  const phone = await launchPhone();
  const { page } = phone;
  // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to page.evaluate
  // keep those calls, so the page needs the helper too.
  await phone.context.addInitScript('globalThis.__name = (fn) => fn;');
  const apiRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) apiRequests.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  await page.goto(proxy.url);
  await waitForServiceWorkerControl(page);
  await signIn(page, proxy.url, 'demo-member', DEMO_PASSWORD);
  await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
  await until(async () => (await lastSuccess(page)) !== undefined, 30_000, 'the first sync after sign-in');
  const cdp = await phone.context.newCDPSession(page);
  await cdp.send('Network.enable');
  const seeder = await apiLogin(server.url, 'demo-leader', DEMO_PASSWORD);
  return { server, proxy, phone, cdp, seeder, apiRequests };
}

export async function tearDown(setup: Setup): Promise<void> {
  await setup.phone.close();
  await setup.proxy.close();
  await setup.server.stop();
}
