// Sync budgets (issues #3, #18), measured with the real client (headless Chromium, real IndexedDB,
// the app's own engine) against the real server on loopback, each against the floor client of
// floor-client.ts in the same page and the same run. Every byte between the phone and the server
// goes through a counting TCP proxy, so "bytes on the wire" is headers and bodies, both ways.
//   - first sync of 10,000 assistance logs into an empty phone ≤ 1.3 × the floor; wire ≤ 15 % of raw JSON
//   - incremental sync of 100 new logs ≤ 1.5 × the floor
//   - an idle round: at most one request each way (no push with an empty outbox), < 2 KB
//   - slow profile (400 ms latency, 400 kbit/s each way): first sync of 2,000 logs, and 1,000 logs
//     created offline pushed and acknowledged, each ≤ 1.3 × the floor
import { SYNC_TABLES } from '../../src/shared/schemas/tables';
import { newNodeId } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { CURRENT_SCHEMA_VERSION, type Mutation } from '../../src/shared/sync/protocol';
import { apiLogin } from '../e2e/support/api-client';
import { withHooks } from '../e2e/support/page-hooks';
import { appRound, floorPull, floorPush, prepareFloor, resetAppSync, resetFloor } from './floor-client';
import { atMost, median, ratioAtMost, type Measurement } from './measurement';
import { seedLogs } from './realistic-logs';
import { DEMO_PASSWORD, outboxCount, setUp, tearDown, timedRound, until } from './sync-phone';

