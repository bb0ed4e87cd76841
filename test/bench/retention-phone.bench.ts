// The phone's retention purge after an unlock (docs/privacy.md "Retention", docs/performance.md
// "Retention purge on the phone") in headless Chromium with real IndexedDB: 20,000 logs stored
// (BENCH_PHONE_RETENTION_LOGS to change it; seed-logs.ts: a fifth with a named citizen, half with
// a note, dated over the past year, so about three quarters are past the phone's 90 days) and the
// Home screen open, whose live queries (the follow-ups due, the week's figures) read the logs again
// each time they are told of a change.
// - the purge (purgeOldDetails, as the unlock runs it) against one bare write of the same rows as
//   the purge leaves them (one transaction, nothing read, checked or told): median of RUNS ≤ 4 ×;
// - printed for context: the longest the main thread was blocked during the purge (the lateness
//   of a 10 ms timer: what a tap waits), how many change notices woke the live queries, and the
//   purge of the next unlock (nothing crossed the limit since: it reads from its mark, retention-mark.ts).
// Each run puts the purged rows back as they were first, straight into IndexedDB (nothing woken),
// and forgets the purge's mark: each measured purge is the first after the upgrade, reading every old log.
import type { Measurement } from './measurement';
import { context as contextRow, median, ratioAtMost } from './measurement';
import { withHooks } from '../e2e/support/page-hooks';
import { unlock } from '../e2e/support/sign-in';
import { seedOfflineLogsMarkedSealed, withBenchPhone } from './bench-phone';
import { settle } from './floor-client';

const LOGS = Number(process.env.BENCH_PHONE_RETENTION_LOGS ?? 20_000);
const RUNS = 3;
const BENCH_PASSWORD = 'bench-password';
const PURGE_VS_BARE = 4;
/** Home's reads after the purge's notice, at 100,000 logs on a loaded machine: tens of seconds. */
const SETTLE_MS = 180_000;

export function runPhoneRetentionBench(): Promise<Measurement[]> {
  return withBenchPhone(async (phone) => {
    const { page } = phone;
    // The seeded plaintext stays as it is (the sealing bench measures sealing): only the purge runs.
    await seedOfflineLogsMarkedSealed(phone, LOGS, BENCH_PASSWORD);
    // Kept before the unlock, whose own purge drops them; the page is not navigated again.
    const kept = await withHooks(page, (h) => h.keepPurgeable(), null);
    await unlock(page, BENCH_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    // The unlock's own purge: over once a pass finds nothing left.
    await withHooks(page, (h) => h.purgeOldDetailsNow(), null);
    // Counts the page's IndexedDB transactions from here on (settle, below).
    await settle(page, SETTLE_MS);

    const purges: { ms: number; purged: number; notices: number; stallMs: number }[] = [];
    const next: number[] = [];
    const bare: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await withHooks(page, (h) => h.putPurgeable(false), null);
      const purge = await withHooks(page, (h) => h.timedRetentionPurge(), null);
      if (purge.purged !== kept) throw new Error(`the purge changed ${purge.purged} logs, ${kept} were past the limit`);
      purges.push(purge);
      // Once Home has read again what the purge told it: the next unlock finds a quiet phone.
      await settle(page, SETTLE_MS);
      const again = await withHooks(page, (h) => h.timedRetentionPurge(), null);
      if (again.purged !== 0) throw new Error(`the next purge changed ${again.purged} logs`);
      next.push(again.ms);
      await withHooks(page, (h) => h.putPurgeable(false), null);
      bare.push(await withHooks(page, (h) => h.putPurgeable(true), null));
    }

    const ms = median(purges.map((p) => p.ms));
    const stall = Math.max(...purges.map((p) => p.stallMs));
    const notices = median(purges.map((p) => p.notices));
    process.stdout.write(`  purged ${kept.toLocaleString('en')} of ${LOGS.toLocaleString('en')} logs: ${purges.map((p) => `${(p.ms / 1000).toFixed(1)} s`).join(', ')}; bare write ${bare.map((b) => `${(b / 1000).toFixed(1)} s`).join(', ')}; next purge ${next.map((n) => `${n.toFixed(0)} ms`).join(', ')}; longest stall ${stall.toFixed(0)} ms; ${notices} change notices\n`);
    return [
      ratioAtMost(`phone retention purge after unlock, ${LOGS / 1000}k logs (${kept.toLocaleString('en')} past the limit), Home open: purge / bare write of the same rows (median of ${RUNS})`, ms, median(bare), 'ms', PURGE_VS_BARE),
      contextRow('phone retention purge: longest main-thread stall during it', stall, 'ms'),
      contextRow('phone retention purge: change notices to the live queries', notices, ''),
      contextRow('phone retention purge: the next unlock\'s, nothing new past the limit (median)', median(next), 'ms'),
    ];
  });
}
