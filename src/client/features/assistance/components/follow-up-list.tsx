// Follow-ups due today or overdue, each with its one-tap recorder. Shared by Home and the tab.
import { useState, type ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { listFollowUpsDue, type FollowUp } from '../../../data/assistance-list';
import { formatDate } from '../../../../shared/text/dates';
import { useServiceNames } from '../hooks/use-reference-data';
import { FollowUpRecorder } from './follow-up-recorder';

export function useFollowUpsDue({ upcoming = false }: { upcoming?: boolean } = {}): FollowUp[] | undefined {
  // The querier must be an async function: Dexie keeps the liveQuery's zone across native awaits
  // only then, and a plain arrow returning the promise silently stops observing after the first
  // await inside the repository.
  return useLiveQuery(async () => listFollowUpsDue(Date.now(), { upcoming }), [upcoming]);
}

export function FollowUpList({ items, limit }: { items: readonly FollowUp[]; limit?: number }): ReactElement {
  const { t } = useTranslation('assistance');
  const names = useServiceNames();
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const shown = limit === undefined ? items : items.slice(0, limit);
  return (
    <>
      <ul className="follow-up-list">
        {shown.map(({ log, daysOverdue }) => (
          <li key={log.id} className={`follow-up ${daysOverdue > 0 ? 'overdue' : ''}`}>
            <div className="follow-up-head">
              <Link to={`/assistance/logs/${log.id}`} className="follow-up-title">{names(log.serviceId)}</Link>
              <span className="follow-up-when">
                {daysOverdue > 0 ? t('followUps.overdue', { count: daysOverdue }) : daysOverdue === 0 ? t('followUps.today') : t('followUps.inDays', { count: -daysOverdue })}
                {log.followUpAt ? ` · ${formatDate(log.followUpAt)}` : ''}
                {log.citizen?.name ? ` · ${log.citizen.name}` : ''}
              </span>
            </div>
            {open === log.id ? (
              <FollowUpRecorder
                log={log}
                onRecorded={() => {
                  setOpen(null);
                  setMessage(t('followUps.recorded'));
                }}
              />
            ) : (
              <button type="button" className="button" onClick={() => setOpen(log.id)} aria-label={t('followUps.recordFor', { service: names(log.serviceId) })}>
                {t('followUps.record')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <p role="status" className="status-line">{message}</p>
    </>
  );
}
