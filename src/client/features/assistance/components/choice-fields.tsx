// The tap-only parts of the quick-entry form: outcome as big buttons, barriers as chips, duration
// as quick picks. Each is a native radio or checkbox group styled large (48 px targets).
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { BARRIERS, OUTCOMES, SENSITIVE_BARRIERS, type Barrier, type Outcome } from '../../../../shared/schemas/assistance-log';
import type { ValidationKey } from '../../../../shared/schemas/validation-keys';
import { DURATION_PICKS } from '../utils/log-form-values';
import { errorProps, FieldError } from './field-error';

export function OutcomeField({ id, value, error, onChange }: { id: string; value: Outcome | ''; error: ValidationKey | undefined; onChange: (value: Outcome) => void }): ReactElement {
  const { t } = useTranslation('assistance');
  return (
    <fieldset className="field" id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t('fields.outcome')} <span className="required-mark">{t('form.requiredMark')}</span></legend>
      <div className="outcome-grid">
        {OUTCOMES.map((outcome) => (
          <label key={outcome} className={`big-choice outcome-${outcome}`}>
            <input type="radio" name={id} value={outcome} checked={value === outcome} onChange={() => onChange(outcome)} />
            <span>{t(`outcomes.${outcome}`)}</span>
          </label>
        ))}
      </div>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

export function BarrierField({ id, value, citizenNamed, error, onChange }: { id: string; value: Barrier[]; citizenNamed: boolean; error: ValidationKey | undefined; onChange: (value: Barrier[]) => void }): ReactElement {
  const { t } = useTranslation('assistance');
  const toggle = (barrier: Barrier, on: boolean) => onChange(on ? [...value, barrier] : value.filter((b) => b !== barrier));
  return (
    <fieldset className="field" id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t('fields.barriers')}</legend>
      <div className="chips">
        {BARRIERS.map((barrier) => {
          // Health data beside a named citizen is refused (docs/privacy.md); the chip says so up front.
          const blocked = citizenNamed && SENSITIVE_BARRIERS.includes(barrier) && !value.includes(barrier);
          return (
            <label key={barrier} className="chip">
              <input type="checkbox" checked={value.includes(barrier)} disabled={blocked} onChange={(e) => toggle(barrier, e.target.checked)} />
              {t(`barriers.${barrier}`)}
            </label>
          );
        })}
      </div>
      {citizenNamed && <p className="hint">{t('form.sensitiveBarrierHint')}</p>}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

export function DurationField(props: { id: string; choice: string; custom: string; error: ValidationKey | undefined; onChoice: (value: string) => void; onCustom: (value: string) => void }): ReactElement {
  const { id, choice, custom, error, onChoice, onCustom } = props;
  const { t } = useTranslation('assistance');
  return (
    <fieldset className="field" id={id}>
      <legend>{t('fields.duration')}</legend>
      <div className="chips">
        {DURATION_PICKS.map((minutes) => (
          <label key={minutes} className="chip">
            <input type="radio" name={id} checked={choice === minutes} onChange={() => onChoice(minutes)} />
            {t('duration.minutes', { count: Number(minutes) })}
          </label>
        ))}
        <label className="chip">
          <input type="radio" name={id} checked={choice === 'custom'} onChange={() => onChoice('custom')} />
          {t('duration.custom')}
        </label>
      </div>
      {choice === 'custom' && (
        <div className="inline-field">
          <label htmlFor={`${id}-custom`}>{t('duration.customLabel')}</label>
          <input id={`${id}-custom`} type="number" inputMode="numeric" min={0} max={600} step={1} value={custom} onChange={(e) => onCustom(e.target.value)} {...errorProps(`${id}-custom`, error)} />
          <FieldError id={`${id}-custom`} error={error} />
        </div>
      )}
      {choice !== 'custom' && <FieldError id={id} error={error} />}
    </fieldset>
  );
}
