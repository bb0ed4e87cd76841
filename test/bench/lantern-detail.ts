// What Lighthouse's simulation (lantern) counted in one audit, read right after it (docs/benchmarks.md
// "Reading an audit"): the audit's score moves from run to run of the same build, and only its
// simulation says why. Lantern rebuilds the page load as a graph — the requests of the observed
// load and the main thread's tasks of 10 ms or more — and replays it on the emulated phone:
// every task multiplied by the CPU slowdown (half of it for a task that laid out), every request
// over slow 4G. Printed per audit:
// - the observed load (loopback, unthrottled): first and largest paint, DOMContentLoaded, load;
// - the largest paint's element;
// - total blocking time: each task the simulation made 50 ms or longer, its observed length (wall
//   time: on a shared machine it also counts the moments another process had the core; the
//   thread's own time beside it) and what ran in it;
// - the largest paint's graph: every request lantern made it wait for (those that had finished
//   before the paint it observed), with its priority and simulated end.
// With a directory, the audit's report, trace, DevTools log and the simulations of those two
// metrics (as traces DevTools opens) are kept there too.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RunnerResult } from 'lighthouse';
import * as Lantern from 'lighthouse/core/lib/lantern/lantern.js';
import lanternTraceSaver from 'lighthouse/core/lib/lantern-trace-saver.js';

/** A trace event as lantern keeps it in a CPU node. */
interface Event { name: string; ts: number; dur?: number; args?: { data?: { url?: string; functionName?: string } } }
interface Timing { startTime: number; endTime: number }
type Node = { type: 'cpu'; startTime: number; duration: number; event: { tdur?: number }; childEvents: Event[]; didPerformLayout(): boolean } | { type: 'network'; startTime: number; endTime: number; request: { url: string; priority: string; resourceType?: string; transferSize: number } };

/** The simulations the summary reads (Lighthouse's labels: `optimistic` or `pessimistic` + the metric). */
const TBT = 'pessimisticTotalBlockingTime';
const LCP = 'pessimisticLargestContentfulPaint';

const fileOf = (url: string | undefined) => (url ?? '').split('/').pop()?.split('?')[0] ?? '';
const ms = (value: number) => value.toFixed(0);

/** What kind of work a task was: its trace events of 1 ms or more, the longest first (scripts named by file). */
export function kindsOf(children: readonly Event[], top = 5): string {
  const kinds = new Map<string, number>();
  for (const child of children) {
    if ((child.dur ?? 0) < 1000) continue;
    const data = child.args?.data;
    const what = ['EvaluateScript', 'v8.evaluateModule', 'v8.compileModule', 'FunctionCall'].includes(child.name) && data?.url ? `${child.name}(${fileOf(data.url)}${data.functionName ? ` ${data.functionName}` : ''})` : child.name;
    kinds.set(what, Math.max(kinds.get(what) ?? 0, (child.dur ?? 0) / 1000));
  }
  return [...kinds].sort((a, b) => b[1] - a[1]).slice(0, top).map(([what, length]) => `${what} ${length.toFixed(1)}`).join(', ');
}

function simulation(label: string): Map<Node, Timing> {
  const timings = Lantern.Simulation.Simulator.allNodeTimings.get(label);
  return timings ? (timings as unknown as Map<Node, Timing>) : new Map<Node, Timing>();
}

/** The observed load's zero: the main document's request (the graph's root). */
function zeroOf(timings: Map<Node, Timing>): number {
  let zero = Number.POSITIVE_INFINITY;
  for (const node of timings.keys()) if (node.type === 'network') zero = Math.min(zero, node.startTime);
  return zero;
}

