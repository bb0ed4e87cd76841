// One budget figure, as printed in the table and written to BENCH_OUT.
export interface Measurement {
  name: string;
  value: number;
  unit: string;
  budget: number;
  ok: boolean;
}

/** A budget that `value` must not exceed. */
export function atMost(name: string, value: number, unit: string, budget: number): Measurement {
  return { name, value: Math.round(value * 100) / 100, unit, budget, ok: value <= budget };
}

/** A budget that `value` must reach (e.g. throughput). */
export function atLeast(name: string, value: number, unit: string, budget: number): Measurement {
  return { name, value: Math.round(value * 100) / 100, unit, budget, ok: value >= budget };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
