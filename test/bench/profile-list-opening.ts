// Where an opening of the log list goes (docs/benchmarks.md "The log list's openings"): the
// assistance bench's phone and logs (BENCH_LOGS, default 100,000), then each case opened from Home
// OPENINGS times, timed as the bench times it; with TRACE_OUT, a Chrome trace of the last opening of
// each case (main-thread events with their CPU time, IndexedDB transactions); with PROFILE=1, the
// V8 sampling profile of every opening of a case.
//   [taskset -c 0] [PROFILE=1] [TRACE_OUT=/tmp/opening] node --import tsx test/bench/profile-list-opening.ts [openings]
import { writeFileSync } from 'node:fs';
import { seedMemberKey } from '../e2e/support/vault-seed';
import { SEED_MEMBER, seedLogs } from '../e2e/support/seed-logs';
import { openList, unlockAndSettle } from './assistance.bench';
import { withBenchPhone } from './bench-phone';
import { summarize, type Profile } from './cpu-profile';
import { domCalibration } from './page-calibration';
import { median } from './measurement';

const LOGS = Number(process.env.BENCH_LOGS ?? 100_000);
const OPENINGS = Number(process.argv[2] ?? 7);
const PROFILE = process.env.PROFILE === '1';

await withBenchPhone(async ({ server, page, context }) => {
  await server.stop();
  await context.setOffline(true);
  await seedLogs(page, SEED_MEMBER, LOGS);
  await seedMemberKey(page, SEED_MEMBER, 'bench-password');
  await page.goto(`${server.url}/`);
  process.stdout.write(`settled after ${(await unlockAndSettle(page)).toFixed(0)} s\n`);
  await openList(page, '/assistance');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  for (const url of ['/assistance', '/assistance?service=vneid-activate-level2']) {
    const times: number[] = [];
    const calibrations: number[] = [];
    if (PROFILE) await cdp.send('Profiler.start');
    for (let run = 0; run < OPENINGS; run++) {
      const traced = process.env.TRACE_OUT && run === OPENINGS - 1;
      const events: object[] = [];
      if (traced) {
        cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
        await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel,blink,IndexedDB,v8', transferMode: 'ReportEvents' });
      }
      calibrations.push(await domCalibration(page, 1));
      times.push(await openList(page, url));
      if (traced) {
        const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
        await cdp.send('Tracing.end');
        await done;
        writeFileSync(`${process.env.TRACE_OUT}.${url.includes('service') ? 'service' : 'list'}.json`, JSON.stringify(events));
      }
    }
    process.stdout.write(`${url}: ${times.map((ms) => ms.toFixed(0)).join(', ')} ms (median ${median(times).toFixed(1)}); calibration median ${median(calibrations).toFixed(1)} ms\n`);
    if (PROFILE) summarize(((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile);
  }
});
