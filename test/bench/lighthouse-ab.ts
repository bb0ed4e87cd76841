// Two builds audited by Lighthouse in turns at one fixed CPU slowdown (docs/benchmarks.md
// "Lighthouse on a first visit"): on the shared machine the benchmark index, and with it the
// bench's calibrated slowdown, moves from minute to minute, so comparing two runs of
// `npm run bench` compares minutes. Here both builds are served side by side (a server each), the
// slowdown is fixed, and each round audits every screen once per build, the order of the builds
// swapped every round, so that a busy minute falls on both:
//   node --import tsx test/bench/lighthouse-ab.ts <dist A> <dist B> [rounds, 3]
//   LIGHTHOUSE_SLOWDOWN=9.5 (the calculator's figure for this VM when quiet), LIGHTHOUSE_SCREENS=/,/sign-in,
//   LIGHTHOUSE_DETAIL=1 / LIGHTHOUSE_KEEP=<dir> as for the bench (lighthouse.bench.ts).
// A dist inside a checkout (<checkout>/dist) is served by that checkout's server: the CSP allows
// the inline shell CSS by its hash, computed from the server's own styles.css, so a build whose
// CSS differs from this checkout's would be served with its styles blocked.
// Each audit's line carries the load average and the benchmark index Lighthouse measured: an
// audit at a quieter or busier minute emulated a faster or slower phone than the slowdown says.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { audit, type Audit } from './lighthouse.bench';
import { median } from './measurement';
import { startServerProcess, type RunningServer } from '../e2e/support/server';

const [distA, distB] = process.argv.slice(2, 4).map((dir) => path.resolve(dir));
const rounds = Number(process.argv[4] ?? 3);
const slowdown = Number(process.env.LIGHTHOUSE_SLOWDOWN ?? 9.5);
const screens = (process.env.LIGHTHOUSE_SCREENS ?? '/,/sign-in').split(',');
if (!distA || !distB) throw new Error('usage: lighthouse-ab.ts <dist A> <dist B> [rounds]');

const builds: { name: string; dist: string; server?: RunningServer }[] = [
  { name: 'A', dist: distA },
  { name: 'B', dist: distB },
];
/** The server of the checkout the dist was built in, else this checkout's. */
function serverOf(dist: string): string {
  const own = path.join(path.dirname(dist), 'src/server/main.ts');
  return existsSync(own) ? own : 'src/server/main.ts';
}
const results = new Map<string, Audit[]>();
const line = (a: Audit) => `performance ${a.performance}, TBT ${a.tbtMs.toFixed(0)} ms, LCP ${a.lcpMs.toFixed(0)} ms, FCP ${a.fcpMs.toFixed(0)} ms, CLS ${a.cls.toFixed(3)}, benchmark index ${a.benchmarkIndex.toFixed(0)}`;

try {
  for (const build of builds) build.server = await startServerProcess({ LOG_LEVEL: 'warn', DIST_DIR: build.dist }, { script: () => [serverOf(build.dist)] });
  process.stdout.write(`A ${distA}\nB ${distB}\nCPU slowdown ${slowdown}×, ${rounds} rounds, screens ${screens.join(' ')}\n`);
  // One audit of each server first, not counted: the server's first answers and the disk cache.
  for (const build of builds) await audit(`${build.server!.url}/`, slowdown, `warm-${build.name}`);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? builds : [...builds].reverse();
    for (const screen of screens) {
      for (const build of order) {
        const load = loadavg()[0]!;
        const result = await audit(`${build.server!.url}${screen}`, slowdown, `${build.name}${screen}`);
        const key = `${build.name} ${screen}`;
        results.set(key, [...(results.get(key) ?? []), result]);
        process.stdout.write(`round ${round + 1} ${key}: ${line(result)} (load ${load.toFixed(1)} → ${loadavg()[0]!.toFixed(1)})\n`);
      }
    }
  }
  for (const [key, audits] of results) {
    const mid = (pick: (a: Audit) => number) => median(audits.map(pick)).toFixed(pick === perf ? 2 : 0);
    process.stdout.write(`${key} (median of ${audits.length}): performance ${mid(perf)} (${audits.map(perf).join(', ')}), TBT ${mid((a) => a.tbtMs)} ms (${audits.map((a) => a.tbtMs.toFixed(0)).join(', ')}), LCP ${mid((a) => a.lcpMs)} ms (${audits.map((a) => a.lcpMs.toFixed(0)).join(', ')}), FCP ${mid((a) => a.fcpMs)} ms\n`);
  }
} finally {
  for (const build of builds) await build.server?.stop();
}

function perf(a: Audit): number {
  return a.performance;
}
