// The communes' hand-entered indicator values of one reporting period, for the province's views
// (docs/reports.md "Indicators against targets"), read in SQL by the store
// (storage/*/indicator-values.ts): only the period's rows of the province's communes. The computed
// indicators need no query: the compiled view computes them from each commune's submitted figures
// with the same shared function (reports/targets.ts).
import type { ProvinceIndicatorValues } from '../../shared/reports/targets';
import type { LocalDateRange } from '../../shared/text/dates';
import type { SyncStore } from '../storage/types';

/** Each commune's values, by commune then indicator id. */
export async function indicatorValuesByCommune(store: SyncStore, provinceId: string, period: LocalDateRange): Promise<Map<string, Map<string, number | null>>> {
  const rows = await store.indicatorValues.periodValues({ provinceId, periodStart: period.start, periodEnd: period.end });
  const byCommune = new Map<string, Map<string, number | null>>();
  for (const row of rows) {
    const values = byCommune.get(row.communeId) ?? new Map<string, number | null>();
    values.set(row.indicatorId, row.value);
    byCommune.set(row.communeId, values);
  }
  return byCommune;
}

/** GET /api/reports/indicator-values: the communes that entered any value for the period. */
export async function provinceIndicatorValues(store: SyncStore, provinceId: string, period: LocalDateRange): Promise<ProvinceIndicatorValues> {
  const byCommune = await indicatorValuesByCommune(store, provinceId, period);
  return { communes: [...byCommune].map(([communeId, values]) => ({ communeId, values: [...values].map(([indicatorId, value]) => ({ indicatorId, value })) })) };
}
