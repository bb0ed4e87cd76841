// /reports/readiness: every checklist of the commune with its progress, newest changes first.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { usePeriod } from '../hooks/use-period';
import { useReadiness } from '../hooks/use-report-data';
import { ReadinessCards, ReadinessSummary } from './readiness-list';
import { ReportsNav } from './reports-nav';

export function ReadinessScreen(): ReactElement {
  const { t } = useTranslation('reports');
  const [period] = usePeriod();
  const readiness = useReadiness();
  return (
    <Screen title={t('readiness.title')}>
      <ReportsNav query={period.query} />
      {readiness.status === 'loading' ? (
        <p role="status">{t('loading')}</p>
      ) : readiness.status === 'failed' ? (
        <p className="notice" role="alert">{t('loadError')}</p>
      ) : readiness.value.active.length === 0 ? (
        <EmptyState>{t('readiness.empty')}</EmptyState>
      ) : (
        <>
          <ReadinessSummary report={readiness.value} />
          <ReadinessCards report={readiness.value} />
          {readiness.value.archivedCount > 0 && <p className="hint">{t('readiness.archived', { count: readiness.value.archivedCount })}</p>}
        </>
      )}
    </Screen>
  );
}
