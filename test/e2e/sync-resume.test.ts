// A push cut off halfway resumes where the acknowledgements stopped (issue #18, the 2G budget's
// second half; PROTOCOL.md I3 and I4): one phone (headless Chromium, real IndexedDB) with 350
// changes waiting pushes them in batches to the real server; the link drops on the third batch
// (no byte of it reaches the server). The next attempt sends none of the changes the server had
// acknowledged, the cut batch again, then the rest, each once; the server ends with every change.
// The same over Chromium's 2G emulation with 1,000 changes is measured in test/bench/sync-2g.bench.ts.
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/sync/ids';
import { withHooks as hook } from './support/page-hooks';
import { outboxCount, pushedIds, syncWorld } from './support/sync-world';

const CHANGES = 350;

describe('a push cut off halfway resumes after what the server acknowledged', () => {
  const world = syncWorld({ phones: 1 });

  it('signs the phone in through the app', async () => {
    await world.signIn(world.a, 'demo-member');
  });

  it('[I4] sends none of the acknowledged changes again after the link drops, and loses none', async () => {
    const { page, context } = world.a;
    const logsBefore = (await world.serverState()).get('assistanceLogs')?.size ?? 0;
    const pushes: { ids: string[]; acked: string[]; cut: boolean }[] = [];
    await context.route('**/api/sync/push', async (route) => {
      const push = { ids: pushedIds(route.request()), acked: [] as string[], cut: pushes.length === 2 };
      pushes.push(push);
      if (push.cut) {
        await route.abort('internetdisconnected');
        return;
      }
      const response = await route.fetch();
      push.acked = ((await response.json()) as { acked: string[] }).acked;
      await route.fulfill({ response });
    });
    const ids = Array.from({ length: CHANGES }, () => uuidv7());
    await hook(
      page,
      async (h, recordIds) => {
        const session = await h.session();
        const at = new Date().toISOString();
        const fields = { serviceId: 'vneid-install-register', outcome: 'done', occurredAt: at, communeId: session!.user.communeId, createdBy: session!.user.id, createdAt: at, deleted: false };
        await h.writeMany('assistanceLogs', recordIds.map((id, index) => ({ id, fields: { ...fields, note: `Lượt ${index + 1}: cài đặt VNeID cho người dân` } })));
      },
      ids,
    );
    // The app pushes by itself (2 s after the writes) and fails on the third batch.
    await expect.poll(() => pushes.length, { timeout: 60_000, interval: 200 }).toBeGreaterThanOrEqual(3);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => outboxCount(page), { timeout: 60_000, interval: 250 }).toBe(0);
    await context.unroute('**/api/sync/push');

    const before = pushes.slice(0, 2);
    const cut = pushes[2]!;
    const after = pushes.slice(3);
    const ackedBefore = new Set(before.flatMap((push) => push.acked));
    expect(ackedBefore.size).toBe(before.flatMap((push) => push.ids).length);
    const sentAfter = after.flatMap((push) => push.ids);
    expect(sentAfter.filter((id) => ackedBefore.has(id))).toEqual([]);
    expect(sentAfter.slice(0, cut.ids.length)).toEqual(cut.ids); // the cut batch first, oldest first
    expect(new Set(sentAfter).size).toBe(sentAfter.length);
    expect(ackedBefore.size + sentAfter.length).toBe(CHANGES);

    const logs = (await world.serverState()).get('assistanceLogs')!;
    expect(logs.size).toBe(logsBefore + CHANGES);
    for (const id of ids) expect(logs.get(id)).toBeDefined();
  });

  it('raised no page error', () => {
    expect(world.pageErrors).toEqual([]);
  });
});
