// What a phone does when the network or the server fails, end to end (issue #3 "Sync that never
// loses a change"): one phone (a headless Chromium with real IndexedDB) and the real server
// (support/sync-world.ts). A push whose answer is lost is retried without duplicates; a server
// restart between pushes loses nothing; two tabs never push at once; a change the server refuses
// is shown with its reason.
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/sync/ids';
import { axeViolations } from './support/axe';
import { withHooks as hook } from './support/page-hooks';
import { startAppServer } from './support/server';
import { byId, outboxCount, pushedIds, rows, syncRound, syncWorld, writeLogs } from './support/sync-world';

describe('one phone syncs through a lost answer, a server restart, two tabs and a refusal', () => {
  const world = syncWorld({ phones: 1 });

  it('signs the phone in through the app', async () => {
    await world.signIn(world.a, 'demo-member');
  });

  it('[I4] retries a push whose answer was lost, with the same ids and no duplicate', async () => {
    const { page, context } = world.a;
    const logsBefore = (await world.serverState()).get('assistanceLogs')?.size ?? 0;
    const attempts: string[][] = [];
    await context.route('**/api/sync/push', async (route) => {
      attempts.push(pushedIds(route.request()));
      if (attempts.length === 1) {
        await route.fetch(); // the server receives and applies it…
        await route.abort('connectionreset'); // …and the answer is lost on the way back
      } else {
        await route.continue();
      }
    });
    const ids = [uuidv7(), uuidv7(), uuidv7()];
    await writeLogs(page, ids, { note: 'Hướng dẫn kích hoạt định danh điện tử mức 2 cho người cao tuổi' });
    // The app notices the writes by itself (2 s debounce), fails, backs off and retries.
    await expect.poll(() => outboxCount(page), { timeout: 30_000, interval: 250 }).toBe(0);
    await context.unroute('**/api/sync/push');
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts[1]).toEqual(expect.arrayContaining(attempts[0]!));
    const logs = (await world.serverState()).get('assistanceLogs')!;
    expect(logs.size).toBe(logsBefore + ids.length);
    for (const id of ids) expect(logs.get(id)).toBeDefined();
    await syncRound(page);
    expect(byId(await rows(page, 'assistanceLogs'))).toEqual(Object.fromEntries(logs));
  });

  it('[I3] loses nothing when the server restarts between pushes', async () => {
    const { page } = world.a;
    const logsBefore = (await world.serverState()).get('assistanceLogs')?.size ?? 0;
    const write = (id: string) => writeLogs(page, [id], { outcome: 'partial' });
    const first = uuidv7();
    await write(first);
    await syncRound(page);
    await world.server.stop();
    const second = uuidv7();
    await write(second);
    await expect.poll(() => hook(page, (h) => h.syncState('lastError'), null), { timeout: 15_000 }).toMatchObject({ reason: 'unreachable' });
    expect(await outboxCount(page)).toBe(1);
    world.server = await startAppServer(world.env);
    await syncRound(page);
    const state = await world.serverState();
    expect(state.get('assistanceLogs')?.get(first)).toBeDefined();
    expect(state.get('assistanceLogs')?.get(second)).toBeDefined();
    expect(state.get('assistanceLogs')?.size).toBe(logsBefore + 2);
  });

  it('[I15] two tabs of one phone never push at the same time (Web Locks), and send each change once', async () => {
    const { context, page } = world.a;
    const second = await context.newPage();
    await second.goto(world.server.url);
    await second.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    let inFlight = 0;
    let maxInFlight = 0;
    const pushed: string[] = [];
    await context.route('**/api/sync/push', async (route) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      pushed.push(...pushedIds(route.request()));
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 300)); // a slow link keeps the lock held
      inFlight -= 1;
      await route.fulfill({ response });
    });
    await hook(
      page,
      async (h, count) => {
        const session = await h.session();
        const user = session!.user;
        const records = Array.from({ length: count }, (_, index) => ({
          id: crypto.randomUUID(),
          fields: { serviceId: 'vneid-install-register', outcome: 'done', occurredAt: new Date().toISOString(), note: `Lượt ${index}`, communeId: user.communeId, createdBy: user.id, createdAt: new Date().toISOString(), deleted: false },
        }));
        await h.writeMany('assistanceLogs', records);
      },
      250,
    );
    await Promise.all([page, second].map((tab) => tab.evaluate(() => window.dispatchEvent(new Event('online')))));
    await expect.poll(() => outboxCount(page), { timeout: 30_000, interval: 250 }).toBe(0);
    await context.unroute('**/api/sync/push');
    await second.close();
    expect(maxInFlight).toBe(1);
    expect(pushed).toHaveLength(250);
    expect(new Set(pushed).size).toBe(250);
  });

  it('[I12] shows a change the server refused in Settings, with its reason; no axe violation at 360 × 740', async () => {
    const { page } = world.a;
    await hook(
      page,
      async (h, id) => {
        const session = await h.session();
        await h.writeRecord('checklistItems', id, {
          checklistId: id,
          itemId: 'qng25-email-02',
          status: 'finished',
          communeId: session!.user.communeId,
          createdBy: session!.user.id,
          createdAt: new Date().toISOString(),
          deleted: false,
        });
      },
      uuidv7(),
    );
    await syncRound(page);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    const list = page.getByTestId('rejected-changes');
    await list.waitFor();
    expect(await list.textContent()).toContain('Lý do: Lựa chọn không hợp lệ');
    expect(await page.getByTestId('sync-badge').textContent()).toContain('1 thay đổi không được chấp nhận');
    await page.getByTestId('account-section').waitFor();
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    await list.getByRole('button', { name: /Đã đọc/ }).click();
    await list.waitFor({ state: 'detached' });
  });

  it('raised no page error', () => {
    expect(world.pageErrors).toEqual([]);
  });
});
