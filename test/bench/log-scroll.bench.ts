// Scrolling the log list (issue 17 item 13): 20,000 logs stored on a 360 × 740 phone, rows as tall as
// what they show, the list windowed (components/ui/virtual-list.tsx). The measure is the main
// thread's CPU time (the DevTools protocol's ThreadTime: scripts, style, layout, paint, commit)
// while the list is scrolled down in equal steps, each step waited through three animation frames,
// so a frame that costs more shows as more time, not as a dropped frame nobody counts. Until
// December 2026 it was the main thread's busy time on the wall clock (TaskDuration), printed beside
// it now: on one core that counts the time a task waits for the core while the compositor, raster
// and GPU threads its frame set going (and any other process) run, which a list that changes no DOM
// never waits (docs/benchmarks.md "Scrolling the log list on one core").
// The baseline, measured in the same page in the same run: the same rows' markup as a plain list,
// every row in the DOM and nothing to compute while scrolling (what a list without windowing costs
// once built). Rounds alternate (list, plain, list, plain) so a change in the machine's load hits
// both; the budget is the ratio of the rounds' medians. The absolute figures are printed beside it.
import type { CDPSession, Page } from 'playwright-core';
import { context as contextRow, median, ratioAtMost, type Measurement } from './measurement';
import { withBenchPhone } from './bench-phone';
import { storeRows } from '../e2e/support/idb';
import { unlock } from '../e2e/support/sign-in';
import { seedMemberKey } from '../e2e/support/vault-seed';
import { SEED_MEMBER, seedLogs } from '../e2e/support/seed-logs';

const LOGS = 20_000;
export const STEPS = 200;
const STEP_PX = 300;
const ROUNDS = 3;
const PASSWORD = 'bench-password';
/**
 * Scrolling the windowed list may keep the main thread this many times as busy as scrolling the
 * plain list of the same rows: 2 × the 1.54× measured when it was set, at load 20 on 2 cores (docs/benchmarks.md).
 */
const SCROLL_VS_PLAIN = 3;

/** The main thread's CPU seconds so far (ThreadTime) and its tasks' seconds on the wall clock (TaskDuration). */
async function mainThreadSeconds(cdp: CDPSession): Promise<{ cpu: number; wall: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => metrics.find((metric) => metric.name === name)!.value;
  return { cpu: value('ThreadTime'), wall: value('TaskDuration') };
}

/** Scrolls the box matched by `selector` from the top in STEPS steps; the main thread's CPU and wall-clock busy ms. */
export async function scrollRound(page: Page, cdp: CDPSession, selector: string): Promise<{ cpu: number; wall: number }> {
  await page.evaluate(async (target) => {
    const frames = (n: number) => new Promise<void>((resolve) => {
      const next = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
      next(n);
    });
    document.querySelector(target)!.scrollTop = 0;
    await frames(10);
  }, selector);
  // Each round starts with no garbage left by the one before: a major collection over the plain
  // list's 240,000 nodes, started by the windowed round's garbage, landed in some plain rounds and
  // not others (its main-thread CPU read 0.2 or 0.75 s on the same code).
  await cdp.send('HeapProfiler.collectGarbage');
  const before = await mainThreadSeconds(cdp);
  await page.evaluate(
    async ({ target, steps, stepPx }) => {
      const box = document.querySelector(target)!;
      const frames = (n: number) => new Promise<void>((resolve) => {
        const next = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
        next(n);
      });
      for (let step = 0; step < steps; step++) {
        box.scrollTop += stepPx;
        await frames(3);
      }
      await frames(10);
    },
    { target: selector, steps: STEPS, stepPx: STEP_PX },
  );
  const after = await mainThreadSeconds(cdp);
  return { cpu: (after.cpu - before.cpu) * 1000, wall: (after.wall - before.wall) * 1000 };
}

/**
 * Loads the rows the measured rounds scroll through, and a screen more, before any is measured.
 * A warm-up round alone scrolled exactly as far as a round: the rows loaded ended about where a
 * round ends, so every measured round's last steps read and opened the next page (100 sealed
 * logs), which the plain list never does. The list reads a page when its last rows come into view.
 */
export async function loadRowsForRounds(page: Page): Promise<number> {
  // A tenth more than a round scrolls: the list reads its next page a dozen rows before its end.
  const needed = STEPS * STEP_PX * 1.1;
  let last = -1;
  let stalled = 0;
  for (let wait = 0; wait < 1_200; wait++) {
    const { height, box } = await page.evaluate(() => {
      const list = document.querySelector<HTMLElement>('[data-testid="virtual-list"]')!;
      list.scrollTop = list.scrollHeight;
      return { height: list.scrollHeight, box: list.clientHeight };
    });
    if (height >= needed + box) return height;
    stalled = height === last ? stalled + 1 : 0;
    if (stalled > 200) throw new Error(`the log list stopped at ${height} px, short of the ${needed + box} px the rounds scroll`);
    last = height;
    await page.waitForTimeout(100);
  }
  throw new Error('the log list did not load the rows the rounds scroll through');
}

