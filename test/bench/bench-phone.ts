// The phone the screen benches measure on (assistance, log-scroll, checklists, lock, reports): the
// app's own server and a phone-sized Chromium that has loaded the app once, so that its service
// worker controls the page and the bench can then go offline, as a member in the field does.
import type { BrowserContext, Page } from 'playwright-core';
import { launchPhone, waitForServiceWorkerControl } from '../e2e/support/browser';
import { installRawIdb, type RawIdb } from '../e2e/support/idb';
import { startAppServer, type RunningServer } from '../e2e/support/server';

export interface BenchPhone {
  server: RunningServer;
  page: Page;
  context: BrowserContext;
}

/** Runs `work` on a fresh server and phone (the app loaded, its service worker in control); closes both whatever happens. */
export async function withBenchPhone<T>(work: (phone: BenchPhone) => Promise<T>): Promise<T> {
  const server = await startAppServer();
  const phone = await launchPhone();
  const { page, context } = phone;
  try {
    // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to page.evaluate
    // keep those calls, so the page needs the helper too.
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    return await work({ server, page, context });
  } finally {
    await phone.close();
    await server.stop();
  }
}

/** Stores `user` as the signed-in member with the raw IndexedDB API (a bench needs no server account). */
export async function seedSignedIn(page: Page, user: object): Promise<void> {
  await installRawIdb(page);
  await page.evaluate(async (user) => {
    const raw = (window as unknown as { __idb: RawIdb }).__idb;
    const database = await raw.open();
    await raw.put(database, 'settings', [{ key: 'session', value: { user, signedInAt: new Date().toISOString() } }]);
    database.close();
  }, user);
}
