// The sender's choice of open follow-ups to hand to a colleague (docs/field-aids.md §2 "Handing over
// a follow-up"): which ones, and to whom. The screen says what travels: the citizen's details only
// where their consent covers the follow-up, and that handing them over is recorded.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenFollowUp } from '../../../data/handover-follow-ups';
import type { TeamMember } from '../../../data/team-repository';
import { formatDate } from '../../../../shared/text/dates';

export interface FollowUpChoice {
  logIds: ReadonlySet<string>;
  to: string;
}

export function FollowUpPicker({ followUps, colleagues, choice, onChange }: { followUps: readonly OpenFollowUp[]; colleagues: readonly TeamMember[]; choice: FollowUpChoice; onChange: (next: FollowUpChoice) => void }): ReactElement | null {
  const { t } = useTranslation('handover');
  if (followUps.length === 0) return null;
  const toggle = (logId: string, on: boolean) => {
    const next = new Set(choice.logIds);
    if (on) next.add(logId);
    else next.delete(logId);
    onChange({ ...choice, logIds: next });
  };
  return (
    <fieldset className="ho-follow-ups">
      <legend>{t('followUps.title')}</legend>
      <p className="hint">{t('followUps.privacy')}</p>
      <div className="ho-list">
        {followUps.map((followUp) => (
          <label key={followUp.logId} className="choice ho-item">
            <input type="checkbox" checked={choice.logIds.has(followUp.logId)} onChange={(event) => toggle(followUp.logId, event.target.checked)} />
            <span>
              {t('followUps.item', { date: formatDate(followUp.followUpAt), name: followUp.citizenName ?? t('followUps.noCitizen') })}
              <small>{t(followUp.citizenName === null ? 'followUps.nothingPersonal' : followUp.citizenTravels ? 'followUps.detailsTravel' : 'followUps.detailsStay')}</small>
            </span>
          </label>
        ))}
      </div>
      <div className="field">
        <label htmlFor="ho-follow-up-to">{t('followUps.to')}</label>
        <select id="ho-follow-up-to" value={choice.to} onChange={(event) => onChange({ ...choice, to: event.target.value })}>
          <option value="">{t('followUps.pickColleague')}</option>
          {colleagues.map((colleague) => (
            <option key={colleague.id} value={colleague.id}>
              {colleague.displayName}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
