// Profiles erasing one citizen on SQLite (privacy.bench.ts "erasure"), the erasure phase alone:
// seeds the bench's 100,000 logs once with 2 × CITIZENS measured citizens, then erases them
// through eraseCitizen and through the bench's raw SQL, taking turns in blocks of BLOCK, and
// prints the CPU (process.cpuUsage: user + system, so an fsync's kernel time counts) and the wall
// time per erasure of each side, after the first BENCH_RUNS of each one by one as the bench takes
// them (its figure is of code V8 has not optimized yet). The WAL is checkpointed between blocks, outside the measurement,
// so no block pays for SQLite's automatic checkpoint. With PROFILE=cold (the first BENCH_RUNS) or
// PROFILE=warm (the blocks) the app's erasures also run under V8's sampling profiler
// (node:inspector), and the functions that took their time are listed.
//   [PROFILE=cold|warm] [taskset -c 0] node --import tsx test/bench/profile-erasure.ts [citizens per side]
import { Session } from 'node:inspector/promises';
import { summarize, type Profile } from './cpu-profile';
import { median } from './measurement';
import { LOGS_PER_CITIZEN, eraseThroughApp, sqliteTarget } from './privacy.bench';

const CITIZENS = Number(process.argv[2] ?? 400);
const BLOCK = 20;
/** The bench's RUNS: its erasures are the first of a fresh process. */
const BENCH_RUNS = 7;
const PROFILE = process.env.PROFILE;

const target = await sqliteTarget(2 * CITIZENS);
// With --expose-gc: the seeding's garbage collected before the erasures (is it what they pay for?).
(globalThis as { gc?: () => void }).gc?.();
const profiles: Profile[] = [];
const session = new Session();
if (PROFILE) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
}

/** CPU and wall time, in µs per erasure, of `count` erasures by `erase` from citizen `first` on. */
async function measure(erase: (citizen: number) => Promise<number>, first: number, count: number, profiled = false): Promise<{ cpu: number; wall: number }> {
  if (profiled) await session.post('Profiler.start');
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let citizen = first; citizen < first + count; citizen++) {
    const changed = await erase(citizen);
    if (changed !== LOGS_PER_CITIZEN) throw new Error(`the erasure changed ${changed} logs, not ${LOGS_PER_CITIZEN}`);
  }
  const wall = ((performance.now() - started) * 1000) / count;
  const used = process.cpuUsage(cpu);
  if (profiled) profiles.push((await session.post('Profiler.stop')).profile as unknown as Profile);
  return { cpu: (used.user + used.system) / count, wall };
}

/** The profiled erasures' profiles as one (node ids moved past the previous ones'), for summarize. */
function merged(): Profile {
  const all: Profile = { nodes: [], samples: [], timeDeltas: [], startTime: 0, endTime: 0 };
  let offset = 0;
  for (const profile of profiles) {
    for (const node of profile.nodes) all.nodes.push({ ...node, id: node.id + offset, children: node.children?.map((child) => child + offset) });
    all.samples.push(...profile.samples.map((id) => id + offset));
    all.timeDeltas.push(...profile.timeDeltas);
    offset += Math.max(...profile.nodes.map((node) => node.id));
  }
  return all;
}

const app: { cpu: number; wall: number }[] = [];
const raw: { cpu: number; wall: number }[] = [];
/** The first BENCH_RUNS of each side one by one, taking turns as the bench does (its code still cold). */
const cold: { app: { cpu: number; wall: number }[]; raw: { cpu: number; wall: number }[] } = { app: [], raw: [] };
try {
  for (let citizen = 0; citizen < BENCH_RUNS; citizen++) {
    cold.app.push(await measure((c) => eraseThroughApp(target, c), citizen, 1, PROFILE === 'cold'));
    cold.raw.push(await measure(target.raw, CITIZENS + citizen, 1));
  }
  for (let first = BENCH_RUNS; first < CITIZENS; first += BLOCK) {
    const count = Math.min(BLOCK, CITIZENS - first);
    target.checkpoint?.();
    // App and raw take turns leading, so neither always follows a checkpoint.
    const appFirst = Math.floor(first / BLOCK) % 2 === 0;
    if (!appFirst) raw.push(await measure(target.raw, CITIZENS + first, count));
    app.push(await measure((citizen) => eraseThroughApp(target, citizen), first, count, PROFILE === 'warm'));
    if (appFirst) raw.push(await measure(target.raw, CITIZENS + first, count));
  }
} finally {
  if (PROFILE) session.disconnect();
  await target.close();
}

const line = (name: string, runs: { cpu: number; wall: number }[]) =>
  `${name}: CPU median ${median(runs.map((run) => run.cpu)).toFixed(0)} µs (${runs.map((run) => run.cpu.toFixed(0)).join(', ')}), wall median ${median(runs.map((run) => run.wall)).toFixed(0)} µs`;
const ratio = (key: 'cpu' | 'wall', a: { cpu: number; wall: number }[], b: { cpu: number; wall: number }[]) => (median(a.map((r) => r[key])) / median(b.map((r) => r[key]))).toFixed(2);
process.stdout.write(`the first ${BENCH_RUNS} one by one (as the bench)\n${line('eraseCitizen', cold.app)}\n${line('raw SQL', cold.raw)}\n`);
process.stdout.write(`ratio of medians: CPU ${ratio('cpu', cold.app, cold.raw)} ×, wall ${ratio('wall', cold.app, cold.raw)} ×\n`);
process.stdout.write(`then ${CITIZENS - BENCH_RUNS} erasures a side in blocks of ${BLOCK}\n${line('eraseCitizen', app)}\n${line('raw SQL', raw)}\n`);
process.stdout.write(`ratio of medians: CPU ${ratio('cpu', app, raw)} ×, wall ${ratio('wall', app, raw)} ×\n`);
if (PROFILE) summarize(merged());
