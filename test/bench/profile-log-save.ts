// Traces the log save of the assistance bench (docs/benchmarks.md "log save"): N saves through the
// quick-entry form with BENCH_LOGS logs stored (default 20,000), each beside the bench's bare put,
// and for each save every IndexedDB transaction of the page that overlapped it (its stores, mode,
// start and end relative to the save's start) and the main thread's busy time in it (long tasks and
// a 1 ms timer's lateness), to find what a save waits for. Run it under `taskset -c 0` to see one core.
//   BENCH_LOGS=20000 [PROFILE=1] taskset -c 0 node --import tsx test/bench/profile-log-save.ts [saves]
// PROFILE=1 adds the V8 sampling profile of the saves (merged), which slows them.
import { withHooks } from '../e2e/support/page-hooks';
import { unlock } from '../e2e/support/sign-in';
import { seedMemberKey } from '../e2e/support/vault-seed';
import { SEED_MEMBER, seedLogs } from '../e2e/support/seed-logs';
import { RETENTION_PURGE_TIMING, SEAL_AT_REST_TIMING } from '../../src/client/data/db';
import { fillQuickLog } from './assistance.bench';
import { withBenchPhone } from './bench-phone';
import { median, percentile } from './measurement';
import { summarize, type Profile } from './cpu-profile';

const LOGS = Number(process.env.BENCH_LOGS ?? 20_000);
const SAVES = Number(process.argv[2] ?? 20);
const PASSWORD = 'bench-password';
const PROFILE = process.env.PROFILE === '1';

/** Wraps IDBDatabase.transaction to note every transaction: stores, mode, open and end times. */
const TRACER = `(() => {
  if (globalThis.__txs) return;
  const txs = (globalThis.__txs = []);
  const open = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = open.apply(this, args);
    const entry = { db: this.name, stores: [...tx.objectStoreNames].join('+'), mode: tx.mode, start: performance.now(), end: 0, requests: 0 };
    txs.push(entry);
    const done = () => (entry.end = performance.now());
    tx.addEventListener('complete', done);
    tx.addEventListener('abort', done);
    return tx;
  };
  let last = performance.now();
  const lags = (globalThis.__lags = []);
  const tick = () => { const now = performance.now(); if (now - last > 3) lags.push({ at: last, ms: now - last }); last = now; setTimeout(tick, 1); };
  setTimeout(tick, 1);
})()`;

await withBenchPhone(async ({ server, page, context }) => {
  await server.stop();
  await context.setOffline(true);
  await seedLogs(page, SEED_MEMBER, LOGS);
  await seedMemberKey(page, SEED_MEMBER, PASSWORD);
  await page.goto(`${server.url}/assistance`);
  await unlock(page, PASSWORD);
  await page.waitForFunction((names) => names.every((name) => performance.getEntriesByName(name).length > 0), [RETENTION_PURGE_TIMING, SEAL_AT_REST_TIMING], { polling: 500, timeout: 30 * 60_000 });
  await page.evaluate(TRACER);
  await page.getByRole('heading', { level: 1, name: 'Hỗ trợ người dân' }).waitFor();
  const saves: number[] = [];
  const bare: number[] = [];
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  // Every save's profile in one: node ids shifted past the ones before.
  const merged: Profile = { nodes: [], samples: [], timeDeltas: [], startTime: 0, endTime: 0 };
  for (let run = 0; run <= SAVES; run++) {
    await fillQuickLog(page, run);
    if (run > 0) bare.push(await withHooks(page, async (h) => (await h.barePutOfLastWrite(), h.barePutOfLastWrite()), null));
    const seen = await page.evaluate(() => performance.getEntriesByName('assistance:log-create').length);
    if (PROFILE) await cdp.send('Profiler.start');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForFunction((count) => performance.getEntriesByName('assistance:log-create').length > count, seen, { polling: 'raf' });
    const profile: Profile | undefined = PROFILE ? ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile : undefined;
    if (profile && run > 0) {
      const shift = merged.nodes.reduce((max, node) => Math.max(max, node.id), 0);
      merged.nodes.push(...profile.nodes.map((node) => ({ ...node, id: node.id + shift, children: node.children?.map((child) => child + shift) })));
      merged.samples.push(...profile.samples.map((sample) => sample + shift));
      merged.timeDeltas.push(...profile.timeDeltas);
    }
    await page.getByRole('heading', { level: 1, name: 'Hỗ trợ người dân' }).waitFor();
    const report = await page.evaluate(() => {
      const entry = performance.getEntriesByName('assistance:log-create').at(-1)!;
      const start = entry.startTime;
      const end = start + entry.duration;
      const scope = globalThis as unknown as { __txs: { db: string; stores: string; mode: string; start: number; end: number }[]; __lags: { at: number; ms: number }[] };
      const txs = scope.__txs.filter((tx) => tx.start < end && (tx.end === 0 || tx.end > start - 50)).map((tx) => `${tx.db.slice(0, 8)}:${tx.stores}:${tx.mode[0]} ${(tx.start - start).toFixed(1)}→${tx.end ? (tx.end - start).toFixed(1) : 'open'}`);
      const lag = scope.__lags.filter((l) => l.at < end && l.at + l.ms > start).map((l) => `${(l.at - start).toFixed(1)}+${l.ms.toFixed(1)}`);
      scope.__txs.length = 0;
      scope.__lags.length = 0;
      return { ms: entry.duration, txs, lag };
    });
    if (run > 0) saves.push(report.ms);
    process.stdout.write(`save ${run}: ${report.ms.toFixed(1)} ms${run > 0 ? `, bare ${bare.at(-1)!.toFixed(1)} ms` : ''}\n  tx: ${report.txs.join(' | ')}\n  main-thread lateness: ${report.lag.join(', ') || '-'}\n`);
  }
  if (PROFILE) summarize(merged);
  process.stdout.write(`saves: median ${median(saves).toFixed(1)}, p95 ${percentile(saves, 95).toFixed(1)} ms; bare: median ${median(bare).toFixed(1)}, p95 ${percentile(bare, 95).toFixed(1)} ms; ratio p95 ${(percentile(saves, 95) / percentile(bare, 95)).toFixed(2)}, median ${(median(saves) / median(bare)).toFixed(2)}\n`);
});
