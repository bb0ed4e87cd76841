// What a round of the log list's scroll made Chromium do on the page's main thread, from a Chrome
// trace with invalidation tracking (profile-log-scroll.ts, TRACE=1): the thread time of each kind
// of work (inclusive, so nested events count in their parents too), each layout's dirty and total
// objects and its layout roots (the trace's `Layout` beginData / endData), the elements each style
// recalc touched, and why layout and style were invalidated (which node, which reason). A windowed
// list whose step costs more than its entering rows shows it here: a root above the list, a total
// far above the rows in the window, or invalidations on nodes that did not change.
import type { CDPSession } from 'playwright-core';

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.invalidationTracking',
  'toplevel',
  'blink',
  'cc',
  'v8.execute',
  '__metadata',
];

export interface ScrollTraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
  pid: number;
  args?: { name?: string; data?: Record<string, unknown>; beginData?: Record<string, unknown>; endData?: Record<string, unknown>; elementCount?: number };
}

/** Starts a Chrome trace of the page; the returned function stops it and resolves with its events. */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<ScrollTraceEvent[]>> {
  const events: ScrollTraceEvent[] = [];
  const collect = ({ value }: { value: unknown[] }) => events.push(...(value as ScrollTraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES }, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', collect);
    return events;
  };
}

const ms = (us: number) => (us / 1000).toFixed(1);
const top = (counts: Map<string, number>, n: number) =>
  [...counts].sort((a, b) => b[1] - a[1]).slice(0, n).map(([key, count]) => `      ${String(count).padStart(6)}  ${key}`).join('\n');
const bump = (counts: Map<string, number>, key: string, by = 1) => counts.set(key, (counts.get(key) ?? 0) + by);
const quantiles = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `median ${at(0.5)}, p90 ${at(0.9)}, max ${sorted.at(-1) ?? 0}`;
};

/** Prints what the renderer's main thread did in the trace, per `steps` scroll steps. */
export function summarizeScrollTrace(events: readonly ScrollTraceEvent[], steps: number): void {
  const main = events.find((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  if (!main) throw new Error('no renderer main thread in the trace');
  const mine = events.filter((event) => event.pid === main.pid && event.tid === main.tid);
  const cpu = new Map<string, number>();
  for (const event of mine) if (event.ph === 'X' && event.tdur !== undefined) bump(cpu, event.name, event.tdur);
  const lines = [...cpu].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([name, us]) => `      ${ms(us).padStart(7)} ms  ${(us / 1000 / steps).toFixed(3)} ms a step  ${name}`);
  process.stdout.write(`  main thread, CPU by event (inclusive):\n${lines.join('\n')}\n`);

  // Node ids to names, from the invalidation events that carry both.
  const names = new Map<number, string>();
  for (const event of mine) {
    const data = event.args?.data as { nodeId?: number; nodeName?: string } | undefined;
    if (data?.nodeId !== undefined && data.nodeName) names.set(data.nodeId, data.nodeName);
  }
  const layouts = mine.filter((event) => event.name === 'Layout' && event.ph === 'X');
  const dirty = layouts.map((event) => Number(event.args?.beginData?.dirtyObjects ?? 0));
  const total = layouts.map((event) => Number(event.args?.beginData?.totalObjects ?? 0));
  const partial = layouts.filter((event) => event.args?.beginData?.partialLayout === true).length;
  const roots = new Map<string, number>();
  for (const event of layouts) {
    const list = (event.args?.endData?.layoutRoots ?? []) as { nodeId?: number; depth?: number }[];
    for (const root of list) bump(roots, `${root.nodeId === undefined ? '?' : names.get(root.nodeId) ?? `node ${root.nodeId}`} (depth ${root.depth ?? '?'})`);
  }
  process.stdout.write(
    `  layouts: ${layouts.length} (${(layouts.length / steps).toFixed(1)} a step, ${partial} partial); dirty objects ${quantiles(dirty)}; total objects ${quantiles(total)}\n` +
      `    layout roots:\n${top(roots, 8)}\n`,
  );
  const recalcs = mine.filter((event) => event.name === 'UpdateLayoutTree' && event.ph === 'X');
  const elements = recalcs.map((event) => Number(event.args?.elementCount ?? (event.args?.endData as { elementCount?: number } | undefined)?.elementCount ?? 0));
  process.stdout.write(`  style recalcs: ${recalcs.length}; elements ${quantiles(elements)}, ${elements.reduce((a, b) => a + b, 0)} in all\n`);

  for (const kind of ['LayoutInvalidationTracking', 'StyleRecalcInvalidationTracking', 'ScheduleStyleInvalidationTracking', 'StyleInvalidatorInvalidationTracking']) {
    const why = new Map<string, number>();
    for (const event of mine) {
      if (event.name !== kind) continue;
      const data = (event.args?.data ?? {}) as { reason?: string; nodeName?: string; invalidationSet?: unknown; changedClass?: string; changedAttribute?: string; changedPseudo?: string; extraData?: string };
      const what = data.reason ?? data.changedClass ?? data.changedAttribute ?? data.changedPseudo ?? data.extraData ?? '';
      bump(why, `${what} @ ${(data.nodeName ?? '?').slice(0, 70)}`);
    }
    if (why.size > 0) process.stdout.write(`  ${kind} (reason @ node):\n${top(why, 12)}\n`);
  }
}
