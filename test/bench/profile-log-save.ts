// Traces the log save of the assistance bench (docs/benchmarks.md "log save"): N saves through the
// quick-entry form with BENCH_LOGS logs stored (default 20,000), each beside the bench's baseline,
// and for each save where its time goes (docs/performance.md "Saving a record"):
// - every IndexedDB transaction of the page around it (stores, mode, opened → completed, relative
//   to createLog's start) and each of its requests (made → answered);
// - the main thread's tasks from Chromium's trace (wall and thread time, the events inside), and
//   with PROFILE=1 the functions each task ran (V8's sampling profiler, which slows them).
//   BENCH_LOGS=20000 [PROFILE=1] [taskset -c 0] node --import tsx test/bench/profile-log-save.ts [saves]
// An unminified build names the functions: `npx vite build --minify false` (then rebuild).
import type { Page } from 'playwright-core';
import { unlock } from '../e2e/support/sign-in';
import { seedMemberKey } from '../e2e/support/vault-seed';
import { SEED_MEMBER, seedLogs } from '../e2e/support/seed-logs';
import { RETENTION_PURGE_TIMING, SEAL_AT_REST_TIMING } from '../../src/client/data/db';
import { baselineOfSave, fillQuickLog, noteSaveTaps, tapToCommit } from './assistance.bench';
import { withBenchPhone } from './bench-phone';
import { median, percentile } from './measurement';
import { functionsIn, inclusiveIn, kindsIn, measureInTrace, tasksBetween, traced } from './main-thread-trace';

const LOGS = Number(process.env.BENCH_LOGS ?? 20_000);
const SAVES = Number(process.argv[2] ?? 20);
const PASSWORD = 'bench-password';
const PROFILE = process.env.PROFILE === '1';
/** SETTLE_MS: a pause between the baseline and the save (does the save wait for the baseline's writes?). */
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 0);
/** How far before the tap and after the commit the tasks and transactions are listed. */
const BEFORE_MS = 5;
const AFTER_MS = 40;
/** createLog's User Timing entry (assistance-repository.ts CREATE_LOG_TIMING; importing it would load the data layer in Node). */
const CREATE_LOG_TIMING = 'assistance:log-create';

/**
 * Installed before the app loads (Dexie keeps IDBDatabase.transaction bound from the moment it
 * opens, so a wrapper added later never sees its transactions): notes every transaction and each
 * request made in it, with the time it was made and answered.
 */
const TRACER = `(() => {
  const txs = (globalThis.__txs = []);
  const byTx = new WeakMap();
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    const tx = transaction.call(this, stores, mode, options);
    const entry = { db: this.name, stores: [].concat(stores), mode: mode || 'readonly', start: performance.now(), end: 0, requests: [] };
    txs.push(entry);
    byTx.set(tx, entry);
    const done = () => { entry.end = performance.now(); };
    tx.addEventListener('complete', done);
    tx.addEventListener('abort', done);
    return tx;
  };
  const pushState = history.pushState;
  history.pushState = function (...args) { globalThis.__navAt = performance.now(); return pushState.apply(this, args); };
  const methods = ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor', 'put', 'add', 'delete', 'clear'];
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
    for (const name of methods) {
      const method = proto[name];
      if (!method) continue;
      proto[name] = function (...args) {
        const request = method.apply(this, args);
        const store = this.objectStore ? this.objectStore : this;
        const entry = byTx.get(store.transaction);
        if (entry) {
          const made = { what: name + '(' + (this.objectStore ? store.name + '.' + this.name : this.name) + ')', at: performance.now(), answered: 0 };
          entry.requests.push(made);
          request.addEventListener('success', () => { made.answered ||= performance.now(); });
        }
        return request;
      };
    }
  }
})()`;

interface TracedTx { db: string; stores: string[]; mode: string; start: number; end: number; requests: { what: string; at: number; answered: number }[] }

/** The transactions overlapping [from, to] (performance.now() ms), then forgets them all. */
async function transactionsBetween(page: Page, from: number, to: number): Promise<TracedTx[]> {
  return page.evaluate(([from, to]) => {
    const scope = globalThis as unknown as { __txs: TracedTx[] };
    const found = scope.__txs.filter((tx) => tx.start < to && (tx.end === 0 || tx.end > from));
    scope.__txs.length = 0;
    return found;
  }, [from, to] as const);
}

const ms = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;

