// Traces first visits (fresh profile: no service worker, no cache) of the home and the sign-in
// screens in headless Chromium, unthrottled, and prints the page's main-thread tasks the way
// Lighthouse's simulation counts them (docs/first-visit.md "Measuring it on a shared machine"):
// lantern drops a task shorter than 10 ms from its graph, multiplies the others by the CPU
// slowdown, and counts what exceeds 50 ms after the first paint as blocking time. So the figure to
// watch is each task of 10 ms or more; the tool prints them with the functions they ran (V8's
// sampling profiler over the same visit), and per screen the median of the runs:
//   node --import tsx test/bench/trace-first-visit.ts [runs per screen, 5] [dist dir]
//   TRACE_SLOWDOWN=9.8 (the estimate's slowdown), TRACE_TASKS=1 (list every task ≥ 5 ms),
//   TRACE_PROFILE=1 (name each task's functions: the sampling profiler makes every task longer),
//   TRACE_SCREENS=/sign-in (the paths visited, comma-separated)
// An unminified build names the functions: `npx vite build --minify false --outDir /tmp/dist-unmin`.
// The page is instrumented as Lighthouse instruments it (docs/first-visit.md "What Lighthouse's
// instruments cost"): its trace categories, and the debugger on with async stacks 8 deep (its
// driver's prepare.js), which makes V8 keep source positions from the start. Traced without the
// debugger, the entry's evaluation read 17–18 ms, two thirds of it V8 re-parsing React DOM and the
// entry chunk to place the stack of an Error React DOM creates at load — a cost Lighthouse's audit
// never sees (4–5 ms there).
import Trace from 'lighthouse/core/gather/gatherers/trace.js';
import type { CDPSession } from 'playwright-core';
import { launchPhone } from '../e2e/support/browser';
import { startAppServer } from '../e2e/support/server';
import { median } from './measurement';
import type { Profile } from './cpu-profile';
import { inclusiveIn } from './main-thread-trace';

const runs = Number(process.argv[2] ?? 5);
const dist = process.argv[3];
const slowdown = Number(process.env.TRACE_SLOWDOWN ?? 9.8);
const listTasks = process.env.TRACE_TASKS === '1';
const sampled = process.env.TRACE_PROFILE === '1';
const SCREENS = (process.env.TRACE_SCREENS ?? '/,/sign-in').split(',');
/** Lantern prunes shorter tasks from its graph (PageDependencyGraph's SIGNIFICANT_DUR_THRESHOLD_MS). */
const SIGNIFICANT_MS = 10;
/**
 * A task of this much thread time or more is at risk: on the shared 2-core machine a task's wall
 * time is often twice its thread time (Chromium's other processes, Lighthouse itself), and twice
 * this crosses SIGNIFICANT_MS.
 */
const AT_RISK_MS = 5;
/**
 * Lighthouse's own (gather/gatherers/trace.js): some of them (stacks, the scripts' sources) cost the
 * page time too. With the sampling profiler, the few the tool reads: with Lighthouse's and the
 * profiler together this Chromium's renderer dies during the visit.
 */
const CATEGORIES = sampled ? ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', 'loading', 'blink.user_timing'] : Trace.getDefaultTraceCategories();

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { data?: Record<string, unknown>; beginData?: { url?: string } } }
/** `ms` wall time (what lantern reads), `cpuMs` the thread's own CPU time (without the moments other processes had the core). */
interface Task { start: number; ms: number; cpuMs: number; children: TraceEvent[] }
interface Visit { workMs: number; cpuMs: number; paintAt: number; tasks: Task[]; profile: Profile; scripts: string[] }

async function trace(cdp: CDPSession, visit: () => Promise<void>): Promise<{ events: TraceEvent[]; profile: Profile }> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  // As Lighthouse's driver does before it loads the page (gather/driver/prepare.js enableAsyncStacks).
  // Not with the sampling profiler, which keeps source positions itself.
  if (!sampled) {
    cdp.on('Debugger.paused', () => void cdp.send('Debugger.resume').catch(() => undefined));
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.setSkipAllPauses', { skip: true });
    await cdp.send('Debugger.setAsyncCallStackDepth', { maxDepth: 8 });
  }
  if (sampled) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  }
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  if (sampled) await cdp.send('Profiler.start');
  await visit();
  const profile = sampled ? ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile : { nodes: [], samples: [], timeDeltas: [], startTime: 0, endTime: 0 };
  await cdp.send('Tracing.end');
  await complete;
  return { events, profile };
}

function tasksOf(events: TraceEvent[], url: string): Task[] {
  // The page's main thread: the renderer thread that parsed our document.
  const parse = events.find((event) => event.name === 'ParseHTML' && (event.args?.beginData?.url ?? '').startsWith(url));
  if (!parse) throw new Error('no ParseHTML of the page in the trace');
  const main = events.filter((event) => event.pid === parse.pid && event.tid === parse.tid).sort((a, b) => a.ts - b.ts);
  const tasks: Task[] = [];
  for (let i = 0; i < main.length; i++) {
    const event = main[i]!;
    if (event.name !== 'RunTask' || event.ph !== 'X' || !event.dur || event.ts < parse.ts) continue;
    const end = event.ts + event.dur;
    const children: TraceEvent[] = [];
    for (let j = i + 1; j < main.length && main[j]!.ts < end; j++) if (main[j]!.name !== 'RunTask') children.push(main[j]!);
    tasks.push({ start: event.ts, ms: event.dur / 1000, cpuMs: (event.tdur ?? event.dur) / 1000, children });
  }
  return tasks;
}

