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
      <article className="pr-doc" lang="vi">
        <div className="pr-doc-head">
          <div>
            <p className="pr-strong">{doc.issuer}</p>
            <p>{doc.number}</p>
          </div>
          <div>
            <p className="pr-strong">{doc.nation}</p>
            <p className="pr-strong pr-motto">{doc.motto}</p>
            <p className="pr-italic">{doc.placeDate}</p>
          </div>
        </div>
        <h1 className="pr-doc-title">{doc.title}</h1>
        <p className="pr-doc-summary">{doc.summary}</p>
        <p className="pr-indent">{doc.intro}</p>
        {doc.sections.map((section) => (
          <section key={section.heading}>
            <h2 className="pr-doc-heading">{section.heading}</h2>
            {section.paragraphs.map((text, index) => <p key={index} className="pr-indent">{text}</p>)}
          </section>
        ))}
        <p className="pr-indent">{doc.closing}</p>
        <div className="pr-doc-foot">
          <div className="pr-recipients">
            <p className="pr-strong pr-italic">{doc.recipientsTitle}</p>
            {doc.recipients.map((line) => <p key={line}>{line}</p>)}
          </div>
          <div className="pr-signature">
            {doc.signature.map((line) => <p key={line} className="pr-strong">{line}</p>)}
            <p className="pr-sign-space" />
            <p className="pr-strong">{doc.signerName}</p>
          </div>
        </div>
      </article>
    </div>
  );
}
