// A phone applying an erasure (issue 13, "a phone applying it: under 200 ms"; docs/privacy.md
// "Erasure"), with the real client (headless Chromium, real IndexedDB, the app's own engine)
// holding PHONE_LOGS logs, against the real server on loopback. Each run the leader records
// LOGS_PER_CITIZEN logs of one citizen, every client syncs them, the leader erases that citizen
// through POST /api/privacy/erasures, and then:
// - the app's sync round that brings the erasure (pull, merge, store the logs without the citizen)
//   ≤ 2 × the floor client of floor-client.ts pulling the same page into a bare IndexedDB in the
//   same page (the least any client could do), medians of RUNS taking turns;
// - the app's round in ms is printed for context beside the absolute 200 ms.
import type { Page } from 'playwright-core';
import { SYNC_TABLES } from '../../src/shared/schemas/tables';
import { uuidv7 } from '../../src/shared/sync/ids';
import { apiLogin, apiPush, type ApiSession } from '../e2e/support/api-client';
import { launchPhone, waitForServiceWorkerControl } from '../e2e/support/browser';
import { withHooks } from '../e2e/support/page-hooks';
import { startAppServer } from '../e2e/support/server';
import { appRound, floorPull, prepareFloor } from './floor-client';
import { context, median, ratioAtMost, type Measurement } from './measurement';
import { seedLogs } from './realistic-logs';

const DEMO_PASSWORD = 'erasure-bench-password';
const PHONE_LOGS = 5_000;
const LOGS_PER_CITIZEN = 10;
const RUNS = 7;
// Twice the floor: with 10 records, the round's fixed parts (the outbox and sync state read, the cursor and
// status written) weigh as much as the records themselves; the 200 ms is some 13 × the floor.
const APP_VS_FLOOR = 2;

const citizenName = (run: number) => `Nguyễn Thị Thử ${run}`;
const citizenPhone = (run: number) => `0912${String(100_000 + run).slice(-6)}`;

/** The leader records LOGS_PER_CITIZEN logs of the run's citizen, who consented. */
async function recordCitizen(url: string, leader: ApiSession, run: number): Promise<string[]> {
  const hlc = `${new Date(Date.now() - 1_000).toISOString()}-0000-00000000000000e1`;
  const citizen = {
    name: citizenName(run),
    phone: citizenPhone(run),
    consent: true,
    consentEvidence: { method: 'spoken', noticeVersion: 'vi-2026-12', recordedAt: new Date().toISOString(), recordedBy: leader.user.id },
  };
  const ids = Array.from({ length: LOGS_PER_CITIZEN }, () => uuidv7());
  const now = new Date().toISOString();
  const mutations = ids.map((recordId) => ({
    id: uuidv7(),
    table: 'assistanceLogs',
    recordId,
    hlc,
    fields: { communeId: leader.user.communeId, createdBy: leader.user.id, createdAt: now, updatedAt: now, deleted: false, serviceId: 'vneid-install-register', outcome: 'done', occurredAt: now, citizen },
  }));
  const answer = await apiPush(url, leader, 'bench-erasure', mutations as never);
  if (answer.rejected.length > 0) throw new Error(`seeding refused: ${JSON.stringify(answer.rejected)}`);
  return ids;
}

async function erase(url: string, leader: ApiSession, run: number): Promise<void> {
  const response = await fetch(`${url}/api/privacy/erasures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${leader.accessToken}` },
    body: JSON.stringify({ name: citizenName(run), phone: citizenPhone(run) }),
  });
  const body = (await response.json()) as { erasedLogs?: number };
  if (body.erasedLogs !== LOGS_PER_CITIZEN) throw new Error(`the erasure changed ${JSON.stringify(body)}, expected ${LOGS_PER_CITIZEN} logs`);
}

const citizensOf = (page: Page, ids: string[]) =>
  withHooks(page, async (h, wanted) => (await h.rows('assistanceLogs')).filter((row) => wanted.includes(row.id)).map((row) => (row as { citizen?: unknown }).citizen ?? null), ids);

export async function runPhoneErasureBench(): Promise<Measurement[]> {
  const server = await startAppServer({ DEMO_PASSWORD, SYNC_RATE_LIMIT: '0', WRITE_QUOTA_USER: '0', WRITE_QUOTA_COMMUNE: '0', WRITE_QUOTA_USER_BYTES: '0', WRITE_QUOTA_COMMUNE_BYTES: '0' });
  const phone = await launchPhone();
  try {
    const { page } = phone;
    // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to page.evaluate keep those calls.
    await phone.context.addInitScript('globalThis.__name = (fn) => fn;');
    const leader = await apiLogin(server.url, 'demo-leader', DEMO_PASSWORD);
    await seedLogs(server.url, leader, PHONE_LOGS, 3);
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('demo-member');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('sync:round').length > 0, null, { timeout: 300_000, polling: 100 });
    await appRound(page, 300_000);
    const member = await apiLogin(server.url, 'demo-member', DEMO_PASSWORD);
    await prepareFloor(page, SYNC_TABLES);
    let cursor = (await floorPull(page, member.accessToken, undefined)).cursor;

    const app: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const ids = await recordCitizen(server.url, leader, run);
      cursor = (await floorPull(page, member.accessToken, cursor)).cursor;
      await appRound(page);
      if ((await citizensOf(page, ids)).some((citizen) => citizen === null)) throw new Error('the phone did not receive the citizen before the erasure');
      await erase(server.url, leader, run);
      const floorRun = await floorPull(page, member.accessToken, cursor);
      if (floorRun.received !== LOGS_PER_CITIZEN) throw new Error(`the floor client received ${floorRun.received} changes, expected ${LOGS_PER_CITIZEN}`);
      cursor = floorRun.cursor;
      floor.push(floorRun.ms);
      app.push(await appRound(page));
      const left = await citizensOf(page, ids);
      if (left.length !== LOGS_PER_CITIZEN || left.some((citizen) => citizen !== null)) throw new Error('the phone still holds the erased citizen after its round');
    }
    process.stdout.write(`  phone erasure: app ${app.map((ms) => ms.toFixed(0)).join(', ')} ms; floor ${floor.map((ms) => ms.toFixed(0)).join(', ')} ms\n`);
    const label = `phone applying an erasure (${LOGS_PER_CITIZEN} logs, phone holding ${PHONE_LOGS.toLocaleString('en')}) / floor client (median of ${RUNS})`;
    return [ratioAtMost(label, median(app), median(floor), 'ms', APP_VS_FLOOR), context("phone applying an erasure: the app's round (issue: under 200 ms)", median(app), 'ms')];
  } finally {
    await phone.close();
    await server.stop();
  }
}
