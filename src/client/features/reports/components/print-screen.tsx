// /reports/print?…: the report on A4 (reports.css, @media print): the commune, the period, the key
// figures, the charts with their tables, readiness, and the signature lines. Everything comes from
// IndexedDB, so it prints offline; the browser's print dialog also saves it as a PDF.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import { formatDate } from '../../../../shared/text/dates';
import { useToday } from '../../../hooks/use-today';
import { usePeriod } from '../hooks/use-period';
import { useCommuneNameOf } from '../../../hooks/use-people';
import { useActivity, useReadiness } from '../hooks/use-report-data';
import { useReportLabels } from '../../../hooks/use-report-labels';
import { ActivityCharts, KeyFigures } from './activity-figures';
import { ReadinessSummary, ReadinessTable } from './readiness-list';

export function PrintScreen({ communeId }: { communeId: string }): ReactElement {
  const { t } = useTranslation('reports');
  const [period] = usePeriod();
  const today = useToday();
  const activity = useActivity(period.range);
  const readiness = useReadiness();
  const communeName = useCommuneNameOf(communeId);
  const labels = useReportLabels(activity?.status === 'ready' ? activity.value.names : undefined);
  const ready = activity?.status === 'ready' && readiness.status === 'ready' && communeName !== undefined;

  return (
    <div className="rp-print" data-testid="print-report" data-ready={ready ? 'true' : 'false'}>
      <Screen title={t('print.title')}>
        <div className="rp-no-print">
          <div className="button-row">
            <button type="button" className="button primary" onClick={() => window.print()} disabled={!ready}>{t('print.printNow')}</button>
            <Link className="button" to={`/reports?${period.query}`}>{t('print.back')}</Link>
          </div>
          <p className="hint">{t('print.offlineNote')}</p>
        </div>
        <div className="rp-print-meta">
          <p data-testid="print-commune">{t('print.commune', { name: communeName ?? t('print.communeUnknown') })}</p>
          {period.range ? (
            <p>{t('print.period', { start: formatDate(period.range.start), end: formatDate(period.range.end) })}</p>
          ) : (
            <p role="alert">{period.problem ? t(`period.problems.${period.problem}`) : null}</p>
          )}
          <p>{t('print.madeOn', { date: formatDate(today) })}</p>
        </div>
        {activity?.status === 'failed' || readiness.status === 'failed' ? (
          <p className="notice" role="alert">{t('loadError')}</p>
        ) : !ready ? (
          <p role="status">{t('loading')}</p>
        ) : (
          <>
            <KeyFigures report={activity.value.report} labels={labels} />
            <ActivityCharts report={activity.value.report} labels={labels} table="shown" />
            <section className="card rp-section" aria-labelledby="rp-print-readiness">
              <h2 id="rp-print-readiness">{t('print.readiness')}</h2>
              <ReadinessSummary report={readiness.value} />
              {readiness.value.active.length > 0 ? <ReadinessTable report={readiness.value} /> : <p>{t('readiness.empty')}</p>}
            </section>
            <div className="rp-signatures">
              <div>
                <p className="rp-sign-title">{t('print.author')}</p>
                <p className="rp-sign-hint">{t('print.signHint')}</p>
              </div>
              <div>
                <p className="rp-sign-title">{t('print.leader')}</p>
                <p className="rp-sign-hint">{t('print.signHint')}</p>
              </div>
            </div>
          </>
        )}
      </Screen>
    </div>
  );
}
