// The sync suites' ground (sync-two-phones, sync-faults): the real server in demo mode on a fresh
// data directory and two phones (headless Chromiums with real IndexedDB) that sign in through the
// app; plus what every sync suite reads on a phone — its rows, its outbox, a finished round — and
// the server's own state, read by a third client. A suite registers the world once at its top;
// its fields are set by the suite's beforeAll, before any test runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { SyncTable } from '../../../src/shared/schemas/tables';
import type { SyncedRecord } from '../../../src/shared/sync/merge';
import { apiLogin, apiPullAll } from './api-client';
import { launchPhone, waitForServiceWorkerControl, type Phone } from './browser';
import { withHooks as hook } from './page-hooks';
import { freePort, startAppServer, type RunningServer } from './server';

export { pushedIds } from './push-body';

export const DEMO_PASSWORD = 'sync-e2e-password';

export const rows = (page: Page, table: SyncTable) => hook(page, (h, name) => h.rows(name), table);
export const outboxCount = (page: Page) => hook(page, (h) => h.outboxCount(), null);
export const lastSuccess = (page: Page) => hook(page, (h) => h.syncState('lastSuccessAt'), null);

/** Asks the app to sync (its own `online` trigger) and waits for a new successful round with nothing left to send. */
export async function syncRound(page: Page): Promise<void> {
  const before = await lastSuccess(page);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect.poll(async () => (await lastSuccess(page)) !== before && (await outboxCount(page)) === 0, { timeout: 30_000, interval: 200 }).toBe(true);
}

export function byId(records: Iterable<SyncedRecord>): Record<string, SyncedRecord> {
  return Object.fromEntries([...records].map((record) => [record.id, record]));
}

/** Writes one assistance log per id on the phone, as its signed-in member, through the app's own write path. */
export function writeLogs(page: Page, ids: readonly string[], fields: Record<string, unknown> = {}): Promise<void> {
  return hook(
    page,
    async (h, { recordIds, extra }) => {
      const session = await h.session();
      for (const id of recordIds) {
        await h.writeRecord('assistanceLogs', id, {
          serviceId: 'vneid-install-register',
          outcome: 'done',
          occurredAt: new Date().toISOString(),
          communeId: session!.user.communeId,
          createdBy: session!.user.id,
          createdAt: new Date().toISOString(),
          deleted: false,
          ...extra,
        });
      }
    },
    { recordIds: [...ids], extra: fields },
  );
}

export interface SyncWorld {
  server: RunningServer;
  /** The server's environment, to start it again on the same data. */
  env: Record<string, string>;
  a: Phone;
  /** Unset in a one-phone world. */
  b: Phone;
  /** Errors thrown in either phone's page. */
  pageErrors: string[];
  /** Every access and refresh token the server handed a phone (none may be readable by scripts). */
  issuedTokens: string[];
  /** Signs the phone in through the app's own screens and waits for its first sync. */
  signIn: (phone: Phone, username: string) => Promise<void>;
  /** Every record of the demo commune as the server holds it. */
  serverState: () => Promise<Map<SyncTable, Map<string, SyncedRecord>>>;
}

/**
 * A world with two phones, or with one (`b` then stays unset) for a suite that needs only one.
 * `cameraOfB`: a video file phone B's camera sees (launchPhone's `camera`).
 */
export function syncWorld(options: { phones: 1 | 2; cameraOfB?: string } = { phones: 2 }): SyncWorld {
  let dataDir: string | undefined;
  // Filled field by field in beforeAll: no test reads it before then.
  const world = { pageErrors: [], issuedTokens: [] } as unknown as SyncWorld;

  world.serverState = async () => apiPullAll(world.server.url, await apiLogin(world.server.url, 'demo-leader', DEMO_PASSWORD));

  world.signIn = async ({ page }, username) => {
    page.on('response', (response) => {
      if (!/\/api\/auth\/(login|refresh)$/.test(response.url()) || !response.ok()) return;
      response.json().then(
        (body: { accessToken: string; refreshToken: string }) => world.issuedTokens.push(body.accessToken, body.refreshToken),
        () => undefined,
      );
    });
    await page.goto(world.server.url);
    await waitForServiceWorkerControl(page);
    await page.getByTestId('sign-in-card').waitFor();
    await page.getByRole('link', { name: 'Đăng nhập', exact: true }).first().click();
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await expect.poll(() => lastSuccess(page), { timeout: 30_000 }).toBeDefined();
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'so-tay-so-sync-e2e-'));
    world.env = { DEMO_PASSWORD, DATA_DIR: dataDir, PORT: String(await freePort()) };
    world.server = await startAppServer(world.env);
    const phones = await Promise.all(Array.from({ length: options.phones }, (_, index) => launchPhone(index === 1 && options.cameraOfB ? { camera: options.cameraOfB } : {})));
    [world.a, world.b] = phones as [Phone, Phone];
    for (const phone of phones) phone.page.on('pageerror', (error) => world.pageErrors.push(error.message));
  });

  afterAll(async () => {
    await Promise.all([world.a?.close(), world.b?.close()]);
    await world.server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  return world;
}
