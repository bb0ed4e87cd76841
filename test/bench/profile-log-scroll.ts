// Where a step of the log list's scroll goes (docs/benchmarks.md "Scrolling the log list on one
// core"): the bench's phone and rows (log-scroll.bench.ts), a warm-up round, then rounds of the
// windowed and the plain list taking turns, each with the page's main-thread metrics on the wall
// clock (task, script, style, layout) and its CPU (ThreadTime, and the renderer's ProcessTime);
// with PROFILE=1 the V8 sampling profile of the last round, with TRACE=1 a Chrome trace of it
// (events by thread and name; TRACE_OUT=<prefix> keeps the events as JSON).
//   [taskset -c 0] [PROFILE=1] node --import tsx test/bench/profile-log-scroll.ts [rounds]
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { withBenchPhone } from './bench-phone';
import { summarize, type Profile } from './cpu-profile';
import { buildPlainList, openSealedList, scrollRound, show } from './log-scroll.bench';

const ROUNDS = Number(process.argv[2] ?? 2);
const PROFILE = process.env.PROFILE === '1';
const LIST = '[data-testid="virtual-list"]';
const TRACE = process.env.TRACE === '1';

interface TraceEvent { name: string; ph: string; dur?: number; tid: number; pid: number; args?: { name?: string } }

/** Starts a Chrome trace of the page; the returned function stops it and resolves with its events. */
async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel,blink,cc,gpu,v8', transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

/** Complete events' total duration by thread and name, the largest first. */
function summarizeTrace(events: TraceEvent[]): void {
  const threads = new Map<string, string>();
  for (const event of events) if (event.name === 'thread_name') threads.set(`${event.pid}:${event.tid}`, event.args?.name ?? '?');
  const totals = new Map<string, number>();
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined) continue;
    const key = `${threads.get(`${event.pid}:${event.tid}`) ?? event.tid} | ${event.name}`;
    totals.set(key, (totals.get(key) ?? 0) + event.dur / 1000);
  }
  process.stdout.write(`${[...totals].sort((a, b) => b[1] - a[1]).slice(0, 45).map(([key, ms]) => `  ${ms.toFixed(0).padStart(7)} ms  ${key}`).join('\n')}\n`);
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: all } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(all.map((metric) => [metric.name, metric.value]));
}

await withBenchPhone(async ({ server, page, context }) => {
  await server.stop();
  await context.setOffline(true);
  await openSealedList(page, server.url);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const rowsLoaded = () => page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="virtual-list"] [role="list"]')!.style.height);
  await scrollRound(page, cdp, LIST);
  process.stdout.write(`warm-up done; list height ${await rowsLoaded()}\n`);
  await buildPlainList(page, 20_000);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const which of ['virtual-list', 'plain-list'] as const) {
      await show(page, which);
      const target = `[data-testid="${which}"]`;
      const tracing = TRACE && round === ROUNDS ? await startTrace(cdp) : null;
      const before = await metrics(cdp);
      if (PROFILE && round === ROUNDS) await cdp.send('Profiler.start');
      await scrollRound(page, cdp, target);
      const profile = PROFILE && round === ROUNDS ? ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile : undefined;
      const after = await metrics(cdp);
      const d = (name: string) => ((after[name]! - before[name]!) * 1000).toFixed(0);
      process.stdout.write(
        `round ${round} ${which}: task ${d('TaskDuration')}, script ${d('ScriptDuration')}, style ${d('RecalcStyleDuration')}, layout ${d('LayoutDuration')}, ThreadTime ${d('ThreadTime')}, ProcessTime ${d('ProcessTime')}; nodes ${after.Nodes}\n`,
      );
      if (profile) summarize(profile);
      if (tracing) {
        const events = await tracing();
        if (process.env.TRACE_OUT) writeFileSync(`${process.env.TRACE_OUT}.${which}.json`, JSON.stringify(events));
        summarizeTrace(events);
      }
    }
  }
});
