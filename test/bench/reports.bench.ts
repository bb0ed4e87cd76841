// Reports budget (issue #6) in headless Chromium with real IndexedDB, offline, 100,000 stored
// assistance logs spread evenly over the 365 days that end on the last day of the current
// reporting period, so the measured period is a whole one (plus 2,000 group sessions):
// - the activity dashboard of one reporting period (15th → 14th, ≈ 8,300 logs): tap on the period
//   → the period's logs read through the occurredAt index, every figure computed, every chart and
//   table in the DOM and the next frame started, ≤ 2 × a plain scan of the same records (the same
//   index range read with Dexie, nothing computed or drawn), each the median of 10, taking turns.
// - the period report's data on the phone (issue 15: the editor's figures, readiness and blocked
//   items of the same period, loadPeriodData) ≤ 2 × the same plain scan, median of 10.
// The same for a quarter (≈ 25,000 logs) and with 4× CPU slowdown are printed for information.
// Then the period report's Word file at 4× CPU (report-docx.ts).
import type { Page } from 'playwright-core';
import { installRawIdb, type RawIdb } from '../e2e/support/idb';
import { context as contextRow, median, percentile, ratioAtMost, type Measurement } from './measurement';
import { withHooks } from '../e2e/support/page-hooks';
import { withBenchPhone, type BenchPhone } from './bench-phone';
import { unlock } from '../e2e/support/sign-in';
import { seedMemberKey } from '../e2e/support/vault-seed';
import { instantBounds, presetRange } from '../../src/shared/reports/period';
import { docxAt4x } from './report-docx';
import { addDays, startOfLocalDate, todayLocal, type LocalDate } from '../../src/shared/text/dates';

const RUNS = 10;
const LOGS = 100_000;
const SESSIONS = 2_000;
const COMMUNE = 'bench-commune';
/** The seeded member's password (their key is wrapped with it). */
const BENCH_PASSWORD = 'bench-password';
const LEADER = { id: '0197c1a2-0000-7000-8000-0000000000b1', username: 'bench-leader', displayName: 'Tổ trưởng (bench)', role: 'leader', communeId: COMMUNE };

/**
 * The world of this bench and of profile-period-report.ts: a year of records ending on the last
 * minute of the current reporting period, the leader's key, then the reports screen opened
 * offline, unlocked, its first dashboard drawn. Resolves with today's date.
 */
export async function openSeededReports({ server, page, context }: BenchPhone): Promise<LocalDate> {
  const today = todayLocal(Date.now());
  // The last instant of the current reporting period (23:59 on its last day, in Vietnam).
  await seed(page, startOfLocalDate(addDays(presetRange('period', today).end, 1)).getTime() - 60_000);
  await seedMemberKey(page, LEADER, BENCH_PASSWORD);
  await server.stop();
  await context.setOffline(true);
  await page.goto(`${server.url}/reports?p=month`);
  // A page load locks the app (docs/security.md): unlock, as the member would.
  await unlock(page, BENCH_PASSWORD);
  await page.locator('[data-testid="activity-report"] svg.rp-trend').waitFor({ timeout: 240_000 });
  return today;
}

/** A signed-in leader and a year of records, written with the raw IndexedDB API in batches. */
async function seed(page: Page, endMs: number): Promise<void> {
  await installRawIdb(page);
  await page.evaluate(
    async ({ user, logs, sessions, communeId, endMs }) => {
      const raw = (window as unknown as { __idb: RawIdb }).__idb;
      const database = await raw.open();
      const put = (store: string, rows: object[]) => raw.put(database, store, rows);
      await put('settings', [{ key: 'session', value: { user, signedInAt: new Date().toISOString() } }]);
      const services = ['vneid-install-register', 'vneid-activate-level2', 'dvc-submit-online', 'dvc-track-result', 'bank-account-open', 'cashless-fees', 'online-safety', 'residence-online', 'judicial-record', 'social-insurance-lookup'];
      const outcomes = ['done', 'done', 'done', 'partial', 'referred', 'failed'];
      const barriers = [[], [], ['portal_down'], ['no_smartphone'], ['weak_network', 'no_bank_account'], ['no_chip_id']];
      const members = Array.from({ length: 8 }, (_, i) => `0197c1a2-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`);
      const villages = Array.from({ length: 12 }, (_, i) => `0197c1a2-0000-7000-8000-0000000002${String(i).padStart(2, '0')}`);
      await put('villages', villages.map((id, i) => ({ id, communeId, createdBy: user.id, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), deleted: false, name: `Thôn ${i + 1}`, kind: 'thon', active: true, clocks: {} })));
      const yearMs = 365 * 24 * 3_600_000;
      const now = endMs;
      const hex = (n: number) => n.toString(16).padStart(12, '0');
      const BATCH = 5_000;
      for (let start = 0; start < logs; start += BATCH) {
        const rows = [];
        for (let i = start; i < Math.min(logs, start + BATCH); i++) {
          const at = new Date(now - Math.floor((yearMs * i) / logs)).toISOString();
          rows.push({
            id: `0197c1a2-0000-7000-8000-${hex(i)}`,
            communeId,
            createdBy: members[i % members.length],
            createdAt: at,
            updatedAt: at,
            deleted: i % 50 === 0,
            serviceId: services[i % services.length],
            outcome: outcomes[i % outcomes.length],
            occurredAt: at,
            villageId: i % 7 === 0 ? null : villages[i % villages.length],
            barriers: barriers[i % barriers.length],
            durationMin: 10 + (i % 30),
            note: i % 9 === 0 ? 'Hẹn quay lại khi cổng dịch vụ công hoạt động' : null,
            followUpAt: i % 11 === 0 ? at.slice(0, 10) : null,
            followUpDone: i % 22 === 0,
            assistedOnTeamDevice: i % 13 === 0,
            clocks: {},
          });
        }
        await put('assistanceLogs', rows);
      }
      const groupRows = [];
      for (let i = 0; i < sessions; i++) {
        const at = new Date(now - Math.floor((yearMs * i) / sessions)).toISOString();
        groupRows.push({ id: `0197c1a2-0000-7000-9000-${hex(i)}`, communeId, createdBy: members[i % members.length], createdAt: at, updatedAt: at, deleted: false, topic: 'Bình dân học vụ số', place: 'Nhà văn hóa', occurredAt: at, villageId: villages[i % villages.length], participants: 20 + (i % 15), women: 10, elderly: 4, ethnicMinority: 6, clocks: {} });
      }
      await put('groupSessions', groupRows);
      database.close();
    },
    { user: LEADER, logs: LOGS, sessions: SESSIONS, communeId: COMMUNE, endMs },
  );
}

