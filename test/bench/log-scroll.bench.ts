// Scrolling the log list (issue 17 item 13): 20,000 logs stored on a 360 × 740 phone, rows as tall as
// what they show, the list windowed (components/ui/virtual-list.tsx). The measure is the main
// thread's CPU time (the DevTools protocol's ThreadTime: scripts, style, layout, paint, commit)
// while the list is scrolled down in equal steps, each step waited through three animation frames,
// so a frame that costs more shows as more time, not as a dropped frame nobody counts. Until
// December 2026 it was the main thread's busy time on the wall clock (TaskDuration), printed beside
// it now: on one core that counts the time a task waits for the core while the compositor, raster
// and GPU threads its frame set going (and any other process) run, which a list that changes no DOM
// never waits (docs/benchmarks.md "Scrolling the log list").
// The baseline, measured in the same page in the same run: the floor of windowing (floor-list.ts),
// the same rows kept in the window by plain DOM code, the least any windowed list does. Printed
// beside it: the same rows' markup as a plain list, every row in the DOM and nothing to compute
// while scrolling (what a list without windowing costs once built), the budget's baseline until
// the floor itself missed it in most runs. Rounds take turns (app, floor, plain,
// app, …) so a change in the machine's load hits all three; the budget is the ratio of the rounds'
// medians. The absolute figures are printed beside it.
import type { CDPSession, Page } from 'playwright-core';
import { context as contextRow, median, ratioAtMost, type Measurement } from './measurement';
import { withBenchPhone } from './bench-phone';
import { storeRows } from '../e2e/support/idb';
import { unlock } from '../e2e/support/sign-in';
import { seedMemberKey } from '../e2e/support/vault-seed';
import { SEED_MEMBER, seedLogs } from '../e2e/support/seed-logs';
import { buildFloorList, FLOOR_LIST } from './floor-list';

const LOGS = 20_000;
export const STEPS = 200;
const STEP_PX = 300;
/**
 * Rounds of each list. With 3, one dear round of the floor (its first measured round often was, 1.3–1.7 s against
 * 0.9–1.2 s) moved the ratio's median by up to a quarter (1.03–1.41 × in twelve runs of two builds); with 5 a median
 * needs three.
 */
const ROUNDS = 5;
const PASSWORD = 'bench-password';
/**
 * Scrolling the app's list may keep the main thread this many times as busy as scrolling the floor
 * of windowing (floor-list.ts) (docs/benchmarks.md "Scrolling the log list").
 */
const SCROLL_VS_FLOOR = 1.5;

/** What a round cost the page's main thread, in ms: its CPU (ThreadTime), its tasks on the wall clock (TaskDuration), and their script, style and layout (wall clock). */
export interface RoundCost {
  cpu: number;
  wall: number;
  script: number;
  style: number;
  layout: number;
}

const METRICS = { cpu: 'ThreadTime', wall: 'TaskDuration', script: 'ScriptDuration', style: 'RecalcStyleDuration', layout: 'LayoutDuration' } as const;

/** The main thread's seconds so far, by RoundCost's names. */
async function mainThreadSeconds(cdp: CDPSession): Promise<RoundCost> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => metrics.find((metric) => metric.name === name)!.value;
  return Object.fromEntries(Object.entries(METRICS).map(([key, name]) => [key, value(name)])) as unknown as RoundCost;
}

/**
 * Scrolls the box matched by `selector` from the top in STEPS steps; what the steps cost the main
 * thread. `around` (a profile's trace or sampling) is started just before the first step and
 * stopped just after the last, so it sees what is measured and nothing else.
 */
