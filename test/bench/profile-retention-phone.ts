// Profiles the phone's retention purge (the retention-phone bench's purge) with the V8 sampling
// profiler (CDP): where the page's main thread spends the purge, beside its time and the bare
// write of the same rows.
//   BENCH_PHONE_RETENTION_LOGS=100000 node --import tsx test/bench/profile-retention-phone.ts
import { withHooks } from '../e2e/support/page-hooks';
import { unlock } from '../e2e/support/sign-in';
import { seedOfflineLogsMarkedSealed, withBenchPhone } from './bench-phone';
import { summarize, type Profile } from './cpu-profile';

const LOGS = Number(process.env.BENCH_PHONE_RETENTION_LOGS ?? 20_000);
const PASSWORD = 'bench-password';

await withBenchPhone(async (phone) => {
  const { page, context } = phone;
  await seedOfflineLogsMarkedSealed(phone, LOGS, PASSWORD);
  const kept = await withHooks(page, (h) => h.keepPurgeable(), null);
  await unlock(page, PASSWORD);
  await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
  await withHooks(page, (h) => h.purgeOldDetailsNow(), null);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await withHooks(page, (h) => h.putPurgeable(false), null);
  await cdp.send('Profiler.start');
  const purge = await withHooks(page, (h) => h.timedRetentionPurge(), null);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const steady = await withHooks(page, (h) => h.timedRetentionPurge(), null);
  await withHooks(page, (h) => h.putPurgeable(false), null);
  const bare = await withHooks(page, (h) => h.putPurgeable(true), null);
  process.stdout.write(`${kept} kept of ${LOGS}: purge ${purge.ms.toFixed(0)} ms (${purge.purged} purged, ${purge.notices} notices, stall ${purge.stallMs.toFixed(0)} ms); next purge ${steady.ms.toFixed(0)} ms; bare write ${bare.toFixed(0)} ms\n`);
  summarize(profile);
});
