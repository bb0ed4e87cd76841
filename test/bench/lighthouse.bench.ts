// First visit (issue 18): Lighthouse's mobile audit (simulated slow 4G, a Moto G sized screen, a
// calibrated CPU slowdown) of the production build served by the real server, in Debian's headless
// Chromium, on a fresh profile each time (a first visit: no service worker, no cache).
// Budgets on the home and the sign-in screens: performance ≥ 0.95, accessibility 1, best
// practices ≥ 0.95, cumulative layout shift < 0.05, first contentful paint ≤ 1.2 s.
// Calibrated CPU (docs/benchmarks.md "Lighthouse's CPU"): Lighthouse's default 4× slowdown is
// calibrated for a desktop of benchmark index ≈ 1,500 (its docs/throttling.md, "CPU throttling"),
// which then emulates the mid-tier phone its mobile profile stands for. On other machines its docs
// send you to the Lighthouse team's CPU-throttling calculator; the bench applies the calculator's
// rule to this machine's benchmark index (measured by Lighthouse in the run before): the same
// phone on any machine. The index is measured at the start of each audit and sets the next one's
// slowdown; an audit whose slowdown does not fit its own index (the machine's speed moved so that
// the rule would have given more than 1.3× more or less) is run again.
// What the simulation counted in each audit (docs/benchmarks.md "Reading an audit"): LIGHTHOUSE_DETAIL=1
// prints it (lantern-detail.ts); LIGHTHOUSE_KEEP=<dir> also keeps each audit's report, trace and
// simulations there.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { throttling } from 'lighthouse/core/config/constants.js';
import { atLeast, atMost, context, median, type Measurement } from './measurement';
import { keepAudit, lanternSummary } from './lantern-detail';
import { CHROMIUM_PATH } from '../e2e/support/browser';
import { startAppServer } from '../e2e/support/server';

/**
 * Lighthouse runs per screen; the median score is the one budgeted. Five, as Lighthouse's own
 * guidance on variability advises (its docs/variability.md: the median of five halves the spread
 * of one run's): on this VM one audit of the same build scores from 0.78 to 1 (docs/benchmarks.md
 * "Five audits per screen"), and the median of three moved by 0.03 between two quiet runs of one build.
 */
const RUNS = 5;
/** At most this many audits per screen, counting those run again. */
const MAX_ATTEMPTS = 9;
/** How far (as a factor) an audit's slowdown may be from the one its own benchmark index calls for and still count. */
const CALIBRATION_TOLERANCE = 1.3;
/** The calculator's rule, printed with the figures. */
const SLOWDOWN_RULE = 'index ≥ 1300: 3 + (index − 1300)/233; 800–1300: 2 + (index − 800)/500; 150–800: 1 + (index − 150)/650; never below 1';
const SCREENS = [
  { name: 'home', path: '/' },
  { name: 'sign-in', path: '/sign-in' },
] as const;

export interface Audit {
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  benchmarkIndex: number;
  cpuSlowdown: number;
}

const DETAIL = process.env.LIGHTHOUSE_DETAIL === '1';
const KEEP = process.env.LIGHTHOUSE_KEEP;
let auditCount = 0;

