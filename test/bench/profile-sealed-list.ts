// Where the sealed log list's first page goes (docs/benchmarks.md "The sealed log list's first
// page"): the sealing bench's phone and logs (BENCH_LOGS, default 100,000), the first page read
// ROUNDS times in turns with its parts (page-hooks-entry.ts timedListPart): before the sealing,
// after a bare rewrite of the rows the sealing will rewrite, and after the sealing. With TRACE=1,
// a Chrome trace of the sealed page's last reads: the tasks of each thread of the page's renderer
// inside the page's User Timing measure.
//   [taskset -c 0] [BENCH_LOGS=20000] [TRACE=1] node --import tsx test/bench/profile-sealed-list.ts [rounds]
import type { Page } from 'playwright-core';
import { unlock } from '../e2e/support/sign-in';
import { withHooks } from '../e2e/support/page-hooks';
import { seedOfflineLogsMarkedSealed, withBenchPhone } from './bench-phone';
import { traced, type TraceEvent } from './main-thread-trace';
import { median } from './measurement';

const LOGS = Number(process.env.BENCH_LOGS ?? 100_000);
const ROUNDS = Number(process.argv[2] ?? 15);
const PARTS = ['scan', 'all', 'citizen', 'open'] as const;
/** A task's own trace event (the scheduler's, and the one main-thread-trace.ts reads). */
const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

async function rounds(page: Page, label: string): Promise<void> {
  const times = new Map<string, number[]>([['page', []], ...PARTS.map((part): [string, number[]] => [part, []])]);
  const sealed = new Map<string, number>();
  for (let round = 0; round < ROUNDS; round++) {
    times.get('page')!.push((await withHooks(page, (h) => h.timedListPage(), null)).ms);
    for (const part of PARTS) {
      const { ms, sealed: count } = await withHooks(page, (h, arg) => h.timedListPart(arg), part);
      times.get(part)!.push(ms);
      sealed.set(part, count);
    }
  }
  const cells = [...times].map(([part, values]) => `${part} ${median(values).toFixed(2)}${sealed.get(part) ? ` (${sealed.get(part)} opened)` : ''}`);
  process.stdout.write(`${label}: medians of ${ROUNDS}, ms: ${cells.join(', ')}\n`);
}

/** Each thread's tasks of the renderer inside the last User Timing measure `name`: count, wall and thread ms. */
function threadsDuring(events: readonly TraceEvent[], name: string): string {
  const begin = events.filter((event) => event.name === name && event.ph === 'b').at(-1);
  const end = events.filter((event) => event.name === name && event.ph === 'e').at(-1);
  if (!begin || !end) return 'no measure in the trace';
  const names = new Map(events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.pid === begin.pid).map((event) => [event.tid, String(event.args?.name)]));
  const perThread = new Map<string, { tasks: number; ms: number; cpuMs: number }>();
  for (const event of events) {
    if (event.pid !== begin.pid || event.ph !== 'X' || !TASK_EVENTS.has(event.name) || event.ts + (event.dur ?? 0) < begin.ts || event.ts > end.ts) continue;
    const thread = `${names.get(event.tid) ?? String(event.tid)} ${event.name}`;
    const sum = perThread.get(thread) ?? { tasks: 0, ms: 0, cpuMs: 0 };
    perThread.set(thread, { tasks: sum.tasks + 1, ms: sum.ms + (event.dur ?? 0) / 1000, cpuMs: sum.cpuMs + (event.tdur ?? event.dur ?? 0) / 1000 });
  }
  const threads = [...perThread].map(([thread, { tasks, ms, cpuMs }]) => `${thread}: ${tasks} tasks, ${ms.toFixed(2)} ms (${cpuMs.toFixed(2)} ms CPU)`);
  return `${((end.ts - begin.ts) / 1000).toFixed(2)} ms; ${threads.join('; ')}`;
}

await withBenchPhone(async (phone) => {
  const { page, context } = phone;
  await seedOfflineLogsMarkedSealed(phone, LOGS, 'bench-password');
  await unlock(page, 'bench-password');
  await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
  await withHooks(page, (h) => h.purgeOldDetailsNow(), null);
  await rounds(page, 'plaintext');
  const rewrite = await withHooks(page, (h) => h.timedBarePutOfPlainLogs(), null);
  await rounds(page, `plaintext, after a bare rewrite of ${rewrite.rows} rows`);
  const seal = await withHooks(page, (h) => h.sealNow(), null);
  await rounds(page, `sealed (${seal.rows} rows sealed)`);
  await rounds(page, 'sealed, again');
  if (process.env.TRACE === '1') {
    const cdp = await context.newCDPSession(page);
    for (let run = 0; run < 3; run++) {
      const { events } = await traced(cdp, async () => void (await withHooks(page, (h) => h.timedListPage(), null)), false);
      process.stdout.write(`traced page ${run + 1}: ${threadsDuring(events, 'bench:list-page')}\n`);
    }
  }
});
