// "Đánh dấu đã gửi": the document number and date of the signed report, kept as an immutable
// submission with the figures and texts as they are now. Sending again makes a correction (the
// next version); the earlier ones stay listed.
import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../../components/ui/date-input';
import { ValidationError, type FieldErrors } from '../../../data/errors';
import { submitReport, type PeriodReportItem, type SubmissionItem } from '../../../data/period-report-repository';
import { usePersonName } from '../../../hooks/use-people';
import { useToday } from '../../../hooks/use-today';
import { log } from '../../../lib/log';
import type { PeriodResults } from '../../../../shared/schemas/period-report';
import { formatDate } from '../../../../shared/text/dates';

interface Props {
  report: PeriodReportItem;
  results: PeriodResults;
  submissions: readonly SubmissionItem[];
}

export function SubmitPanel({ report, results, submissions }: Props): ReactElement {
  const { t } = useTranslation('periodReport');
  const { t: tc } = useTranslation('common');
  const id = useId();
  const today = useToday();
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(today);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failed, setFailed] = useState(false);
  const nameOf = usePersonName();
  const submit = async () => {
    setFailed(false);
    try {
      await submitReport(report.id, { documentNumber: number, documentDate: date, results });
      setErrors({});
      setNumber('');
    } catch (error) {
      if (error instanceof ValidationError) setErrors(error.fieldErrors);
      else {
        log.error('submitting a period report failed', error instanceof Error ? error.message : error);
        setFailed(true);
      }
    }
  };
  const latest = submissions[0];
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="submit-panel">
      <h2 id={`${id}-title`}>{t('editor.submitTitle')}</h2>
      {latest && (
        <p role="status" data-testid="submitted">
          {t('editor.submitted', { version: latest.version, number: latest.documentNumber, date: formatDate(latest.documentDate), name: nameOf(latest.submittedBy) })}
        </p>
      )}
      <p className="hint">{t('editor.submitHint')}</p>
      <label htmlFor={`${id}-number`} className="pr-label">{t('editor.documentNumber')}</label>
      <input id={`${id}-number`} type="text" value={number} maxLength={40} onChange={(e) => setNumber(e.target.value)} aria-invalid={errors.documentNumber !== undefined} aria-describedby={errors.documentNumber ? `${id}-number-error` : undefined} />
      {errors.documentNumber && <p className="field-error" id={`${id}-number-error`}>{tc(errors.documentNumber)}</p>}
      <label className="pr-field">
        {t('editor.documentDate')}
        <DateInput value={date} onChange={setDate} aria-invalid={errors.documentDate !== undefined} />
      </label>
      {errors.documentDate && <p className="field-error">{tc(errors.documentDate)}</p>}
      {failed && <p role="alert" className="field-error">{t('loadError')}</p>}
      <button type="button" className="button primary" onClick={() => void submit()}>{latest ? t('editor.resubmit') : t('editor.submit')}</button>
      {submissions.length > 1 && (
        <>
          <h3>{t('editor.history')}</h3>
          <ul>
            {submissions.map((s, index) => (
              <li key={s.id}>
                {t('editor.submitted', { version: s.version, number: s.documentNumber, date: formatDate(s.documentDate), name: nameOf(s.submittedBy) })}
                {index > 0 && <span className="hint"> {t('editor.superseded')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
