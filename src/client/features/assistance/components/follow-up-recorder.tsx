// Recording a follow-up in one tap: the new outcome is a button; an optional next date keeps the
// follow-up open. Used on Home, in the follow-ups tab and on a log's detail.
import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { recordFollowUp, type LogItem } from '../../../data/assistance-repository';
import { OUTCOMES, type Outcome } from '../../../../shared/schemas/assistance-log';
import { addDays } from '../../../../shared/text/dates';
import { useToday } from '../hooks/use-today';
import { log as logger } from '../../../lib/log';

export function FollowUpRecorder({ log, onRecorded }: { log: LogItem; onRecorded: (outcome: Outcome, next: string | null) => void }): ReactElement {
  const { t } = useTranslation('assistance');
  const id = useId();
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const tomorrow = addDays(useToday(), 1);
  const record = (outcome: Outcome) => {
    setBusy(true);
    setFailed(false);
    recordFollowUp(log.id, { outcome, nextFollowUpAt: next || null })
      .then(() => onRecorded(outcome, next || null))
      .catch((error: unknown) => {
        logger.error('follow-up failed', error);
        setFailed(true);
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
        <input id={`${id}-next`} type="date" min={tomorrow} value={next} onChange={(e) => setNext(e.target.value)} />
      </div>
      {failed && <p className="field-error" role="alert">{t('errors.saveFailed')}</p>}
    </div>
  );
}
