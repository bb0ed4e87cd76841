// Where a step of the log list's scroll goes (docs/benchmarks.md "Scrolling the log list"): the
// bench's phone and rows (log-scroll.bench.ts), a warm-up round, then rounds of the
// windowed and the plain list taking turns, each with the page's main-thread metrics on the wall
// clock (task, script, style, layout) and its CPU (ThreadTime, and the renderer's ProcessTime);
// with PROFILE=1 the V8 sampling profile of the last round, with TRACE=1 a Chrome trace of it
// (events by thread and name, and the main thread's layouts, style recalcs and their invalidations:
// scroll-trace.ts; TRACE_OUT=<prefix> keeps the events as JSON). PLAIN=0 scrolls the windowed list
// alone (no plain list built beside it); CSS='<rules>' adds a style sheet to the page before the
// windowed rounds, to try a rule without a build, and CSS_VARIANTS='["", "<rules>", …]' tries
// several, each in its own windowed round of every round (taking turns in the same minutes); the
// medians a step and against the plain list are printed at the end. The floor of windowing
// (floor-list.ts) takes its turn after each windowed round, under the same style sheet; FLOOR=0
// leaves it out.
//   [taskset -c 0] [PROFILE=1] [TRACE=1] [PLAIN=0] [FLOOR=0] [CSS=…|CSS_VARIANTS=…] node --import tsx test/bench/profile-log-scroll.ts [rounds]
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { withBenchPhone } from './bench-phone';
import { summarize, type Profile } from './cpu-profile';
import { buildFloorList, FLOOR_LIST } from './floor-list';
import { buildPlainList, loadRowsForRounds, openSealedList, scrollRound, show, STEPS, type ScrolledList } from './log-scroll.bench';
import { startTrace, summarizeScrollTrace, type ScrollTraceEvent } from './scroll-trace';

const ROUNDS = Number(process.argv[2] ?? 2);
const PROFILE = process.env.PROFILE === '1';
const LIST = '[data-testid="virtual-list"]';
const TRACE = process.env.TRACE === '1';
const PLAIN = process.env.PLAIN !== '0';
const FLOOR = process.env.FLOOR !== '0';
/** Style sheets to try, each in its own windowed round of every round (CSS_VARIANTS, a JSON array), or CSS's one. */
const VARIANTS: string[] = process.env.CSS_VARIANTS ? (JSON.parse(process.env.CSS_VARIANTS) as string[]) : [process.env.CSS ?? ''];

/** Complete events' total duration by thread and name, the largest first. */
function summarizeTrace(events: readonly ScrollTraceEvent[]): void {
  const threads = new Map<string, string>();
  for (const event of events) if (event.name === 'thread_name') threads.set(`${event.pid}:${event.tid}`, event.args?.name ?? '?');
  const totals = new Map<string, number>();
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined) continue;
    const key = `${threads.get(`${event.pid}:${event.tid}`) ?? event.tid} | ${event.name}`;
    totals.set(key, (totals.get(key) ?? 0) + event.dur / 1000);
  }
  process.stdout.write(`${[...totals].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([key, ms]) => `  ${ms.toFixed(0).padStart(7)} ms  ${key}`).join('\n')}\n`);
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: all } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(all.map((metric) => [metric.name, metric.value]));
}

/** The page's probe style sheet: its text replaced by `css` (one sheet, so variants never stack). */
async function applyCss(page: Page, css: string): Promise<void> {
  await page.evaluate((text) => {
    const sheet = document.getElementById('probe-css') ?? document.head.appendChild(Object.assign(document.createElement('style'), { id: 'probe-css' }));
    sheet.textContent = text;
  }, css);
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

await withBenchPhone(async ({ server, page, context }) => {
  await server.stop();
  await context.setOffline(true);
  await openSealedList(page, server.url);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const rowsLoaded = () => page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="virtual-list"] [role="list"]')!.style.height);
  await loadRowsForRounds(page);
  await scrollRound(page, cdp, LIST);
  process.stdout.write(`warm-up done; list height ${await rowsLoaded()}\n`);
  if (FLOOR) {
    process.stdout.write(`floor built, overscan ${await buildFloorList(page, 20_000)}\n`);
    await show(page, FLOOR_LIST);
    await scrollRound(page, cdp, `[data-testid="${FLOOR_LIST}"]`);
  }
  if (PLAIN) await buildPlainList(page, 20_000);
  const windowed: ScrolledList[] = FLOOR ? ['virtual-list', FLOOR_LIST] : ['virtual-list'];
  const runs: { which: ScrolledList; variant: number }[] = [
    ...VARIANTS.flatMap((_, variant) => windowed.map((which) => ({ which, variant }))),
    ...(PLAIN ? [{ which: 'plain-list' as const, variant: -1 }] : []),
  ];
  const cpuByRun = runs.map(() => [] as number[]);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [index, { which, variant }] of runs.entries()) {
      await applyCss(page, variant >= 0 ? VARIANTS[variant]! : '');
      if (PLAIN || FLOOR) await show(page, which);
      const target = `[data-testid="${which}"]`;
      const last = round === ROUNDS;
      let stopTrace: (() => Promise<ScrollTraceEvent[]>) | undefined;
      let events: ScrollTraceEvent[] | undefined;
      let profile: Profile | undefined;
      // The trace or the sampling covers the measured steps only (scrollRound's `around`).
      const around = TRACE && last
        ? { start: async () => { stopTrace = await startTrace(cdp); }, stop: async () => { events = await stopTrace!(); } }
        : PROFILE && last
          ? { start: () => cdp.send('Profiler.start').then(() => undefined), stop: async () => { profile = ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile; } }
          : undefined;
      const cost = await scrollRound(page, cdp, target, around);
      // A traced or sampled round costs more than the others: the medians leave it out.
      if (!around) cpuByRun[index]!.push(cost.cpu);
      const label: string = variant >= 0 && VARIANTS.length > 1 ? `${which} [css ${variant}]` : which;
      const nodes = (await metrics(cdp)).Nodes;
      process.stdout.write(
        `round ${round} ${label}${around ? ' (traced)' : ''}: CPU ${cost.cpu.toFixed(0)}, task ${cost.wall.toFixed(0)}, script ${cost.script.toFixed(0)}, style ${cost.style.toFixed(0)}, layout ${cost.layout.toFixed(0)} ms; nodes ${nodes}\n`,
      );
      if (profile) summarize(profile);
      if (events) {
        if (process.env.TRACE_OUT) writeFileSync(`${process.env.TRACE_OUT}.${which}${variant > 0 ? `.${variant}` : ''}.json`, JSON.stringify(events));
        summarizeTrace(events);
        summarizeScrollTrace(events, STEPS);
      }
    }
  }
  const plainCpu = PLAIN ? middle(cpuByRun.at(-1)!) : undefined;
  const floorCpu = (variant: number) => middle(cpuByRun[runs.findIndex((run) => run.which === FLOOR_LIST && run.variant === variant)] ?? []);
  for (const [index, { which, variant }] of runs.entries()) {
    const cpu = middle(cpuByRun[index]!);
    const vsFloor = FLOOR && which === 'virtual-list' ? `, ${(cpu / floorCpu(variant)).toFixed(2)} × the floor` : '';
    process.stdout.write(
      `median ${which}${variant >= 0 ? ` [css ${variant}: ${VARIANTS[variant] || 'none'}]` : ''}: ${(cpu / STEPS).toFixed(2)} ms a step${vsFloor}${plainCpu ? `, ${(cpu / plainCpu).toFixed(2)} × the plain list` : ''}\n`,
    );
  }
});
