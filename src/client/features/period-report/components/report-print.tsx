// /period-report/:id/print: the report laid out as an administrative document on A4
// (period-report.css @media print). Everything comes from IndexedDB, so it prints offline; the
// browser's print dialog also saves it as a PDF. A sent report prints as it was sent.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PeriodReportItem, SubmissionItem } from '../../../data/period-report-repository';
import type { PeriodResults } from '../../../../shared/schemas/period-report';
import { useCommune, usePeriodData, useReport, useSubmissions } from '../hooks/use-period-report';
import { useReportDocument } from '../hooks/use-report-document';
import { DocumentView } from './document-view';

export function ReportPrint({ id, communeId }: { id: string; communeId: string }): ReactElement {
  const { t, i18n } = useTranslation('periodReport');
  const report = useReport(id);
  const communeName = useCommune(communeId);
  const language = i18n.language === 'en' ? 'en' : 'vi';
  if (report.status === 'failed') return <p role="alert">{t('loadError')}</p>;
  if (report.status === 'loading' || communeName === undefined) return <p role="status">{t('loading')}</p>;
  if (report.value === undefined) return <p role="alert">{t('editor.notFound')}</p>;
  return <Loaded report={report.value} communeName={communeName} language={language} />;
}

function Loaded({ report, communeName, language }: { report: PeriodReportItem; communeName: string; language: 'vi' | 'en' }): ReactElement {
  const { t } = useTranslation('periodReport');
  const data = usePeriodData({ start: report.periodStart, end: report.periodEnd }, language);
  const submissions = useSubmissions(report.id);
  if (data.status === 'failed' || submissions.status === 'failed') return <p role="alert">{t('loadError')}</p>;
  if (data.status === 'loading' || submissions.status === 'loading') return <p role="status">{t('loading')}</p>;
  return <Printable report={report} results={data.value.results} communeName={communeName} sent={submissions.value[0]} />;
}

function Printable({ report, results, communeName, sent }: { report: PeriodReportItem; results: PeriodResults; communeName: string; sent: SubmissionItem | undefined }): ReactElement {
  const { t } = useTranslation('periodReport');
  const doc = useReportDocument(report, results, communeName, sent);
  return (
    <div className="pr-print" data-testid="period-report-print" data-ready="true">
      <div className="pr-no-print button-row">
        <button type="button" className="button primary" onClick={() => window.print()}>{t('print.printNow')}</button>
        <Link className="button" to={`/period-report/${report.id}`}>{t('print.back')}</Link>
      </div>
      <DocumentView doc={doc} />
    </div>
  );
}
