// The commune's reports: open the draft of the current or the previous reporting period (the one
// usually written up in the first days of a new period), start an ad-hoc report, or reopen one.
import { useId, useState, type ReactElement } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../../components/ui/date-input';
import { Screen } from '../../../components/ui/screen';
import { createAdhocReport, openPeriodDraft } from '../../../data/period-report-repository';
import { log } from '../../../lib/log';
import { checkRange } from '../../../../shared/reports/period';
import { reportPeriodAt, shiftReportPeriod } from '../../../../shared/reports/report-period';
import { formatDate, type LocalDateRange } from '../../../../shared/text/dates';
import { useReports } from '../hooks/use-period-report';

export function ReportList(): ReactElement {
  const { t } = useTranslation('periodReport');
  const navigate = useNavigate();
  const id = useId();
  const reports = useReports();
  const [failed, setFailed] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [rangeProblem, setRangeProblem] = useState<string | null>(null);
  const [current] = useState(() => reportPeriodAt(Date.now()));
  const previous = shiftReportPeriod(current, -1);
  const span = (range: LocalDateRange) => ({ start: formatDate(range.start), end: formatDate(range.end) });

  const defaults = (range: LocalDateRange) => ({ summary: t('doc.summaryDefault', span(range)), recipients: t('doc.recipientsDefault') });
  const open = async (make: () => Promise<string>) => {
    try {
      void navigate(`/period-report/${await make()}`);
    } catch (error) {
      log.error('opening a period report failed', error instanceof Error ? error.message : error);
      setFailed(true);
    }
  };
  const createAdhoc = () => {
    const check = checkRange(from, to);
    if (!check.ok) {
      setRangeProblem(t(`list.problems.${check.problem}`));
      return;
    }
    setRangeProblem(null);
    void open(() => createAdhocReport(check.range, defaults(check.range)));
  };

  return (
    <Screen title={t('title')}>
      <section className="card" aria-labelledby={`${id}-periods`}>
        <h2 id={`${id}-periods`}>{t('list.periods')}</h2>
        <div className="pr-actions">
          <button type="button" className="button primary" onClick={() => void open(() => openPeriodDraft(previous, defaults(previous)))}>
            {t('list.previous')}: {t('list.open', span(previous))}
          </button>
          <button type="button" className="button" onClick={() => void open(() => openPeriodDraft(current, defaults(current)))}>
            {t('list.current')}: {t('list.open', span(current))}
          </button>
        </div>
        {failed && <p role="alert" className="field-error">{t('loadError')}</p>}
      </section>
      <fieldset className="card">
        <legend>{t('list.adhoc')}</legend>
        <label className="pr-field">
          {t('list.from')}
          <DateInput value={from} onChange={setFrom} aria-invalid={rangeProblem !== null} />
        </label>
        <label className="pr-field">
          {t('list.to')}
          <DateInput value={to} onChange={setTo} aria-invalid={rangeProblem !== null} />
        </label>
        {rangeProblem && <p role="alert" className="field-error">{rangeProblem}</p>}
        <button type="button" className="button" onClick={createAdhoc}>{t('list.adhocCreate')}</button>
      </fieldset>
      <section className="card" aria-labelledby={`${id}-reports`}>
        <h2 id={`${id}-reports`}>{t('list.reports')}</h2>
        {reports.status === 'failed' ? (
          <p role="alert">{t('loadError')}</p>
        ) : reports.status === 'loading' ? (
          <p role="status">{t('loading')}</p>
        ) : reports.value.length === 0 ? (
          <p>{t('list.empty')}</p>
        ) : (
          <ul className="pr-reports">
            {reports.value.map(({ report, sent }) => (
              <li key={report.id}>
                <Link to={`/period-report/${report.id}`}>
                  {t(report.kind === 'period' ? 'list.periodLabel' : 'list.adhocLabel', span({ start: report.periodStart, end: report.periodEnd }))}
                </Link>
                <span className="hint">{sent ? t('list.sent', { number: sent.documentNumber, date: formatDate(sent.documentDate) }) : t('list.draft')}</span>
                {sent && report.returned?.submissionId === sent.id && <span className="pr-status pr-status-returned">{t('list.returned')}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <Link to="/reports">{t('list.toReports')}</Link>
      </p>
    </Screen>
  );
}
