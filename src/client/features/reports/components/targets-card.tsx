// The dashboard's card of the province's indicators for the current reporting period (docs/reports.md
// "Indicators against targets"): each with the commune's value against its target and Đạt / Chưa
// đạt / Chưa có số liệu, computed ones from the dashboard's own figures of the period (the card
// shows while the dashboard shows the current period); hand-entered ones are typed in the period
// report. Nothing shows while the province has set none.
import { useId, useMemo, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { TargetList } from '../../../components/ui/target-list';
import { usePeriodTargets } from '../../../hooks/use-period-targets';
import type { ActivityReport } from '../../../../shared/reports/activity';
import { indicatorInputsOf } from '../../../../shared/reports/period-results';
import { formatDate } from '../../../../shared/text/dates';

export function TargetsCard({ communeId, report }: { communeId: string; report: ActivityReport }): ReactElement | null {
  const { t } = useTranslation('periodReport');
  const id = useId();
  const inputs = useMemo(() => indicatorInputsOf(report), [report]);
  const rows = usePeriodTargets(communeId, report.range, inputs);
  if (rows.status !== 'ready' || rows.value.length === 0) return null;
  return (
    <section className="card" aria-labelledby={id} data-testid="targets-card">
      <h2 id={id}>{t('targets.card', { start: formatDate(report.range.start), end: formatDate(report.range.end) })}</h2>
      <TargetList rows={rows.value} />
    </section>
  );
}