/** The summary of the audit just run (lantern keeps the last simulation of each label). */
export function lanternSummary(result: RunnerResult): string {
  const { audits } = result.lhr;
  const observed = (audits.metrics?.details as { items?: Record<string, number>[] } | undefined)?.items?.[0] ?? {};
  const element = (audits['largest-contentful-paint-element']?.details as { items?: { items?: { node?: { selector?: string; nodeLabel?: string } }[] }[] } | undefined)?.items?.[0]?.items?.[0]?.node;
  const lines = [
    `observed: FCP ${ms(observed.observedFirstContentfulPaint ?? Number.NaN)}, LCP ${ms(observed.observedLargestContentfulPaint ?? Number.NaN)}, DOMContentLoaded ${ms(observed.observedDomContentLoaded ?? Number.NaN)}, load ${ms(observed.observedLoad ?? Number.NaN)}, trace end ${ms(observed.observedTraceEnd ?? Number.NaN)} ms; simulated FCP ${ms(audits['first-contentful-paint']?.numericValue ?? Number.NaN)}, LCP ${ms(audits['largest-contentful-paint']?.numericValue ?? Number.NaN)}, TTI ${ms(audits.interactive?.numericValue ?? Number.NaN)} ms`,
    `LCP element: ${element?.selector ?? '?'} "${(element?.nodeLabel ?? '').slice(0, 40)}"`,
  ];
  const tbt = simulation(TBT);
  const zero = zeroOf(tbt);
  const long = [...tbt].filter(([node, timing]) => node.type === 'cpu' && timing.endTime - timing.startTime >= 50);
  lines.push(`blocking tasks (simulated ≥ 50 ms, of ${[...tbt.keys()].filter((node) => node.type === 'cpu').length} tasks in the graph):`);
  for (const [node, timing] of long) {
    if (node.type !== 'cpu') continue;
    lines.push(`  at ${ms((node.startTime - zero) / 1000)} ms observed ${(node.duration / 1000).toFixed(1)} ms (thread ${((node.event.tdur ?? Number.NaN) / 1000).toFixed(1)})${node.didPerformLayout() ? ' (layout: half the slowdown)' : ''} → simulated ${ms(timing.startTime)}–${ms(timing.endTime)} ms: ${kindsOf(node.childEvents)}`);
  }
  const lcp = simulation(LCP);
  const requests = [...lcp].filter(([node]) => node.type === 'network').sort((a, b) => a[1].endTime - b[1].endTime);
  lines.push(`LCP graph (pessimistic): ${requests.length} requests, ${[...lcp.keys()].filter((node) => node.type === 'cpu').length} tasks; requests:`);
  for (const [node, timing] of requests) {
    if (node.type !== 'network') continue;
    lines.push(`  ${fileOf(node.request.url) || node.request.url} ${node.request.priority} ${(node.request.transferSize / 1024).toFixed(1)} KB, observed end ${ms((node.endTime - zeroOf(lcp)) / 1000)} ms → simulated ${ms(timing.startTime)}–${ms(timing.endTime)} ms`);
  }
  return lines.join('\n');
}

/** Keeps the audit's report, trace, DevTools log and the two simulations under `dir` as `name`.*. */
export function keepAudit(result: RunnerResult, dir: string, name: string): void {
  mkdirSync(dir, { recursive: true });
  const at = (suffix: string) => path.join(dir, `${name}.${suffix}`);
  writeFileSync(at('report.json'), JSON.stringify(result.lhr));
  const artifacts = result.artifacts as unknown as { Trace?: unknown; DevtoolsLog?: unknown };
  if (artifacts.Trace) writeFileSync(at('trace.json.gz'), gzipSync(JSON.stringify(artifacts.Trace)));
  if (artifacts.DevtoolsLog) writeFileSync(at('devtoolslog.json.gz'), gzipSync(JSON.stringify(artifacts.DevtoolsLog)));
  for (const label of [TBT, LCP]) {
    const timings = Lantern.Simulation.Simulator.allNodeTimings.get(label);
    if (timings) writeFileSync(at(`${label}.trace.json.gz`), gzipSync(JSON.stringify(lanternTraceSaver.convertNodeTimingsToTrace(timings as never))));
  }
}
