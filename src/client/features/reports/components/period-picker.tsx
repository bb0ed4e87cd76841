// Choose the period of a report: the province's reporting period (15th to 14th), this month, this
// quarter, or two dates. Radio buttons (one tap each, 48 px), the dates only for "custom".
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../../components/ui/date-input';
import { PERIOD_PRESETS } from '../../../../shared/reports/period';
import { formatDate } from '../../../../shared/text/dates';
import type { PeriodChoice, PeriodState } from '../hooks/use-period';

export function PeriodPicker({ period, onChange }: { period: PeriodState; onChange: (choice: PeriodChoice) => void }): ReactElement {
  const { t } = useTranslation('reports');
  const choice: PeriodChoice = { preset: period.preset, from: period.from, to: period.to };
  return (
    <fieldset className="card rp-period">
      <legend>{t('period.legend')}</legend>
      <div className="rp-presets">
        {PERIOD_PRESETS.map((preset) => (
          <label key={preset} className="rp-preset">
            <input type="radio" name="rp-period" value={preset} checked={period.preset === preset} onChange={() => onChange({ ...choice, preset })} />
            <span>{t(`period.presets.${preset}`)}</span>
          </label>
        ))}
      </div>
      {period.preset === 'custom' && (
        <div className="rp-dates">
          <label className="rp-date">
            <span>{t('period.from')}</span>
            <DateInput value={period.from} onChange={(from) => onChange({ ...choice, from })} aria-invalid={period.problem !== null} />
          </label>
          <label className="rp-date">
            <span>{t('period.to')}</span>
            <DateInput value={period.to} onChange={(to) => onChange({ ...choice, to })} aria-invalid={period.problem !== null} />
          </label>
        </div>
      )}
      {period.range ? (
        <p className="rp-range" role="status" data-testid="report-range">{t('period.range', { start: formatDate(period.range.start), end: formatDate(period.range.end) })}</p>
      ) : (
        <p className="rp-error" role="alert">{period.problem ? t(`period.problems.${period.problem}`) : null}</p>
      )}
    </fieldset>
  );
}