await withBenchPhone(async ({ server, page, context }) => {
  await server.stop();
  await context.setOffline(true);
  await seedLogs(page, SEED_MEMBER, LOGS);
  await seedMemberKey(page, SEED_MEMBER, PASSWORD);
  await context.addInitScript(TRACER);
  await page.goto(`${server.url}/assistance`);
  await unlock(page, PASSWORD);
  await page.waitForFunction((names) => names.every((name) => performance.getEntriesByName(name).length > 0), [RETENTION_PURGE_TIMING, SEAL_AT_REST_TIMING], { polling: 500, timeout: 30 * 60_000 });
  await page.getByRole('heading', { level: 1, name: 'Hỗ trợ người dân' }).waitFor();
  await noteSaveTaps(page);
  const saves: number[] = [];
  const bare: number[] = [];
  const cdp = await context.newCDPSession(page);
  for (let run = 0; run <= SAVES; run++) {
    await fillQuickLog(page, run);
    if (run > 0) bare.push((await baselineOfSave(page)).tapped);
    if (SETTLE_MS > 0) await page.waitForTimeout(SETTLE_MS);
    const seen = await page.evaluate((name) => performance.getEntriesByName(name).length, CREATE_LOG_TIMING);
    await page.evaluate(() => (globalThis as unknown as { __txs: unknown[] }).__txs.splice(0));
    const { events, profile } = await traced(
      cdp,
      async () => {
        await page.getByRole('button', { name: 'Lưu', exact: true }).click();
        await page.waitForFunction(({ name, count }) => performance.getEntriesByName(name).length > count, { name: CREATE_LOG_TIMING, count: seen });
        await page.getByRole('heading', { level: 1, name: 'Hỗ trợ người dân' }).waitFor();
        await page.waitForTimeout(AFTER_MS + 20);
      },
      PROFILE,
    );
    const { save, createLog } = await tapToCommit(page);
    // Times relative to the tap (performance.now() in the page): the tap, createLog's start, the navigation.
    const at = await page.evaluate((name) => {
      const scope = globalThis as unknown as { __saveTapAt: number; __navAt: number };
      return { tap: scope.__saveTapAt, createLog: performance.getEntriesByName(name).at(-1)!.startTime, navigation: scope.__navAt };
    }, CREATE_LOG_TIMING);
    const txs = await transactionsBetween(page, at.tap - BEFORE_MS, at.tap + save + AFTER_MS);
    // The trace's clock: createLog's measure begins at its startTime.
    const mark = measureInTrace(events, CREATE_LOG_TIMING);
    const traceMs = (perf: number) => mark.ts / 1000 + (perf - at.createLog);
    const tasks = tasksBetween(events, mark, traceMs(at.tap - BEFORE_MS) * 1000, traceMs(at.tap + save + AFTER_MS) * 1000);
    const rel = (perf: number) => ms(perf - at.tap);
    const lines = [`save ${run}: tap → committed ${save.toFixed(1)} ms (createLog from ${rel(at.createLog)}: ${createLog.toFixed(1)} ms), navigation at ${rel(at.navigation)}${run > 0 ? `; baseline from a tap ${bare.at(-1)!.toFixed(1)} ms` : ''}`];
    for (const tx of txs) {
      const stores = tx.stores.length > 4 ? `${tx.stores.length} stores` : tx.stores.join('+');
      lines.push(`  tx ${tx.db.slice(0, 8)} ${tx.mode} [${stores}] ${rel(tx.start)} → ${tx.end ? rel(tx.end) : 'open'}: ${tx.requests.map((r) => `${r.what} ${rel(r.at)}→${r.answered ? rel(r.answered) : '?'}`).join(', ')}`);
    }
    // Tasks under 0.3 ms (the scheduler's and IPC's own) would bury the ones that matter.
    for (const task of tasks.filter((task) => task.ms >= 0.3)) {
      lines.push(`  task ${ms(task.start / 1000 - traceMs(at.tap))} ${task.ms.toFixed(1)} ms (thread ${task.cpuMs.toFixed(1)}): ${kindsIn(task)}`);
      if (profile && task.ms >= 1) lines.push(`      ${functionsIn(profile, task)}`);
      if (profile && kindsIn(task).includes('event click')) lines.push(`      inclusive:\n        ${inclusiveIn(profile, task, { top: 30 })}`);
    }
    if (run > 0) saves.push(save);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  process.stdout.write(`saves: median ${median(saves).toFixed(1)}, p95 ${percentile(saves, 95).toFixed(1)} ms; baseline: median ${median(bare).toFixed(1)}, p95 ${percentile(bare, 95).toFixed(1)} ms; ratio p95 ${(percentile(saves, 95) / percentile(bare, 95)).toFixed(2)}, median ${(median(saves) / median(bare)).toFixed(2)}\n`);
});
