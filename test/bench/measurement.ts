// One budget figure, as printed in the table and written to BENCH_OUT.
// Budgets on time are RATIOS against a baseline measured in the same run, on the same machine, at
// the same minute (docs/benchmarks.md): on a shared 2-core VM every CPU-bound figure moves by the
// same factor from one minute to the next, and a ratio only moves when the code does. The absolute
// figures stay in the table as context.
export interface Measurement {
  name: string;
  value: number;
  unit: string;
  budget: number;
  ok: boolean;
  /** For a ratio: the two absolute figures it divides, printed beside it. */
  context?: string;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** A budget that `value` must not exceed. */
export function atMost(name: string, value: number, unit: string, budget: number): Measurement {
  return { name, value: round2(value), unit, budget, ok: value <= budget };
}

/** A budget that `value` must reach (e.g. throughput). */
export function atLeast(name: string, value: number, unit: string, budget: number): Measurement {
  return { name, value: round2(value), unit, budget, ok: value >= budget };
}

/** `measured / baseline` must not exceed `budget` (both in `unit`, e.g. ms). */
export function ratioAtMost(name: string, measured: number, baseline: number, unit: string, budget: number): Measurement {
  const ratio = measured / baseline;
  return { name, value: round2(ratio), unit: '×', budget, ok: Number.isFinite(ratio) && ratio <= budget, context: `${fmt(measured)} / ${fmt(baseline)} ${unit}` };
}

/** `measured / baseline` must reach `budget` (throughput against a baseline's throughput). */
export function ratioAtLeast(name: string, measured: number, baseline: number, unit: string, budget: number): Measurement {
  const ratio = measured / baseline;
  return { name, value: round2(ratio), unit: '×', budget, ok: Number.isFinite(ratio) && ratio >= budget, context: `${fmt(measured)} / ${fmt(baseline)} ${unit}` };
}

/** A figure printed for context (absolute times, calibration): never a budget. */
export function context(name: string, value: number, unit: string): Measurement {
  return { name: `${name} [context]`, value: round2(value), unit, budget: 0, ok: true };
}

const fmt = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2));

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
