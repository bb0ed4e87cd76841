// /reports: the activity dashboard of the commune for a chosen period (leaders, reviewers).
import { Suspense, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import type { SessionUser } from '../../../data/session-repository';
import { can } from '../../../../shared/permissions';
import { usePeriod } from '../hooks/use-period';
import { useActivity } from '../hooks/use-report-data';
import { useReportLabels } from '../../../hooks/use-report-labels';
import { ActivityCharts, KeyFigures } from './activity-figures';
import { ExportPanel } from './export-panel';
import { PeriodPicker } from './period-picker';
import { ReportsNav } from './reports-nav';
import { TargetsCard } from './targets-card';

export function ActivityScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('reports');
  const [period, choose] = usePeriod();
  const activity = useActivity(period.range);
  const labels = useReportLabels(activity?.status === 'ready' ? activity.value.names : undefined);
  return (
    <Screen title={t('title')}>
      <ReportsNav query={period.query} periodReport={can(user.role, 'periodReport.write')} />
      <PeriodPicker period={period} onChange={choose} />
      {activity === null ? null : activity.status === 'loading' ? (
        <p role="status">{t('loading')}</p>
      ) : activity.status === 'failed' ? (
        <p className="notice" role="alert">{t('loadError')}</p>
      ) : (
        <div data-testid="activity-report" data-range={`${activity.value.report.range.start}/${activity.value.report.range.end}`}>
          <KeyFigures report={activity.value.report} labels={labels} />
          {user.communeId && period.preset === 'period' && (
            // The card's words are the period report's, loaded on first use: only the card waits for them.
            <Suspense fallback={null}>
              <TargetsCard communeId={user.communeId} report={activity.value.report} />
            </Suspense>
          )}
          {period.range && can(user.role, 'reports.export') && <ExportPanel user={user} range={period.range} query={period.query} />}
          <ActivityCharts report={activity.value.report} labels={labels} />
        </div>
      )}
    </Screen>
  );
}
