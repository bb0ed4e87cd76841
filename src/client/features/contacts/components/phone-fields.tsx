// The contact's numbers: one row per number, add and remove rows, and the duplicate warning
// (another contact already has this number) right under them, before saving.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../data/errors';
import type { DuplicatePhone } from '../../../../shared/contacts/duplicates';
import { ContactIcon } from './contact-icons';
import { DuplicateWarning } from './duplicate-warning';
import { TextField } from './text-field';

export function PhoneFields(props: {
  phones: string[];
  onChange: (phones: string[]) => void;
  errors: ReadonlyMap<string, FieldIssue['key']>;
  duplicates: DuplicatePhone[];
}): ReactElement {
  const { phones, onChange, errors, duplicates } = props;
  const { t } = useTranslation('contacts');
  const { t: tc } = useTranslation('common');
  const listError = errors.get('phones');
  const update = (row: number, value: string) => onChange(phones.map((phone, i) => (i === row ? value : phone)));
  return (
    <fieldset className="contact-field-group" aria-describedby={listError ? 'phones-error' : undefined}>
      <legend>{t('form.phones')}</legend>
      <p className="hint">{t('form.phoneHint')}</p>
      {phones.map((phone, row) => (
        <div className="contact-phone-row" key={row}>
          <TextField
            id={`phone-${row}`}
            label={t('form.phoneN', { n: row + 1 })}
            value={phone}
            onChange={(value) => update(row, value)}
            error={errors.get(`phones.${row}`)}
            type="tel"
            inputMode="tel"
          />
          {phones.length > 1 ? (
            <button type="button" className="button contact-remove-phone" onClick={() => onChange(phones.filter((_, i) => i !== row))}>
              {t('form.removePhone', { n: row + 1 })}
            </button>
          ) : null}
        </div>
      ))}
      {listError ? <p id="phones-error" className="contact-field-error">{tc(listError)}</p> : null}
      {phones.length < 10 ? (
        <button type="button" className="button" onClick={() => onChange([...phones, ''])}>
          <ContactIcon name="plus" />
          {t('form.addPhone')}
        </button>
      ) : null}
      <DuplicateWarning duplicates={duplicates} />
    </fieldset>
  );
}
