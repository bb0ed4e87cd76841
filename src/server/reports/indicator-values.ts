// The communes' hand-entered indicator values of one reporting period, for the province's view
// (docs/reports.md "Indicators against targets"). The computed indicators need no query: the
// province view computes them from each commune's submitted figures with the same shared function
// (reports/targets.ts). A commune's values are its synced `indicatorValues` records; a few dozen
// per commune and period, read per commune (the records' own scope index).
import type { ProvinceIndicatorValues } from '../../shared/reports/targets';
import type { LocalDateRange } from '../../shared/text/dates';
import type { SyncStore } from '../storage/types';

export async function provinceIndicatorValues(store: SyncStore, provinceId: string, period: LocalDateRange): Promise<ProvinceIndicatorValues> {
  const communes = await store.reports.provinceCommunes(provinceId);
  const answers = await Promise.all(
    communes.map(async (commune) => {
      const rows = await store.records.listRecords({ scope: commune.id, tables: ['indicatorValues'] });
      const values = rows
        .map((row) => row.record)
        .filter((record) => record.deleted !== true && record.periodStart === period.start && record.periodEnd === period.end)
        .map((record) => ({ indicatorId: String(record.indicatorId), value: typeof record.value === 'number' ? record.value : null }));
      return { communeId: commune.id, values };
    }),
  );
  return { communes: answers.filter((answer) => answer.values.length > 0) };
}
