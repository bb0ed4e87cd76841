// The machine's calibration figures, printed at the head of every `npm run bench` run: on a
// shared VM they explain why the absolute figures of a run differ from another's, while the
// ratio budgets (measurement.ts) should not.
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { context, median, type Measurement } from './measurement';

/** JSON and Vietnamese sorting, the app's two CPU-heavy kinds of work, on a fixed input. */
function cpuWorkMs(): number {
  const rows = Array.from({ length: 5_000 }, (_, i) => ({ id: `0197c1a2-0000-7000-8000-${String(i).padStart(12, '0')}`, name: `Nguyễn Thị Hoa ${i % 97}`, note: 'Hướng dẫn bà con cài đặt ứng dụng VNeID trên điện thoại.', at: new Date(1_700_000_000_000 + i * 60_000).toISOString() }));
  const collator = new Intl.Collator('vi');
  const started = performance.now();
  const copy = JSON.parse(JSON.stringify(rows)) as typeof rows;
  copy.sort((a, b) => collator.compare(a.name, b.name));
  return performance.now() - started;
}

/** One 4 KB write made durable (fsync), as SQLite and IndexedDB commits are. */
function fsyncMs(dir: string): number {
  const fd = openSync(path.join(dir, 'probe'), 'w');
  try {
    const block = Buffer.alloc(4096, 7);
    const started = performance.now();
    writeSync(fd, block, 0, block.length, 0);
    fsyncSync(fd);
    return performance.now() - started;
  } finally {
    closeSync(fd);
  }
}

export function machineCalibration(): Measurement[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'so-tay-so-calibration-'));
  try {
    cpuWorkMs(); // warm-up
    const cpu = median(Array.from({ length: 7 }, cpuWorkMs));
    const disk = median(Array.from({ length: 30 }, () => fsyncMs(dir)));
    const [load] = loadavg();
    process.stdout.write(`  calibration: CPU work ${cpu.toFixed(1)} ms, fsync ${disk.toFixed(2)} ms, load ${(load ?? 0).toFixed(2)} on ${cpus().length} cores\n`);
    return [
      context('calibration: CPU work in Node (JSON round trip and Vietnamese sort of 5,000 rows)', cpu, 'ms'),
      context('calibration: a 4 KB write and fsync on the temp disk', disk, 'ms'),
      context(`calibration: load average (1 min) at the start, ${cpus().length} cores`, load ?? 0, ''),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
