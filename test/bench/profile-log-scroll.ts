// Where a step of the log list's scroll goes (docs/benchmarks.md "Scrolling the log list on one
// core"): the bench's phone and rows (log-scroll.bench.ts), a warm-up round, then rounds of the
// windowed and the plain list taking turns, each with the page's main-thread metrics on the wall
// clock (task, script, style, layout) and its CPU (ThreadTime, and the renderer's ProcessTime);
// with PROFILE=1 the V8 sampling profile of the last round, with TRACE=1 a Chrome trace of it
// (events by thread and name, and the main thread's layouts, style recalcs and their invalidations:
// scroll-trace.ts; TRACE_OUT=<prefix> keeps the events as JSON). PLAIN=0 scrolls the windowed list
// alone (no plain list built beside it); CSS='<rules>' adds a style sheet to the page before the
// windowed rounds, to try a rule without a build, and CSS_VARIANTS='["", "<rules>", …]' tries
// several, each in its own windowed round of every round (taking turns in the same minutes); the
// medians a step and against the plain list are printed at the end.
//   [taskset -c 0] [PROFILE=1] [TRACE=1] [PLAIN=0] [CSS=…|CSS_VARIANTS=…] node --import tsx test/bench/profile-log-scroll.ts [rounds]
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { withBenchPhone } from './bench-phone';
import { summarize, type Profile } from './cpu-profile';
import { buildPlainList, loadRowsForRounds, openSealedList, scrollRound, show, STEPS } from './log-scroll.bench';
import { startTrace, summarizeScrollTrace, type ScrollTraceEvent } from './scroll-trace';

const ROUNDS = Number(process.argv[2] ?? 2);
const PROFILE = process.env.PROFILE === '1';
const LIST = '[data-testid="virtual-list"]';
const TRACE = process.env.TRACE === '1';
const PLAIN = process.env.PLAIN !== '0';
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
  if (PLAIN) await buildPlainList(page, 20_000);
  const runs = [...VARIANTS.map((_, v) => ({ which: 'virtual-list' as const, variant: v })), ...(PLAIN ? [{ which: 'plain-list' as const, variant: -1 }] : [])];
  const cpuByRun = runs.map(() => [] as number[]);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [index, { which, variant }] of runs.entries()) {
      await applyCss(page, variant >= 0 ? VARIANTS[variant]! : '');
      if (PLAIN) await show(page, which);
      const target = `[data-testid="${which}"]`;
      const tracing = TRACE && round === ROUNDS ? await startTrace(cdp) : null;
      const before = await metrics(cdp);
      if (PROFILE && round === ROUNDS) await cdp.send('Profiler.start');
      await scrollRound(page, cdp, target);
      const profile = PROFILE && round === ROUNDS ? ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile : undefined;
      const after = await metrics(cdp);
      const d = (name: string) => ((after[name]! - before[name]!) * 1000).toFixed(0);
      // A traced or sampled round costs more than the others: the medians leave it out.
      if (!tracing && !profile) cpuByRun[index]!.push((after.ThreadTime! - before.ThreadTime!) * 1000);
      const label = variant >= 0 && VARIANTS.length > 1 ? `${which} [css ${variant}]` : which;
      process.stdout.write(
        `round ${round} ${label}: task ${d('TaskDuration')}, script ${d('ScriptDuration')}, style ${d('RecalcStyleDuration')}, layout ${d('LayoutDuration')}, ThreadTime ${d('ThreadTime')}, ProcessTime ${d('ProcessTime')}; nodes ${after.Nodes}\n`,
      );
      if (profile) summarize(profile);
      if (tracing) {
        const events = await tracing();
        if (process.env.TRACE_OUT) writeFileSync(`${process.env.TRACE_OUT}.${which}${variant > 0 ? `.${variant}` : ''}.json`, JSON.stringify(events));
        summarizeTrace(events);
        summarizeScrollTrace(events, STEPS);
      }
    }
  }
  const plainCpu = PLAIN ? middle(cpuByRun.at(-1)!) : undefined;
  for (const [index, { which, variant }] of runs.entries()) {
    const cpu = middle(cpuByRun[index]!);
    process.stdout.write(
      `median ${which}${variant >= 0 ? ` [css ${variant}: ${VARIANTS[variant] || 'none'}]` : ''}: ${(cpu / STEPS).toFixed(2)} ms a step${plainCpu ? `, ${(cpu / plainCpu).toFixed(2)} × the plain list` : ''}\n`,
    );
  }
});
