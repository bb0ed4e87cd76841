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

/**
 * A ratio measured in alternating windows (A B A B …, each side warmed): the median of the
 * per-window ratios, so that a minute in which the machine slowed down moves one window pair, not
 * the figure. The context gives the median absolute figures, the number of windows and the
 * spread (lowest–highest per-window ratio); `note` is added to it.
 */
export function windowRatio(name: string, measured: number[], baseline: number[], unit: string, budget: number, direction: 'atLeast' | 'atMost', note = ''): Measurement {
  const ratios = measured.map((value, i) => value / baseline[i]!).filter(Number.isFinite);
  const ratio = ratios.length > 0 ? median(ratios) : Number.NaN;
  const ok = Number.isFinite(ratio) && (direction === 'atLeast' ? ratio >= budget : ratio <= budget);
  const spread = ratios.length > 0 ? `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}` : 'none';
  return {
    name: `${name} (median of ${ratios.length} alternating windows)`,
    value: round2(ratio),
    unit: '×',
    budget,
    ok,
    context: `${fmt(median(measured))} / ${fmt(median(baseline))} ${unit}, windows ${spread} ×${note}`,
  };
}
