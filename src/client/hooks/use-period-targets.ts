// The province's indicators of a period against the commune's targets (docs/reports.md
// "Indicators against targets"), as the period report and the dashboard show them: the settings
// this phone pulled and the commune's hand-entered values, read live (a value entered on another
// leader's phone shows after sync), judged by the shared targetRows with the period's figures.
import { useMemo } from 'react';
import { loadIndicatorValues, loadReportSettings } from '../data/indicator-repository';
import { targetRows, type TargetRow } from '../../shared/reports/targets';
import type { IndicatorInputs } from '../../shared/reports/indicators';
import type { LocalDateRange } from '../../shared/text/dates';
import { useLoaded, type Loaded } from './use-loaded';

/** `results` null: the figures are not read yet (computed indicators show no value meanwhile). */
export function usePeriodTargets(communeId: string, range: LocalDateRange, results: IndicatorInputs | null): Loaded<TargetRow[]> {
  const loaded = useLoaded('indicator targets query', async () => ({ settings: await loadReportSettings(), values: await loadIndicatorValues(range) }), [range.start, range.end]);
  return useMemo(
    () => (loaded.status === 'ready' ? { status: 'ready', value: targetRows(loaded.value.settings, communeId, range, results, loaded.value.values) } : loaded),
    [loaded, communeId, range, results],
  );
}
