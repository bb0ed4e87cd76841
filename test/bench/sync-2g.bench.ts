// The 2G budget (issue #18): a phone back from a month offline with 5,000 changes waiting (new logs,
// edits of them, checklist items, contacts) pushes them over Chromium's 2G emulation (50 kbit/s
// each way, 800 ms latency) in under 2 minutes; and when the link drops halfway through a push,
// the next attempt sends none of the changes the server had already acknowledged to the phone.
// The real client (headless Chromium, real IndexedDB, the app's own engine and triggers) against
// the real server. The link's own floor — every byte at the link's rate plus one latency per
// request, nothing else — is printed beside the time, so a miss shows whether the bytes or the app
// are to blame. The same resume is a test too: test/e2e/sync-resume.test.ts.
import type { Page, Request, Response } from 'playwright-core';
import { checklistItemRecordId } from '../../src/shared/checklists/item-id';
import type { SyncTable } from '../../src/shared/schemas/tables';
import { uuidv7 } from '../../src/shared/sync/ids';
import { pushedIds } from '../e2e/support/push-body';
import { withHooks } from '../e2e/support/page-hooks';
import { mulberry32 } from '../helpers/seeded-random';
import { atMost, context, type Measurement } from './measurement';
import { realisticLog } from './realistic-logs';
import { outboxCount, setUp, tearDown, until, type Setup } from './sync-phone';

