// The province's indicators against their targets for one commune and reporting period
// (docs/reports.md "Indicators against targets"): which indicators the period shows (active, and
// the period ends within the indicator's plan period), the commune's target (its own, or the one
// for every commune), the value (computed from the period's results by indicators.ts, or the
// leaders' hand-entered value) and whether it is met ("đạt": the value reaches the target). One
// pure function, so the phone's draft, the printed report and the province's view agree.
import { z } from 'zod';
import { INDICATOR_SOURCES, type IndicatorDefinition, type IndicatorSource } from '../schemas/report-settings';
import type { LocalDateRange } from '../text/dates';
import { DEFAULT_DUE_DAYS_AFTER_END } from './report-period';
import { indicatorsOf, type IndicatorInputs } from './indicators';

export interface TargetRow {
  id: string;
  name: string;
  unit: string;
  source: IndicatorSource;
  target: number;
  /** null: not known (nothing entered, or the records cannot say). */
  value: number | null;
  /** For a computed share: how many dossiers it is a share of. */
  of?: number | undefined;
  /** null when the value is not known: neither "đạt" nor "chưa đạt". */
  met: boolean | null;
}

/** A row as the province's compiled view sends it (GET /api/reports/compiled, each commune's `indicators`). */
export const targetRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  source: z.enum(INDICATOR_SOURCES),
  target: z.number(),
  value: z.number().nullable(),
  of: z.number().int().min(0).optional(),
  met: z.boolean().nullable(),
});

/** What the province's settings record holds, as far as reports need it. */
export interface TargetSettings {
  dueDaysAfterEnd?: number | undefined;
  indicators: readonly IndicatorDefinition[];
}

/** The province's due days, or the default rule when it has set none. */
export function dueDaysOf(settings: Pick<TargetSettings, 'dueDaysAfterEnd'> | null | undefined): number {
  return settings?.dueDaysAfterEnd ?? DEFAULT_DUE_DAYS_AFTER_END;
}

/** The indicators a report of `period` shows: active ones whose plan period holds the period's end. */
export function indicatorsFor(settings: TargetSettings | null | undefined, period: LocalDateRange): IndicatorDefinition[] {
  return (settings?.indicators ?? []).filter((indicator) => indicator.active && indicator.from <= period.end && period.end <= indicator.to);
}

/** The commune's own target, or the target for every commune. */
export function targetFor(indicator: Pick<IndicatorDefinition, 'target' | 'communeTargets'>, communeId: string): number {
  return indicator.communeTargets.find((t) => t.communeId === communeId)?.target ?? indicator.target;
}

/**
 * The rows of a commune's period: `results` are the period's figures (null when there are none,
 * e.g. a commune that sent nothing; the dashboard passes only the parts indicators.ts reads),
 * `manual` the leaders' values by indicator id.
 */
export function targetRows(
  settings: TargetSettings | null | undefined,
  communeId: string,
  period: LocalDateRange,
  results: IndicatorInputs | null,
  manual: ReadonlyMap<string, number | null>,
): TargetRow[] {
  const computed = results ? new Map(indicatorsOf(results).map((row) => [row.key as string, row])) : new Map<string, ReturnType<typeof indicatorsOf>[number]>();
  return indicatorsFor(settings, period).map((indicator) => {
    const target = targetFor(indicator, communeId);
    const figure = indicator.source === 'manual' ? undefined : computed.get(indicator.source);
    const value = indicator.source === 'manual' ? (manual.get(indicator.id) ?? null) : (figure?.value ?? null);
    return {
      id: indicator.id,
      name: indicator.name,
      unit: indicator.unit,
      source: indicator.source,
      target,
      value,
      ...(figure?.of !== undefined ? { of: figure.of } : {}),
      met: value === null ? null : value >= target,
    };
  });
}

/** GET /api/reports/indicator-values: each commune's hand-entered values for one period (the province view). */
export const provinceIndicatorValuesSchema = z.object({
  communes: z.array(z.object({ communeId: z.string(), values: z.array(z.object({ indicatorId: z.string(), value: z.number().nullable() })) })),
});
export type ProvinceIndicatorValues = z.infer<typeof provinceIndicatorValuesSchema>;

/** A figure with its unit as the screens and the document print it: "82,5%", "1.250 người". */
export function amountText(amount: number, unit: string): string {
  const figure = amount.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
  return unit === '%' ? `${figure}%` : `${figure} ${unit}`;
}

/** How a row reads: met, not met, or not known (never "not met" for a value nobody has). */
export const targetStatus = (row: Pick<TargetRow, 'met'>): 'met' | 'notMet' | 'unknown' => (row.met === null ? 'unknown' : row.met ? 'met' : 'notMet');