export async function scrollRound(page: Page, cdp: CDPSession, selector: string, around?: { start: () => Promise<void>; stop: () => Promise<void> }): Promise<RoundCost> {
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
  await around?.start();
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
  await around?.stop();
  return Object.fromEntries(Object.keys(METRICS).map((key) => [key, (after[key as keyof RoundCost] - before[key as keyof RoundCost]) * 1000])) as unknown as RoundCost;
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

export type ScrolledList = 'virtual-list' | typeof FLOOR_LIST | 'plain-list';

/**
 * Shows one list. The plain list lies over the app's, the two taking turns being visible (visibility
 * keeps each one's layout, so a round never pays for laying out the other list again); the floor
 * takes the app's list's place in the page, so one of the two is out of the layout (`display:
 * none`). A scroll event tells the one shown where it stands (a box back in the layout keeps its
 * scroll position, and the app's list its window, but neither is taken for granted).
 */
export const show = async (page: Page, which: ScrolledList) =>
  page.evaluate(({ visible, floor }) => {
    const list = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const app = list('virtual-list')!;
    const floorList = list(floor);
    app.style.display = visible === floor ? 'none' : '';
    app.style.visibility = visible === 'virtual-list' || visible === floor ? 'visible' : 'hidden';
    if (floorList) floorList.style.display = visible === floor ? '' : 'none';
    const plain = list('plain-list');
    if (plain) plain.style.visibility = visible === 'plain-list' ? 'visible' : 'hidden';
    list(visible)!.dispatchEvent(new Event('scroll'));
  }, { visible: which, floor: FLOOR_LIST });

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
  // The unlock's click left the pointer over the list, where a phone has none: after every layout
  // Chromium then hit-tested the point for hover and dispatched mouse events to React's listeners,
  // in the windowed rounds only. The top bar changes under no step.
  await page.mouse.move(1, 1);
}

export async function runLogScrollBench(): Promise<Measurement[]> {
  return withBenchPhone(async ({ server, page, context }) => {
    await server.stop();
    await context.setOffline(true);
    await openSealedList(page, server.url);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await loadRowsForRounds(page);
    // A warm-up round of each windowed list: the first mount of each row's code and styles is not what is measured.
    await scrollRound(page, cdp, '[data-testid="virtual-list"]');
    const overscan = await buildFloorList(page, LOGS);
    await show(page, FLOOR_LIST);
    await scrollRound(page, cdp, `[data-testid="${FLOOR_LIST}"]`);
    await buildPlainList(page, LOGS);
    const lists = ['virtual-list', FLOOR_LIST, 'plain-list'] as const;
    const measured = new Map<ScrolledList, RoundCost[]>(lists.map((list) => [list, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const list of lists) {
        await show(page, list);
        measured.get(list)!.push(await scrollRound(page, cdp, `[data-testid="${list}"]`));
      }
    }
    const cpu = (list: ScrolledList) => measured.get(list)!.map((round) => round.cpu);
    const wall = (list: ScrolledList) => measured.get(list)!.map((round) => round.wall);
    const perStep = (values: number[]) => median(values) / STEPS;
    const rounds = (values: number[]) => `${values.map((ms) => ms.toFixed(0)).join(', ')} ms (${perStep(values).toFixed(2)} ms a step)`;
    const each = (of: (list: ScrolledList) => number[]) => `app's list ${rounds(of('virtual-list'))}; floor ${rounds(of(FLOOR_LIST))}; plain list ${rounds(of('plain-list'))}`;
    process.stdout.write(
      `  scroll ${STEPS} × ${STEP_PX} px, ${ROUNDS} rounds taking turns, overscan ${overscan}; main thread's CPU: ${each(cpu)}\n` +
        `  the same rounds' busy time on the wall clock: ${each(wall)}\n`,
    );
    const app = median(cpu('virtual-list'));
    const floor = median(cpu(FLOOR_LIST));
    const plain = median(cpu('plain-list'));
    return [
      ratioAtMost(`log list, ${LOGS / 1000}k logs: main-thread CPU scrolling the app's windowed list / the floor of windowing, the same rows in plain DOM (median of ${ROUNDS} × ${STEPS} steps)`, app, floor, 'ms', SCROLL_VS_FLOOR),
      contextRow('log list scroll: the floor of windowing / the plain list of the same rows, every row in the DOM, main-thread CPU', floor / plain, '×'),
      contextRow('log list scroll: the app\'s list / the plain list, main-thread CPU', app / plain, '×'),
      contextRow('log list scroll: app\'s list, main-thread CPU ms a step', perStep(cpu('virtual-list')), 'ms'),
      contextRow('log list scroll: floor, main-thread CPU ms a step', perStep(cpu(FLOOR_LIST)), 'ms'),
      contextRow('log list scroll: plain list, main-thread CPU ms a step', perStep(cpu('plain-list')), 'ms'),
      contextRow('log list scroll: app\'s list / floor, main-thread busy time on the wall clock', median(wall('virtual-list')) / median(wall(FLOOR_LIST)), '×'),
    ];
  });
}
