// "Chỉ tiêu của tỉnh" in the period report's editor (docs/reports.md "Indicators against
// targets"): each active indicator of the period with the commune's value against its target —
// computed ones from the period's figures, hand-entered ones typed in here by a leader and saved
// on the phone (offline; they sync to the other leaders and the province).
import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { TargetList } from '../../../components/ui/target-list';
import { setIndicatorValue } from '../../../data/indicator-repository';
import type { PeriodReportItem } from '../../../data/period-report-repository';
import { usePeriodTargets } from '../../../hooks/use-period-targets';
import type { PeriodResults } from '../../../../shared/schemas/period-report';

export function TargetsSection({ report, results }: { report: PeriodReportItem; results: PeriodResults }): ReactElement {
  const { t } = useTranslation('periodReport');
  const id = useId();
  const range = { start: report.periodStart, end: report.periodEnd };
  const rows = usePeriodTargets(report.communeId, range, results);
  return (
    <section className="card" aria-labelledby={id} data-testid="period-targets">
      <h2 id={id}>{t('targets.title')}</h2>
      {rows.status === 'ready' ? (
        <TargetList rows={rows.value} onEnter={(indicatorId, value) => setIndicatorValue(indicatorId, range, value)} />
      ) : (
        <p role={rows.status === 'failed' ? 'alert' : 'status'}>{t(rows.status === 'failed' ? 'loadError' : 'loading')}</p>
      )}
    </section>
  );
}
