// /assistance/groups: the commune's group sessions in a period, with their own totals (counted
// separately from the one-to-one logs).
import { useId, useState, type ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { can } from '../../../../shared/permissions';
import { LIST_PERIODS, type ListPeriod } from '../../../../shared/reports/period';
import { listGroupSessions } from '../../../data/group-session-repository';
import type { SessionUser } from '../../../data/session-repository';
import { formatDate, formatTime } from '../../../../shared/text/dates';
import { useVillageNames } from '../hooks/use-reference-data';
import { AssistanceTabs } from './assistance-tabs';

export function GroupListScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('assistance');
  const id = useId();
  const [period, setPeriod] = useState<ListPeriod>('period');
  const data = useLiveQuery(async () => listGroupSessions(period), [period]);
  const villages = useVillageNames();
  return (
    <Screen title={t('groups.title')} actions={can(user.role, 'log.create') ? <Link className="button primary" to="/assistance/groups/new">{t('groups.new')}</Link> : undefined}>
      <AssistanceTabs />
      <p className="hint">{t('groups.hint')}</p>
      <div className="field">
        <label htmlFor={`${id}-period`}>{t('filters.period')}</label>
        <select id={`${id}-period`} value={period} onChange={(e) => setPeriod(e.target.value as ListPeriod)}>
          {LIST_PERIODS.map((p) => <option key={p} value={p}>{t(`periods.${p}`)}</option>)}
        </select>
      </div>
      {data === undefined ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <>
          <p className="totals" data-testid="group-totals">{t('groups.totals', { sessions: data.sessions, participants: data.participants })}</p>
          {data.items.length === 0 ? (
            <EmptyState>{can(user.role, 'log.create') ? t('groups.empty') : t('groups.emptyReadOnly')}</EmptyState>
          ) : (
            <ul className="plain-list">
              {data.items.map((s) => (
                <li key={s.id}>
                  <Link to={`/assistance/groups/${s.id}`} className="list-card">
                    <span className="log-row-title">{s.topic}</span>
                    <span className="log-row-meta">
                      {formatDate(s.occurredAt)} {formatTime(s.occurredAt)} · {s.place}
                      {s.villageId && villages(s.villageId) ? ` · ${villages(s.villageId)}` : ''}
                    </span>
                    <span className="log-row-meta">{t('groups.participantsShort', { count: s.participants })}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Screen>
  );
}
