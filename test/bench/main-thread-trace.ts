// A page's main thread as Chromium's tracing sees it, for the profiling scripts
// (profile-log-save.ts): the tasks the renderer ran (each RunTask, its wall and thread time, the
// trace events inside it) and, with V8's sampling profiler on, the functions each task ran — the
// profiler's clock is the trace's, so samples fall into tasks by time. User Timing entries are in
// the trace too (blink.user_timing), which ties performance.now() in the page to the trace's clock.
import type { CDPSession } from 'playwright-core';
import type { Profile } from './cpu-profile';

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', 'blink.user_timing', '__metadata'];

export interface TraceEvent { name: string; cat?: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string; data?: Record<string, unknown> } }
/** One task of the main thread: `start` in the trace's µs, `ms` its wall time, `cpuMs` its thread time. */
export interface Task { start: number; ms: number; cpuMs: number; children: TraceEvent[] }

/** Traces `work` (and samples it with V8's profiler when `sampled`). */
export async function traced(cdp: CDPSession, work: () => Promise<void>, sampled: boolean): Promise<{ events: TraceEvent[]; profile: Profile | undefined }> {
  const events: TraceEvent[] = [];
  const collect = ({ value }: { value: unknown[] }) => events.push(...(value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  if (sampled) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  }
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  if (sampled) await cdp.send('Profiler.start');
  let profile: Profile | undefined;
  try {
    await work();
  } finally {
    if (sampled) profile = ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile;
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
  }
  return { events, profile };
}

/** The trace timestamp (µs) of a User Timing measure's start, and the thread that made it: the page's main thread. */
export function measureInTrace(events: readonly TraceEvent[], name: string): { ts: number; pid: number; tid: number } {
  const begin = events.filter((event) => event.name === name && event.ph === 'b').at(-1);
  if (!begin) throw new Error(`no User Timing measure ${name} in the trace`);
  // Async events carry the emitting thread; the main thread is the process's CrRendererMain.
  const main = events.find((event) => event.ph === 'M' && event.name === 'thread_name' && event.pid === begin.pid && event.args?.name === 'CrRendererMain');
  return { ts: begin.ts, pid: begin.pid, tid: main?.tid ?? begin.tid };
}

/** The main thread's tasks overlapping [from, to] (trace µs). */
export function tasksBetween(events: readonly TraceEvent[], thread: { pid: number; tid: number }, from: number, to: number): Task[] {
  const mine = events.filter((event) => event.pid === thread.pid && event.tid === thread.tid && event.ph === 'X').sort((a, b) => a.ts - b.ts);
  const tasks: Task[] = [];
  for (let i = 0; i < mine.length; i++) {
    const event = mine[i]!;
    if (event.name !== 'RunTask' || !event.dur || event.ts + event.dur < from || event.ts > to) continue;
    const end = event.ts + event.dur;
    const children: TraceEvent[] = [];
    for (let j = i + 1; j < mine.length && mine[j]!.ts < end; j++) if (mine[j]!.name !== 'RunTask') children.push(mine[j]!);
    tasks.push({ start: event.ts, ms: event.dur / 1000, cpuMs: (event.tdur ?? event.dur) / 1000, children });
  }
  return tasks;
}

/** Trace events every task has, which say nothing of what it did. */
const GENERIC = new Set(['ThreadControllerImpl::RunTask', 'SimpleWatcher::OnHandleReady', 'Receive mojo message', 'Receive mojo reply', 'RunMicrotasks']);

/** What a task was: its largest trace events (an event's type, a timer, a function call), ≥ 0.3 ms. */
export function kindsIn(task: Task): string {
  const kinds = new Map<string, number>();
  for (const child of task.children) {
    if ((child.dur ?? 0) < 300 || GENERIC.has(child.name)) continue;
    const data = child.args?.data as { type?: string; functionName?: string; url?: string } | undefined;
    const what = child.name === 'EventDispatch' ? `event ${String(data?.type)}` : child.name === 'FunctionCall' ? `call ${data?.functionName || '(anon)'}` : child.name;
    kinds.set(what, Math.max(kinds.get(what) ?? 0, (child.dur ?? 0) / 1000));
  }
  return [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([what, ms]) => `${what} ${ms.toFixed(1)}`).join(', ');
}

/** The functions a task ran, by self time from the samples inside it (`top` of them). */
export function functionsIn(profile: Profile, task: Task, top = 6): string {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < task.start || at > task.start + task.ms * 1000) continue;
    const { functionName, url, lineNumber } = nodes.get(profile.samples[i]!)!.callFrame;
    const label = url ? `${functionName || '(anon)'}@${url.split('/').pop()}:${lineNumber}` : functionName;
    self.set(label, (self.get(label) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([label, ms]) => `${label} ${ms.toFixed(1)}`).join(' | ');
}

/**
 * The functions a task ran, by inclusive time (each sample counted once per function on its stack);
 * `scriptsOnly` leaves out the engine's own frames (no script URL), e.g. (program) and (garbage collector).
 */
export function inclusiveIn(profile: Profile, task: Task, { top = 20, scriptsOnly = false, separator = '\n        ' } = {}): string {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < task.start || at > task.start + task.ms * 1000) continue;
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
      if (scriptsOnly && !url) continue;
      const label = url ? `${functionName || '(anon)'}@${url.split('/').pop()}:${lineNumber}` : functionName;
      if (seen.has(label)) continue;
      seen.add(label);
      inclusive.set(label, (inclusive.get(label) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
    }
  }
  return [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top).map(([label, ms]) => `${label} ${ms.toFixed(1)}`).join(separator);
}
