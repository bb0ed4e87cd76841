// The phone the screen benches measure on (assistance, log-scroll, checklists, lock, reports): the
// app's own server and a phone-sized Chromium that has loaded the app once, so that its service
// worker controls the page and the bench can then go offline, as a member in the field does.
import type { BrowserContext, Page } from 'playwright-core';
import { launchPhone, waitForServiceWorkerControl } from '../e2e/support/browser';
import { installRawIdb, type RawIdb } from '../e2e/support/idb';
import { startAppServer, type RunningServer } from '../e2e/support/server';
import { SEED_MEMBER, seedLogs } from '../e2e/support/seed-logs';
import { seedMemberKey } from '../e2e/support/vault-seed';
import { SEALED_FIELDS_VERSION } from '../../src/client/data/sealed-fields';

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

/**
 * An offline phone holding `count` plaintext logs of the seeded member, whose vault unlocks with
 * `password`, marked as already sealed at rest (the unlock then seals nothing): for benches that
 * measure what comes after the unlock (the sealing baseline, the retention purge). The server is
 * stopped first, so no sync round ever starts.
 */
export async function seedOfflineLogsMarkedSealed({ server, page, context }: BenchPhone, count: number, password: string): Promise<void> {
  await server.stop();
  await context.setOffline(true);
  await seedLogs(page, SEED_MEMBER, count);
  await seedMemberKey(page, SEED_MEMBER, password);
  await page.evaluate(async (value) => {
    const raw = (window as unknown as { __idb: RawIdb }).__idb;
    await raw.put(await raw.open(), 'syncState', [{ key: 'sealedAtRest', value }]);
  }, SEALED_FIELDS_VERSION);
  await page.goto(`${server.url}/`);
}
