// Profiles the period report's data on the phone (loadPeriodData, the reports bench's "period
// report data") against the plain scan of the period's logs, on the reports bench's 100,000 logs,
// with the V8 sampling profiler (CDP), and prints where the page's main thread spent its time.
//   node --import tsx test/bench/profile-period-report.ts [runs]
import { withHooks } from '../e2e/support/page-hooks';
import { instantBounds, presetRange } from '../../src/shared/reports/period';
import { withBenchPhone } from './bench-phone';
import { summarize, type Profile } from './cpu-profile';
import { openSeededReports } from './reports.bench';

const runs = Number(process.argv[2] ?? 5);

await withBenchPhone(async (phone) => {
  const { page, context } = phone;
  const range = presetRange('period', await openSeededReports(phone));
  const { from, before } = instantBounds(range);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  for (const which of ['scan', 'report'] as const) {
    const times: number[] = [];
    await cdp.send('Profiler.start');
    for (let run = 0; run < runs; run++) {
      const ms = which === 'scan'
        ? (await withHooks(page, (h, bounds) => h.scanLogs(bounds.from, bounds.before), { from, before })).ms
        : (await withHooks(page, (h, period) => h.periodReportData(period.start, period.end), range)).ms;
      times.push(ms);
    }
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    process.stdout.write(`${which}: ${times.map((ms) => ms.toFixed(0)).join(', ')} ms\n`);
    summarize(profile);
  }
});