/** What kind of work a task was (its trace events of 1 ms or more). */
function kindsIn(task: Task): string {
  const kinds = new Map<string, number>();
  for (const child of task.children) {
    if ((child.dur ?? 0) < 1000) continue;
    const data = child.args?.data as { url?: string; functionName?: string } | undefined;
    const what = child.name === 'EvaluateScript' || child.name === 'v8.evaluateModule' ? `${child.name}(${String(data?.url ?? '').split('/').pop()})` : child.name;
    kinds.set(what, Math.max(kinds.get(what) ?? 0, (child.dur ?? 0) / 1000));
  }
  return [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([what, ms]) => `${what} ${ms.toFixed(1)}`).join(', ');
}

async function firstVisit(origin: string, screen: string): Promise<Visit> {
  const phone = await launchPhone();
  try {
    // A page of the same origin first: the renderer that will run the app is then the one traced
    // and profiled (a new site's navigation swaps the renderer process, and the profiler with it).
    await phone.page.goto(`${origin}/api/health`);
    const cdp = await phone.context.newCDPSession(phone.page);
    const { events, profile } = await trace(cdp, async () => {
      await phone.page.goto(`${origin}${screen}`);
      // The first screen, then the idle-time work (service worker registration, the sync engine's
      // start). A fixed wait: a locator would inject Playwright's own script (≈ 30 ms) into the page.
      await phone.page.waitForTimeout(3500);
    });
    const tasks = tasksOf(events, origin);
    const paint = events.find((event) => event.name === 'firstContentfulPaint');
    // The page's scripts, in the order requested: what a first visit loads.
    const scripts = events
      .filter((event) => event.name === 'ResourceSendRequest')
      .map((event) => String((event.args?.data as { url?: string } | undefined)?.url ?? ''))
      .filter((url) => url.startsWith(origin) && url.endsWith('.js'))
      .map((url) => url.split('/').pop()!);
    return { workMs: tasks.reduce((sum, task) => sum + task.ms, 0), cpuMs: tasks.reduce((sum, task) => sum + task.cpuMs, 0), paintAt: paint?.ts ?? tasks[0]!.start, tasks, profile, scripts };
  } finally {
    await phone.close();
  }
}

/**
 * Lantern's blocking time for these tasks at this slowdown (after the first paint, tasks ≥ 10 ms),
 * from each task's wall time (`cpu`: its thread time — on a loaded machine the wall time also
 * counts the moments the core ran another process, which a quiet machine would not).
 */
function blockingMs(visit: Visit, cpu = false): number {
  const length = (task: Task) => (cpu ? task.cpuMs : task.ms);
  return visit.tasks.filter((task) => length(task) >= SIGNIFICANT_MS && task.start + task.ms * 1000 > visit.paintAt).reduce((sum, task) => sum + Math.max(0, length(task) * slowdown - 50), 0);
}

const server = await startAppServer(dist ? { DIST_DIR: dist } : {});
try {
  const byScreen = new Map<string, Visit[]>(SCREENS.map((screen) => [screen, []]));
  // The screens take turns, so a busy minute of the shared machine falls on both.
  for (let run = 0; run < runs; run++) {
    for (const screen of SCREENS) {
      const visit = await firstVisit(server.url, screen);
      byScreen.get(screen)!.push(visit);
      const long = visit.tasks.filter((task) => task.ms >= (listTasks ? 5 : SIGNIFICANT_MS));
      process.stdout.write(`${screen} run ${run + 1}: work ${visit.workMs.toFixed(0)} ms (thread ${visit.cpuMs.toFixed(0)} ms), tasks ≥ ${SIGNIFICANT_MS} ms: ${visit.tasks.filter((task) => task.ms >= SIGNIFICANT_MS).length} (thread ${visit.tasks.filter((task) => task.cpuMs >= SIGNIFICANT_MS).length}), blocking at ${slowdown}× ≈ ${blockingMs(visit).toFixed(0)} ms (thread ${blockingMs(visit, true).toFixed(0)} ms)\n`);
      if (listTasks) process.stdout.write(`  scripts: ${visit.scripts.join(' ')}\n`);
      for (const task of long) {
        process.stdout.write(`  +${((task.start - visit.tasks[0]!.start) / 1000).toFixed(0)} ms ${task.ms.toFixed(1)} ms (thread ${task.cpuMs.toFixed(1)}): ${kindsIn(task)}\n${sampled ? `      ${inclusiveIn(visit.profile, task, { top: 6, scriptsOnly: true, separator: ' | ' })}\n` : ''}`);
      }
    }
  }
  for (const [screen, visits] of byScreen) {
    process.stdout.write(`${screen} thread time of each visit: ${visits.map((v) => v.cpuMs.toFixed(0)).join(', ')} ms\n`);
    process.stdout.write(
      `${screen} (median of ${visits.length}): work ${median(visits.map((v) => v.workMs)).toFixed(0)} ms (thread ${median(visits.map((v) => v.cpuMs)).toFixed(0)} ms); tasks ≥ ${SIGNIFICANT_MS} ms ${median(visits.map((v) => v.tasks.filter((t) => t.ms >= SIGNIFICANT_MS).length))}, with ≥ ${AT_RISK_MS} ms of thread time ${median(visits.map((v) => v.tasks.filter((t) => t.cpuMs >= AT_RISK_MS).length))} (each: ${visits.map((v) => v.tasks.filter((t) => t.cpuMs >= AT_RISK_MS).length).join(', ')}); blocking at ${slowdown}× ≈ ${median(visits.map((v) => blockingMs(v))).toFixed(0)} ms (each: ${visits.map((v) => blockingMs(v).toFixed(0)).join(', ')}), from thread time ≈ ${median(visits.map((v) => blockingMs(v, true))).toFixed(0)} ms (each: ${visits.map((v) => blockingMs(v, true).toFixed(0)).join(', ')})\n`,
    );
  }
} finally {
  await server.stop();
}