const SLOW = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const FAST = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
const FULL_RUNS = 4;
const INCREMENTAL_RUNS = 11;
const OFFLINE = { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

export async function runSyncClientBench(): Promise<Measurement[]> {
  const results: Measurement[] = [];

  // 1. Unthrottled: 10,000 logs into an empty phone, the app and the floor client taking turns.
  const fast = await setUp();
  try {
    const { page } = fast.phone;
    const rawBytes = await seedLogs(fast.server.url, fast.seeder, 10_000, 1);
    const floorSession = await apiLogin(fast.server.url, 'demo-member', DEMO_PASSWORD);
    await prepareFloor(page, SYNC_TABLES);
    const app: number[] = [];
    const floor: number[] = [];
    let wire = { up: 0, down: 0 };
    let floorCursor = '';
    // Both start from emptied stores, and take turns at going first (the one that goes second
    // runs in a page that has just written 10,000 records, with more garbage to collect).
    const floorRun = async () => {
      await resetFloor(page);
      const measured = await floorPull(page, floorSession.accessToken, undefined);
      floor.push(measured.ms);
      floorCursor = measured.cursor;
    };
    const appRun = async (run: number) => {
      await resetAppSync(page, SYNC_TABLES);
      fast.proxy.reset();
      app.push(await appRound(page));
      if (run === 0) wire = fast.proxy.bytes();
      const received = await withHooks(page, async (h) => (await h.rows('assistanceLogs')).length, null);
      if (received !== 10_000) throw new Error(`the phone has ${received} logs, expected 10,000`);
    };
    for (let run = 0; run < FULL_RUNS; run++) {
      if (run % 2 === 0) {
        await floorRun();
        await appRun(run);
      } else {
        await appRun(run);
        await floorRun();
      }
    }
    results.push(ratioAtMost(`sync: first sync of 10,000 logs / floor client (median of ${FULL_RUNS})`, median(app), median(floor), 'ms', 1.3));
    results.push(atMost('sync: bytes on the wire / raw JSON (10,000 logs, from the beginning)', (100 * (wire.up + wire.down)) / rawBytes, '%', 15));
    process.stdout.write(`  10,000 logs: raw ${(rawBytes / 1e6).toFixed(2)} MB, wire ↑${wire.up} B ↓${wire.down} B; app ${app.map((ms) => ms.toFixed(0)).join(', ')} ms; floor ${floor.map((ms) => ms.toFixed(0)).join(', ')} ms\n`);

    // Incremental: 100 new logs on the server, pulled by each client from where it stands.
    const appIncremental: number[] = [];
    const floorIncremental: number[] = [];
    for (let run = 0; run < INCREMENTAL_RUNS; run++) {
      await seedLogs(fast.server.url, fast.seeder, 100, 10 + run);
      const floorRun = await floorPull(page, floorSession.accessToken, floorCursor);
      if (floorRun.received !== 100) throw new Error(`the floor client received ${floorRun.received} changes, expected 100`);
      floorCursor = floorRun.cursor;
      floorIncremental.push(floorRun.ms);
      appIncremental.push(await appRound(page));
    }
    results.push(ratioAtMost(`sync: incremental sync of 100 logs / floor client (median of ${INCREMENTAL_RUNS})`, median(appIncremental), median(floorIncremental), 'ms', 1.5));
    process.stdout.write(`  incremental 100: app ${appIncremental.map((ms) => ms.toFixed(0)).join(', ')} ms; floor ${floorIncremental.map((ms) => ms.toFixed(0)).join(', ')} ms\n`);

    fast.proxy.reset();
    fast.apiRequests.length = 0;
    await timedRound(page);
    const idle = fast.proxy.bytes();
    const requests = fast.apiRequests.length;
    if (fast.apiRequests.some((request) => request.includes('/push'))) throw new Error(`idle round pushed: ${fast.apiRequests.join(', ')}`);
    results.push(atMost('sync: idle round, requests', requests, 'requests', 1));
    results.push(atMost('sync: idle round, bytes both ways', (idle.up + idle.down) / 1024, 'KB', 2));
    process.stdout.write(`  idle round: ${fast.apiRequests.join(', ')}; ↑${idle.up} B ↓${idle.down} B\n`);
  } finally {
    await tearDown(fast);
  }

  // 2. Slow profile (400 ms latency, 400 kbit/s each way): the same comparison where the link dominates.
  const slow = await setUp();
  try {
    const { page } = slow.phone;
    await seedLogs(slow.server.url, slow.seeder, 2_000, 2);
    const floorSession = await apiLogin(slow.server.url, 'demo-member', DEMO_PASSWORD);
    await prepareFloor(page, SYNC_TABLES);
    await slow.cdp.send('Network.emulateNetworkConditions', SLOW);
    const floorSync = await floorPull(page, floorSession.accessToken, undefined);
    await resetAppSync(page, SYNC_TABLES);
    const firstSync = await appRound(page);
    results.push(ratioAtMost('sync: first sync of 2,000 logs, 400 ms / 400 kbit/s, / floor client', firstSync, floorSync.ms, 'ms', 1.3));

    // 1,000 logs created with no network, then the network comes back (still slow).
    await slow.cdp.send('Network.emulateNetworkConditions', OFFLINE);
    await withHooks(
      page,
      async (h, count) => {
        const session = await h.session();
        const user = session!.user;
        for (let start = 0; start < count; start += 50) {
          const batch = Array.from({ length: Math.min(50, count - start) }, (_, offset) => {
            const at = new Date(Date.now() - (start + offset) * 60_000).toISOString();
            return {
              id: crypto.randomUUID(),
              fields: {
                serviceId: 'vneid-activate-level2',
                outcome: 'done',
                occurredAt: at,
                durationMin: 15,
                note: `Lượt ${start + offset + 1}: kích hoạt tài khoản định danh điện tử mức 2, đã tích hợp bảo hiểm y tế và giấy phép lái xe.`,
                communeId: user.communeId,
                createdBy: user.id,
                createdAt: at,
                deleted: false,
              },
            };
          });
          await h.writeMany('assistanceLogs', batch);
        }
      },
      1_000,
    );
    if ((await outboxCount(page)) !== 1_000) throw new Error('expected 1,000 changes waiting');
    // The floor pushes the same changes (new ids: the server must apply them, not skip them as seen).
    const outbox = await withHooks(page, (h) => h.outbox(), null);
    const floorMutations = outbox.map((entry): Mutation => ({ id: uuidv7(), table: entry.table, recordId: uuidv7(), hlc: entry.hlc, fields: entry.fields }));
    // The app first (its own retry would otherwise push while the floor does), then the floor.
    await slow.cdp.send('Network.emulateNetworkConditions', SLOW);
    const started = performance.now();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await until(async () => (await outboxCount(page)) === 0, 120_000, 'the outbox to empty');
    const pushMs = performance.now() - started;
    const floorPushMs = await floorPush(page, floorSession.accessToken, newNodeId(), CURRENT_SCHEMA_VERSION, floorMutations);
    results.push(ratioAtMost('sync: push 1,000 offline logs, 400 ms / 400 kbit/s, / floor client', pushMs, floorPushMs, 'ms', 1.3));
    process.stdout.write(`  slow: first sync of 2,000 in ${firstSync.toFixed(0)} ms (floor ${floorSync.ms.toFixed(0)}), 1,000 pushed in ${pushMs.toFixed(0)} ms (floor ${floorPushMs.toFixed(0)})\n`);
    await slow.cdp.send('Network.emulateNetworkConditions', FAST);
  } finally {
    await tearDown(slow);
  }
  return results;
}
