// Recording a follow-up in one tap: the new outcome is a button; an optional next date keeps the
// follow-up open. Used on Home, in the follow-ups tab and on a log's detail.
import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../../components/ui/date-input';
import { recordFollowUp, type LogItem } from '../../../data/assistance-repository';
import { ValidationError } from '../../../data/errors';
import type { ValidationKey } from '../../../../shared/schemas/validation-keys';
import { OUTCOMES, type Outcome } from '../../../../shared/schemas/assistance-log';
import { log as logger } from '../../../lib/log';

export function FollowUpRecorder({ log, onRecorded }: { log: LogItem; onRecorded: (outcome: Outcome, next: string | null) => void }): ReactElement {
  const { t } = useTranslation('assistance');
  const { t: tc } = useTranslation();
  const id = useId();
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<ValidationKey | 'errors.saveFailed' | null>(null);
  const record = (outcome: Outcome) => {
    setBusy(true);
    setFailed(null);
    recordFollowUp(log.id, { outcome, nextFollowUpAt: next || null })
      .then(() => onRecorded(outcome, next || null))
      .catch((error: unknown) => {
        // A next date the schema refuses (not a date, before the help, too far) is the member's to fix.
        if (error instanceof ValidationError) return setFailed(Object.values(error.fieldErrors)[0] ?? 'validation.invalidType');
        logger.error('follow-up failed', error);
        setFailed('errors.saveFailed');
      })
      .finally(() => setBusy(false));
  };
  return (
    <div className="follow-up-recorder">
      <fieldset className="outcome-buttons compact">
        <legend>{t('followUps.newOutcome')}</legend>
        {OUTCOMES.map((outcome) => (
          <button key={outcome} type="button" className={`button outcome-${outcome}`} disabled={busy} onClick={() => record(outcome)}>
            {t(`outcomes.${outcome}`)}
          </button>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-next`}>{t('followUps.nextDate')}</label>
        <DateInput id={`${id}-next`} value={next} onChange={setNext} aria-invalid={failed?.startsWith('validation.') || undefined} />
      </div>
      {failed && <p className="field-error" role="alert">{failed === 'errors.saveFailed' ? t('errors.saveFailed') : tc(failed)}</p>}
    </div>
  );
}
