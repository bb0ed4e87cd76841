// Citizen details: anonymous by default. The inputs stay disabled until the member ticks "the
// citizen agrees" (Law 91/2025/QH15: consent is explicit, never pre-ticked); the tick records
// who, when, how and which notice text (the /privacy screen, linked here). A citizen under 16 needs
// a parent's or guardian's consent: the form asks, and the schema refuses a child's birth year
// without it. Unticking erases what was typed.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CONSENT_METHODS, GENDERS } from '../../../../shared/schemas/assistance-log';
import type { FieldErrors } from '../../../data/errors';
import type { LogFormValues } from '../utils/log-form-values';
import { errorProps, FieldError } from './field-error';

interface Props {
  id: string;
  values: LogFormValues;
  errors: FieldErrors;
  set: <K extends keyof LogFormValues>(field: K, value: LogFormValues[K]) => void;
  setConsent: (agreed: boolean) => void;
}

export function CitizenSection({ id, values, errors, set, setConsent }: Props): ReactElement {
  const { t } = useTranslation('assistance');
  const off = !values.consent;
  return (
    <fieldset className="card citizen">
      <legend>{t('citizen.title')}</legend>
      <p className="hint" id={`${id}-why`}>{t('citizen.why')}</p>
      <p><Link to="/privacy">{t('citizen.readNotice')}</Link></p>
      <label className="choice consent-tick">
        <input
          type="checkbox"
          checked={values.consent}
          onChange={(e) => setConsent(e.target.checked)}
          aria-invalid={errors['citizen.consent'] ? true : undefined}
          aria-describedby={errors['citizen.consent'] ? `${id}-why ${id}-consent-error` : `${id}-why`}
        />
        {t('citizen.agrees')}
      </label>
      <FieldError id={`${id}-consent`} error={errors['citizen.consent']} />
      {off && <p className="hint locked-hint">{t('citizen.lockedUntilConsent')}</p>}
      <fieldset className="field segmented-choice" disabled={off}>
        <legend>{t('citizen.method')}</legend>
        {CONSENT_METHODS.map((method) => (
          <label key={method} className="chip">
            <input type="radio" name={`${id}-method`} checked={values.consentMethod === method} onChange={() => set('consentMethod', method)} />
            {t(`citizen.methods.${method}`)}
          </label>
        ))}
      </fieldset>
      <label className="choice">
        <input type="checkbox" disabled={off} checked={values.consentByGuardian} onChange={(e) => set('consentByGuardian', e.target.checked)} />
        {t('citizen.byGuardian')}
      </label>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('citizen.name')}</label>
        <input id={`${id}-name`} disabled={off} autoComplete="off" maxLength={100} value={values.citizenName} onChange={(e) => set('citizenName', e.target.value)} {...errorProps(`${id}-name`, errors['citizen.name'])} />
        <FieldError id={`${id}-name`} error={errors['citizen.name']} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-phone`}>{t('citizen.phone')}</label>
        <input id={`${id}-phone`} disabled={off} type="tel" inputMode="tel" autoComplete="off" value={values.citizenPhone} onChange={(e) => set('citizenPhone', e.target.value)} {...errorProps(`${id}-phone`, errors['citizen.phone'])} />
        <FieldError id={`${id}-phone`} error={errors['citizen.phone']} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-birth`}>{t('citizen.birthYear')}</label>
        <input id={`${id}-birth`} disabled={off} type="number" inputMode="numeric" min={1900} max={2100} value={values.citizenBirthYear} onChange={(e) => set('citizenBirthYear', e.target.value)} {...errorProps(`${id}-birth`, errors['citizen.birthYear'])} />
        <FieldError id={`${id}-birth`} error={errors['citizen.birthYear']} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-gender`}>{t('citizen.gender')}</label>
        <select id={`${id}-gender`} disabled={off} value={values.citizenGender} onChange={(e) => set('citizenGender', e.target.value as LogFormValues['citizenGender'])}>
          <option value="">{t('citizen.genderUnset')}</option>
          {GENDERS.map((g) => <option key={g} value={g}>{t(`citizen.genders.${g}`)}</option>)}
        </select>
      </div>
      <FieldError id={`${id}-citizen`} error={errors.citizen} />
    </fieldset>
  );
}