/** The plain list: the rows the windowed list shows, repeated to LOGS rows, all in the DOM, in its place. */
export async function buildPlainList(page: Page, total: number): Promise<void> {
  await page.evaluate((count) => {
    const list = document.querySelector<HTMLElement>('[data-testid="virtual-list"]')!;
    const rows = [...list.querySelectorAll<HTMLElement>('[role="listitem"]')].map((row) => ({ html: row.innerHTML, height: row.style.height }));
    const plain = document.createElement('div');
    plain.className = 'virtual-box';
    plain.dataset.testid = 'plain-list';
    // Over the windowed list, in its place; the two take turns being visible (visibility keeps
    // each one's layout, so a round never pays for laying out the other list again).
    const box = list.getBoundingClientRect();
    plain.style.cssText = `height: ${list.style.height}; position: fixed; top: ${box.top}px; left: ${box.left}px; width: ${box.width}px; z-index: 5`;
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      const row = rows[i % rows.length]!;
      parts.push(`<div class="virtual-row" style="position: relative; height: ${row.height}">${row.html}</div>`);
    }
    plain.innerHTML = parts.join('');
    list.after(plain);
  }, total);
}

export const show = async (page: Page, which: 'virtual-list' | 'plain-list') =>
  page.evaluate((visible) => {
    for (const id of ['virtual-list', 'plain-list']) document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!.style.visibility = id === visible ? 'visible' : 'hidden';
  }, which);

/**
 * The log list over LOGS seeded logs, unlocked offline, once the first unlock has sealed what the
 * seeding left in plaintext (that one-time work is not what is measured). As the list's e2e: one log
 * in fifty names a citizen, so rows of both heights are scrolled.
 */
export async function openSealedList(page: Page, origin: string): Promise<void> {
  await seedLogs(page, SEED_MEMBER, LOGS, { named: 0.02, noted: 0 });
  await seedMemberKey(page, SEED_MEMBER, PASSWORD);
  await page.goto(`${origin}/assistance`);
  await unlock(page, PASSWORD);
  await page.getByRole('list', { name: 'Các lượt hỗ trợ, mới nhất trước' }).getByRole('listitem').first().waitFor();
  for (let wait = 0; wait < 600; wait++) {
    if ((await storeRows(page, 'syncState')).some((row) => row.key === 'sealedAtRest' && typeof row.value === 'string')) break;
    await page.waitForTimeout(200);
  }
}

export async function runLogScrollBench(): Promise<Measurement[]> {
  return withBenchPhone(async ({ server, page, context }) => {
    await server.stop();
    await context.setOffline(true);
    await openSealedList(page, server.url);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await loadRowsForRounds(page);
    // A warm-up round: the first mount of each row's code and styles is not what is measured.
    await scrollRound(page, cdp, '[data-testid="virtual-list"]');
    await buildPlainList(page, LOGS);
    const windowed: { cpu: number; wall: number }[] = [];
    const plain: { cpu: number; wall: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await show(page, 'virtual-list');
      windowed.push(await scrollRound(page, cdp, '[data-testid="virtual-list"]'));
      await show(page, 'plain-list');
      plain.push(await scrollRound(page, cdp, '[data-testid="plain-list"]'));
    }
    const cpu = (rounds: typeof windowed) => rounds.map((round) => round.cpu);
    const wall = (rounds: typeof windowed) => rounds.map((round) => round.wall);
    const perStep = (values: number[]) => median(values) / STEPS;
    const rounds = (values: number[]) => `${values.map((ms) => ms.toFixed(0)).join(', ')} ms (${perStep(values).toFixed(2)} ms a step)`;
    process.stdout.write(
      `  scroll ${STEPS} × ${STEP_PX} px, ${ROUNDS} rounds, main thread's CPU: windowed list ${rounds(cpu(windowed))}; plain list ${rounds(cpu(plain))}\n` +
        `  the same rounds' busy time on the wall clock: windowed list ${rounds(wall(windowed))}; plain list ${rounds(wall(plain))}\n`,
    );
    return [
      ratioAtMost(`log list, ${LOGS / 1000}k logs: main-thread CPU scrolling the windowed list / the plain list of the same rows (median of ${ROUNDS} × ${STEPS} steps)`, median(cpu(windowed)), median(cpu(plain)), 'ms', SCROLL_VS_PLAIN),
      contextRow('log list scroll: windowed list, main-thread CPU ms a step', perStep(cpu(windowed)), 'ms'),
      contextRow('log list scroll: plain list, main-thread CPU ms a step', perStep(cpu(plain)), 'ms'),
      contextRow('log list scroll: windowed / plain list, main-thread busy time on the wall clock', median(wall(windowed)) / median(wall(plain)), '×'),
    ];
  });
}