const KBIT = 1000 / 8;
const TWO_G = { offline: false, latency: 800, downloadThroughput: 50 * KBIT, uploadThroughput: 50 * KBIT };
const OFFLINE = { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
const FAST = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
const CHANGES = 5_000;
const RESUME_CHANGES = 1_000;
const BUDGET_S = 120;

interface Write {
  table: SyncTable;
  id: string;
  fields: Record<string, unknown>;
}

/**
 * A month of one member's work, in the order it happened: per day new logs, a few of them edited
 * later the same day, checklist items ticked, contacts added; `count` writes in all.
 */
export function monthOffline(user: { id: string; communeId: string }, count: number, seed: number): Write[] {
  const rng = mulberry32(seed);
  const writes: Write[] = [];
  const checklists = Array.from({ length: 30 }, () => uuidv7());
  const monthAgo = Date.now() - 30 * 86_400_000;
  const meta = (at: number) => ({ communeId: user.communeId, createdBy: user.id, createdAt: new Date(at).toISOString(), deleted: false });
  for (let day = 0; writes.length < count; day += 1) {
    const at = monthAgo + (day % 30) * 86_400_000;
    const logs: Write[] = [];
    for (let n = 0; n < 50; n += 1) logs.push({ table: 'assistanceLogs', id: uuidv7(), fields: { ...realisticLog(rng, user, at), createdAt: new Date(at).toISOString() } });
    writes.push(...logs);
    for (const log of logs.slice(0, 10)) writes.push({ table: 'assistanceLogs', id: log.id, fields: { outcome: 'partial', followUpAt: new Date(at + 7 * 86_400_000).toISOString().slice(0, 10) } });
    const checklist = checklists[day % checklists.length]!;
    for (let n = 0; n < 30; n += 1) {
      const itemId = `bench-item-${String(n + 1).padStart(2, '0')}`;
      const status = ['doing', 'done', 'blocked', 'na'][Math.floor(rng() * 4)]!;
      writes.push({ table: 'checklistItems', id: checklistItemRecordId(checklist, itemId), fields: { ...meta(at), checklistId: checklist, itemId, status, assignee: 'Chị Hoa (văn phòng)', note: 'Đã kiểm tra đường truyền và máy in ở bộ phận một cửa.' } });
    }
    for (let n = 0; n < 10; n += 1) {
      writes.push({
        table: 'contacts',
        id: uuidv7(),
        fields: {
          ...meta(at),
          name: `Anh Nguyễn Văn ${String.fromCharCode(65 + Math.floor(rng() * 26))} ${day}-${n}`,
          organization: 'VNPT Quảng Ngãi',
          role: 'Kỹ thuật viên hỗ trợ phần mềm quản lý văn bản',
          systems: ['qlvb'],
          phones: [`09${String(Math.floor(rng() * 1e8)).padStart(8, '0')}`],
          area: 'Các xã phía tây huyện',
          note: 'Gọi giờ hành chính; ngoài giờ nhắn Zalo.',
        },
      });
    }
  }
  return writes.slice(0, count);
}

/** Writes through the app's own write path while the phone is offline, a table's run at a time. */
async function writeOffline(page: Page, writes: readonly Write[]): Promise<void> {
  for (let start = 0; start < writes.length; ) {
    let end = start;
    while (end < writes.length && end - start < 200 && writes[end]!.table === writes[start]!.table) end += 1;
    await withHooks(page, (h, { table, records }) => h.writeMany(table, records), { table: writes[start]!.table, records: writes.slice(start, end).map(({ id, fields }) => ({ id, fields })) });
    start = end;
  }
}

async function signedInUser(page: Page): Promise<{ id: string; communeId: string }> {
  const user = await withHooks(page, async (h) => (await h.session())!.user, null);
  return { id: user.id, communeId: user.communeId! };
}

/** Every push the page sends (its mutation ids) and every acknowledgement it receives, in order. */
function watchPushes(page: Page): { sent: { at: number; ids: string[] }[]; acked: { at: number; ids: string[] }[]; failed: number[]; stop: () => void } {
  const sent: { at: number; ids: string[] }[] = [];
  const acked: { at: number; ids: string[] }[] = [];
  const failed: number[] = [];
  const isPush = (request: Request) => request.method() === 'POST' && new URL(request.url()).pathname === '/api/sync/push';
  const onRequest = (request: Request) => {
    if (isPush(request)) sent.push({ at: performance.now(), ids: pushedIds(request) });
  };
  const onFailed = (request: Request) => {
    if (isPush(request)) failed.push(performance.now());
  };
  const onResponse = (response: Response) => {
    if (!isPush(response.request()) || !response.ok()) return;
    const at = performance.now();
    response.json().then(
      (body: { acked: string[] }) => acked.push({ at, ids: body.acked }),
      () => undefined, // the link dropped while the answer came in: the phone never saw it
    );
  };
  page.on('request', onRequest);
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  return { sent, acked, failed, stop: () => (page.off('request', onRequest), page.off('response', onResponse), page.off('requestfailed', onFailed)) };
}

async function pushOver2g(setup: Setup, results: Measurement[]): Promise<void> {
  const { page } = setup.phone;
  await setup.cdp.send('Network.emulateNetworkConditions', OFFLINE);
  await writeOffline(page, monthOffline(await signedInUser(page), CHANGES, 5));
  if ((await outboxCount(page)) !== CHANGES) throw new Error(`expected ${CHANGES} changes waiting`);
  const pushes = watchPushes(page);
  await setup.cdp.send('Network.emulateNetworkConditions', TWO_G);
  setup.proxy.reset();
  const started = performance.now();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await until(async () => (await outboxCount(page)) === 0, 15 * 60_000, 'the outbox to empty over 2G');
  const seconds = (performance.now() - started) / 1000;
  pushes.stop();
  const rejected = await withHooks(page, async (h) => (await h.rejected()).length, null);
  if (rejected > 0) throw new Error(`${rejected} changes were refused`);
  const { up, down } = setup.proxy.bytes();
  const linkFloor = (up + down) / TWO_G.uploadThroughput + (pushes.sent.length * TWO_G.latency) / 1000;
  results.push(atMost(`sync 2G: push ${CHANGES.toLocaleString('en')} changes after a month offline, 50 kbit/s each way, 800 ms`, seconds, 's', BUDGET_S));
  results.push(context(`sync 2G: the link's floor for the same bytes and ${pushes.sent.length} requests`, linkFloor, 's'));
  results.push(context('sync 2G: bytes up / down', up / 1024, `KB up, ${(down / 1024).toFixed(0)} KB down`));
  process.stdout.write(`  2G: ${CHANGES} changes in ${seconds.toFixed(1)} s, ${pushes.sent.length} pushes, ↑${up} B ↓${down} B; the link's floor ${linkFloor.toFixed(1)} s\n`);
}

async function dropHalfway(setup: Setup, results: Measurement[]): Promise<void> {
  const { page } = setup.phone;
  await setup.cdp.send('Network.emulateNetworkConditions', OFFLINE);
  await writeOffline(page, monthOffline(await signedInUser(page), RESUME_CHANGES, 6));
  const pushes = watchPushes(page);
  await setup.cdp.send('Network.emulateNetworkConditions', TWO_G);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await until(async () => (await outboxCount(page)) <= RESUME_CHANGES / 2, 10 * 60_000, 'half of the changes to be acknowledged');
  // The link drops: the push in flight fails, its answer (if the server sent one) never arrives.
  const droppedAt = Date.now();
  await setup.cdp.send('Network.emulateNetworkConditions', OFFLINE);
  const failedSince = async () => {
    const error = (await withHooks(page, (h) => h.syncState('lastError'), null)) as { at?: string } | undefined;
    return error?.at !== undefined && Date.parse(error.at) >= droppedAt - 1_000;
  };
  await until(failedSince, 120_000, 'the round to fail');
  const dropped = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // answers already on their way are read
  const ackedBefore = new Set(pushes.acked.filter((answer) => answer.at < dropped).flatMap((answer) => answer.ids));
  const sentBefore = new Set(pushes.sent.filter((push) => push.at < dropped).flatMap((push) => push.ids));
  await setup.cdp.send('Network.emulateNetworkConditions', TWO_G);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await until(async () => (await outboxCount(page)) === 0, 10 * 60_000, 'the outbox to empty after the drop');
  pushes.stop();
  const sentAfter = pushes.sent.filter((push) => push.at >= dropped).flatMap((push) => push.ids);
  const resentAcked = sentAfter.filter((id) => ackedBefore.has(id)).length;
  const resentUnanswered = sentAfter.filter((id) => sentBefore.has(id) && !ackedBefore.has(id)).length;
  results.push(atMost(`sync 2G: link dropped after ${ackedBefore.size} of ${RESUME_CHANGES} acknowledged, acknowledged changes sent again`, resentAcked, 'changes', 0));
  results.push(context('sync 2G: changes sent before the drop and not acknowledged, sent again (the server skips any it had applied, by id)', resentUnanswered, 'changes'));
  process.stdout.write(
    `  2G drop: ${ackedBefore.size} acknowledged before the drop, ${sentAfter.length} sent in ${pushes.sent.filter((push) => push.at >= dropped).length} pushes after it (${resentAcked} of them acknowledged before, ${resentUnanswered} unanswered); ${pushes.failed.length} pushes failed\n`,
  );
}

export async function runSync2gBench(): Promise<Measurement[]> {
  const results: Measurement[] = [];
  const setup = await setUp();
  try {
    await pushOver2g(setup, results);
    await dropHalfway(setup, results);
    await setup.cdp.send('Network.emulateNetworkConditions', FAST);
  } finally {
    await tearDown(setup);
  }
  return results;
}
