// When the help or the class took place: a date and a time side by side, sharing one error
// (the schema checks them together as occurredAt). Used by the log form and the group form.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValidationKey } from '../../../../shared/schemas/validation-keys';
import { DateInput, TimeInput } from '../../../components/ui/date-input';
import { errorProps, FieldError } from './field-error';

export function WhenField(props: { id: string; date: string; time: string; error: ValidationKey | undefined; onDate: (value: string) => void; onTime: (value: string) => void }): ReactElement {
  const { id, error } = props;
  const { t } = useTranslation('assistance');
  // Both inputs point at the one error under the pair, so a screen reader hears it from either.
  return (
    <>
      <div className="field-pair">
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('fields.date')}</label>
          <DateInput id={`${id}-date`} value={props.date} onChange={props.onDate} {...errorProps(`${id}-date`, error)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>{t('fields.time')}</label>
          <TimeInput id={`${id}-time`} value={props.time} onChange={props.onTime} {...errorProps(`${id}-date`, error)} />
        </div>
      </div>
      <FieldError id={`${id}-date`} error={error} />
    </>
  );
}
