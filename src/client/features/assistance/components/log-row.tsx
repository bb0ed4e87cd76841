// One row of the log list: fixed height (the list is windowed). The link shows the kind of help,
// when and the outcome; below it the village and the citizen, whose phone is masked until tapped.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LogItem } from '../../../data/assistance-repository';
import { formatDate, formatTime } from '../../../../shared/text/dates';
import { MaskedPhone } from './masked-phone';

export const LOG_ROW_HEIGHT = 108;

export function LogRow({ log, service, village }: { log: LogItem; service: string; village: string | null }): ReactElement {
  const { t } = useTranslation('assistance');
  const who = [village, log.citizen?.name].filter(Boolean).join(' · ');
  return (
    <div className="log-row">
      <Link to={`/assistance/logs/${log.id}`} className="log-row-link">
        <span className="log-row-title">{service}</span>
        <span className="log-row-meta">
          <time dateTime={log.occurredAt}>{formatDate(log.occurredAt)} {formatTime(log.occurredAt)}</time>
          {' · '}
          <span className={`outcome-tag outcome-${log.outcome}`}>{t(`outcomes.${log.outcome}`)}</span>
        </span>
      </Link>
      <div className="log-row-foot">
        <span className="log-row-citizen">{who}</span>
        {log.citizen?.phone && <MaskedPhone phone={log.citizen.phone} />}
      </div>
    </div>
  );
}