/** Tap a period preset → the dashboard of that range is in the DOM → next animation frame. */
async function showPeriod(page: Page, preset: string, range: string): Promise<number> {
  return page.evaluate(
    ({ preset, range }) =>
      new Promise<number>((resolve) => {
        const done = () => document.querySelector(`[data-testid="activity-report"][data-range="${range}"] svg.rp-trend`) !== null;
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - start));
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        document.querySelector<HTMLInputElement>(`input[name="rp-period"][value="${preset}"]`)!.click();
      }),
    { preset, range },
  );
}

/** The app's own User Timing of the last load (reports-repository.ts): IndexedDB read, then compute. */
async function lastSplit(page: Page): Promise<{ read: number; compute: number }> {
  return page.evaluate(() => {
    const last = (name: string) => performance.getEntriesByName(name).at(-1)?.duration ?? Number.NaN;
    return { read: last('reports:read'), compute: last('reports:compute') };
  });
}

interface Runs {
  period: number[];
  quarter: number[];
  read: number[];
  compute: number[];
  /** The baseline: the period's logs read through the same index, nothing else. */
  scan: number[];
  /** The period report's data built as its editor does (loadPeriodData). */
  report: number[];
  logsInPeriod: string;
}

async function measure(page: Page, today: string): Promise<Runs> {
  const key = (preset: 'period' | 'month' | 'quarter') => {
    const r = presetRange(preset, today);
    return `${r.start}/${r.end}`;
  };
  const runs: Runs = { period: [], quarter: [], read: [], compute: [], scan: [], report: [], logsInPeriod: '?' };
  const reportPeriod = presetRange('period', today);
  const { from, before } = instantBounds(reportPeriod);
  for (let run = 0; run < RUNS; run++) {
    runs.scan.push((await withHooks(page, (h, bounds) => h.scanLogs(bounds.from, bounds.before), { from, before })).ms);
    runs.report.push((await withHooks(page, (h, range) => h.periodReportData(range.start, range.end), reportPeriod)).ms);
    await showPeriod(page, 'month', key('month'));
    runs.period.push(await showPeriod(page, 'period', key('period')));
    const split = await lastSplit(page);
    runs.read.push(split.read);
    runs.compute.push(split.compute);
    runs.quarter.push(await showPeriod(page, 'quarter', key('quarter')));
  }
  await showPeriod(page, 'period', key('period'));
  runs.logsInPeriod = (await page.locator('[data-figure="citizens"] dd').textContent()) ?? '?';
  return runs;
}

export async function runReportsBench(): Promise<Measurement[]> {
  return withBenchPhone(async (phone) => {
    const { page, context } = phone;
    const today = await openSeededReports(phone);
    const fast = await measure(page, today);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const slow = await measure(page, today);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const docx = await docxAt4x(page, cdp, LOGS);
    const fmt = (values: number[]) => `median ${median(values).toFixed(1)} ms, p90 ${percentile(values, 90).toFixed(1)} ms`;
    process.stdout.write(
      [
        `  ${LOGS.toLocaleString('en')} logs stored; ${fast.logsInPeriod} in this reporting period`,
        `  reporting-period dashboard: ${fmt(fast.period)}; 4× CPU: ${fmt(slow.period)}`,
        `    of which IndexedDB read ${fmt(fast.read)}, figures computed ${fmt(fast.compute)}`,
        `  plain scan of the period's logs (baseline): ${fmt(fast.scan)}; 4× CPU: ${fmt(slow.scan)}`,
        `  quarter dashboard: ${fmt(fast.quarter)}; 4× CPU: ${fmt(slow.quarter)}`,
        `  period report data (loadPeriodData): ${fmt(fast.report)}; 4× CPU: ${fmt(slow.report)}`,
        '',
      ].join('\n'),
    );
    return [
      ratioAtMost(`reports dashboard for a reporting period over ${LOGS.toLocaleString('en')} logs, computed and rendered / plain scan of its logs (median of ${RUNS})`, median(fast.period), median(fast.scan), 'ms', 2),
      contextRow('reports dashboard, same, 4× CPU slowdown / plain scan at 4× (for information)', median(slow.period) / median(slow.scan), '×'),
      ratioAtMost(`period report's data on the phone for a reporting period over ${LOGS.toLocaleString('en')} logs / plain scan of its logs (median of ${RUNS})`, median(fast.report), median(fast.scan), 'ms', 2),
      contextRow('period report data, 4× CPU slowdown / plain scan at 4× (for information)', median(slow.report) / median(slow.scan), '×'),
      contextRow(`period report draft's data over ${LOGS.toLocaleString('en')} logs: median (issue: < 500 ms)`, median(fast.report), 'ms'),
      ...docx,
    ];
  });
}