/** One audit of a first visit of `url` (a fresh profile) at this CPU slowdown; `name` labels what LIGHTHOUSE_DETAIL/KEEP show. */
export async function audit(url: string, cpuSlowdown: number, name = new URL(url).pathname): Promise<Audit> {
  const profile = mkdtempSync(path.join(tmpdir(), 'so-tay-so-lighthouse-'));
  const chrome = await launch({ chromePath: CHROMIUM_PATH, userDataDir: profile, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      throttling: { ...throttling.mobileSlow4G, cpuSlowdownMultiplier: cpuSlowdown },
    });
    if (!result) throw new Error(`lighthouse gave no result for ${url}`);
    const label = `${String(++auditCount).padStart(2, '0')}-${name.replace(/\W+/g, '-')}`;
    if (DETAIL || KEEP) process.stdout.write(`    ${label} at ${cpuSlowdown}× (load ${loadavg()[0]!.toFixed(1)}): performance ${result.lhr.categories.performance?.score}\n      ${lanternSummary(result).replace(/\n/g, '\n      ')}\n`);
    if (KEEP) keepAudit(result, KEEP, label);
    const { categories, audits, environment } = result.lhr;
    const score = (id: string) => categories[id]?.score ?? Number.NaN;
    const value = (id: string) => audits[id]?.numericValue ?? Number.NaN;
    const failed = Object.values(audits).filter((item) => item.score !== null && item.score < 1 && ['accessibility', 'best-practices'].some((category) => categories[category]?.auditRefs.some((ref) => ref.id === item.id && ref.weight > 0)));
    if (failed.length > 0) process.stdout.write(`    ${url}: below 1 — ${failed.map((item) => item.id).join(', ')}\n`);
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      fcpMs: value('first-contentful-paint'),
      lcpMs: value('largest-contentful-paint'),
      tbtMs: value('total-blocking-time'),
      cls: value('cumulative-layout-shift'),
      benchmarkIndex: environment.benchmarkIndex,
      cpuSlowdown,
    };
  } finally {
    chrome.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The CPU slowdown for a machine of this benchmark index: the Lighthouse team's CPU-throttling
 * calculator (lighthouse-cpu-throttling-calculator), piecewise linear through 4× at 1,533 (the
 * desktop Lighthouse's default assumes), 3× at 1,300, 2× at 800 and 1× at 150; rounded to 0.1.
 */
export function slowdownFor(benchmarkIndex: number): number {
  const multiplier = benchmarkIndex >= 1300 ? 3 + (benchmarkIndex - 1300) / 233 : benchmarkIndex >= 800 ? 2 + (benchmarkIndex - 800) / 500 : 1 + (benchmarkIndex - 150) / 650;
  return Math.max(1, Math.round(10 * multiplier) / 10);
}

export async function runLighthouseBench(): Promise<Measurement[]> {
  const server = await startAppServer();
  const results: Measurement[] = [];
  process.stdout.write(`  CPU slowdown from this machine's benchmark index (Lighthouse's CPU-throttling calculator): ${SLOWDOWN_RULE}\n`);
  try {
    // A first audit measures the machine (and warms the server); each audit then sets the next one's slowdown.
    let cpuSlowdown = slowdownFor((await audit(`${server.url}/`, 4)).benchmarkIndex);
    for (const screen of SCREENS) {
      const runs: Audit[] = [];
      const discarded: Audit[] = [];
      for (let attempt = 0; runs.length < RUNS && attempt < MAX_ATTEMPTS; attempt++) {
        const result = await audit(`${server.url}${screen.path}`, cpuSlowdown);
        // The slowdown was set from the run before; on a shared machine whose speed moves from
        // minute to minute it may not fit this run's own measure of the machine. A run whose
        // slowdown is more than CALIBRATION_TOLERANCE away from the one its own index calls for
        // emulated a faster or slower phone: it measured the machine's minute, not the app, and is
        // shown and run again. A run with no score (Lighthouse gave up on the page, e.g. no paint
        // in its time limit on a loaded machine) is run again too.
        const fits = Number.isFinite(result.performance) && Math.abs(Math.log(result.cpuSlowdown / slowdownFor(result.benchmarkIndex))) <= Math.log(CALIBRATION_TOLERANCE);
        (fits ? runs : discarded).push(result);
        cpuSlowdown = slowdownFor(result.benchmarkIndex);
      }
      if (discarded.length > 0) {
        process.stdout.write(`  ${screen.name}: ${discarded.length} run(s) run again: no score, or the machine's speed had moved (performance ${discarded.map((a) => a.performance).join(', ')}; benchmark index ${discarded.map((a) => `${a.benchmarkIndex.toFixed(0)} at ${a.cpuSlowdown}×`).join(', ')})\n`);
      }
      // Never an empty median: if the machine never held still, the last runs count as they are.
      const scored = discarded.filter((a) => Number.isFinite(a.performance));
      while (runs.length < RUNS && scored.length > 0) runs.push(scored.pop()!);
      const mid = (pick: (a: Audit) => number) => median(runs.map(pick));
      process.stdout.write(
        `  ${screen.name}: performance ${runs.map((a) => a.performance).join(', ')}; FCP ${runs.map((a) => a.fcpMs.toFixed(0)).join(', ')} ms; LCP ${runs.map((a) => a.lcpMs.toFixed(0)).join(', ')} ms; TBT ${runs.map((a) => a.tbtMs.toFixed(0)).join(', ')} ms; CLS ${runs.map((a) => a.cls.toFixed(3)).join(', ')}; benchmark index ${runs.map((a) => a.benchmarkIndex.toFixed(0)).join(', ')} → CPU slowdown ${runs.map((a) => a.cpuSlowdown).join(', ')}×\n`,
      );
      const label = `Lighthouse mobile, ${screen.name} (median of ${RUNS})`;
      results.push(
        atLeast(`${label}: performance`, mid((a) => a.performance), 'score', 0.95),
        atLeast(`${label}: accessibility`, mid((a) => a.accessibility), 'score', 1),
        atLeast(`${label}: best practices`, mid((a) => a.bestPractices), 'score', 0.95),
        atMost(`${label}: cumulative layout shift`, mid((a) => a.cls), '', 0.0499),
        atMost(`${label}: first contentful paint (simulated)`, mid((a) => a.fcpMs) / 1000, 's', 1.2),
        context(`${label}: largest contentful paint (simulated)`, mid((a) => a.lcpMs) / 1000, 's'),
        context(`${label}: total blocking time (simulated)`, mid((a) => a.tbtMs), 'ms'),
        context(`${label}: this machine's benchmark index (Lighthouse's calibration)`, mid((a) => a.benchmarkIndex), ''),
        context(`${label}: CPU slowdown applied (Lighthouse's calculator on the benchmark index)`, mid((a) => a.cpuSlowdown), '×'),
      );
    }
  } finally {
    await server.stop();
  }
  return results;
}
