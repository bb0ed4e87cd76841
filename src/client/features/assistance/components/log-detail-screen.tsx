// /assistance/logs/:id: everything about one log; edit and delete (with undo) for those allowed.
import { useEffect, useState, type ReactElement } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { Screen } from '../../../components/ui/screen';
import { canEditRecord } from '../../../../shared/permissions';
import { deleteLog, getLog, restoreLog, type LogItem } from '../../../data/assistance-repository';
import { recordCitizenView } from '../../../data/audit-repository';
import type { SessionUser } from '../../../data/session-repository';
import { formatDate, formatDateTime } from '../../../../shared/text/dates';
import { log as logger } from '../../../lib/log';
import { usePersonName } from '../../../hooks/use-people';
import { useServiceNames, useVillageNames } from '../hooks/use-reference-data';
import { FollowUpRecorder } from './follow-up-recorder';
import { MaskedPhone } from './masked-phone';
import { useToast } from './undo-toast';

export function LogDetailScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('assistance');
  const { id = '' } = useParams();
  const found = useLiveQuery(async () => (await getLog(id)) ?? null, [id]);
  const names = useServiceNames();
  const navigate = useNavigate();
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  if (found === undefined) return <Screen title={t('detail.title')}><p role="status">{t('loading')}</p></Screen>;
  if (found === null) return <Screen title={t('detail.title')}><p className="notice">{t('detail.notFound')}</p><Link to="/assistance">{t('detail.back')}</Link></Screen>;
  const log = found;
  const editable = canEditRecord(user, log);

  const remove = () => {
    setBusy(true);
    deleteLog(log.id)
      .then(() => {
        toast(t('detail.deleted'), { undo: () => restoreLog(log.id), at: '/assistance' });
        return navigate('/assistance');
      })
      .catch((error: unknown) => logger.error('delete failed', error))
      .finally(() => setBusy(false));
  };

  return (
    <Screen title={names(log.serviceId)}>
      {log.deleted && (
        <div className="notice" role="status">
          <p>{t('detail.isDeleted')}</p>
          {editable && <button type="button" className="button" onClick={() => void restoreLog(log.id)}>{t('undo')}</button>}
        </div>
      )}
      <LogFacts log={log} user={user} />
      {editable && !log.deleted && log.followUpAt && !log.followUpDone && (
        <section className="card" aria-labelledby="follow-up-title">
          <h2 id="follow-up-title">{t('followUps.recordTitle', { date: formatDate(log.followUpAt) })}</h2>
          <FollowUpRecorder log={log} onRecorded={() => toast(t('followUps.recorded'))} />
        </section>
      )}
      {editable && !log.deleted && (
        <div className="button-row">
          <Link className="button primary" to={`/assistance/logs/${log.id}/edit`}>{t('detail.edit')}</Link>
          <button type="button" className="button danger" disabled={busy} onClick={remove}>{t('detail.delete')}</button>
        </div>
      )}
      <p className="list-footer"><Link to="/assistance">{t('detail.back')}</Link></p>
    </Screen>
  );
}

function LogFacts({ log, user }: { log: LogItem; user: SessionUser }): ReactElement {
  const { t } = useTranslation('assistance');
  const { t: tg } = useTranslation('guides');
  const personName = usePersonName();
  const villages = useVillageNames();
  const none = t('detail.none');
  const citizen = log.citizen;
  const showsCitizen = citizen !== null && citizen !== undefined;
  // Seeing a citizen's details is recorded in the audit log (docs/privacy.md "Audit log").
  useEffect(() => {
    if (showsCitizen) recordCitizenView(user.id, log.id).catch((error: unknown) => logger.warn('audit: view not recorded', error));
  }, [showsCitizen, user.id, log.id]);
  return (
    <dl className="facts card">
      <dt>{t('fields.occurredAt')}</dt>
      <dd>{formatDateTime(log.occurredAt)}</dd>
      <dt>{t('fields.outcome')}</dt>
      <dd><span className={`outcome-tag outcome-${log.outcome}`}>{t(`outcomes.${log.outcome}`)}</span></dd>
      <dt>{t('fields.barriers')}</dt>
      <dd>{log.barriers?.length ? log.barriers.map((b) => t(`barriers.${b}`)).join(', ') : none}</dd>
      <dt>{t('fields.village')}</dt>
      <dd>{villages(log.villageId) ?? none}</dd>
      <dt>{t('fields.duration')}</dt>
      <dd>{log.durationMin == null ? none : t('duration.minutes', { count: log.durationMin })}</dd>
      <dt>{t('detail.teamDevice')}</dt>
      <dd>{log.assistedOnTeamDevice ? t('detail.yes') : t('detail.no')}</dd>
      <dt>{t('detail.followUpAt')}</dt>
      <dd>{log.followUpAt ? `${formatDate(log.followUpAt)}${log.followUpDone ? ` · ${t('followUps.done')}` : ''}` : none}</dd>
      <dt>{t('tabs.guides')}</dt>
      <dd>{log.guideProgress ? tg('progress', { done: log.guideProgress.done.length, total: log.guideProgress.total }) : none}</dd>
      <dt>{t('fields.note')}</dt>
      <dd className="pre-wrap">{log.note ?? none}</dd>
      <dt>{t('citizen.title')}</dt>
      <dd>
        {citizen ? (
          <>
            {citizen.name && <span className="block">{citizen.name}</span>}
            {citizen.phone && <span className="block"><MaskedPhone phone={citizen.phone} /></span>}
            {citizen.birthYear !== undefined && <span className="block">{t('detail.birthYear', { year: citizen.birthYear })}</span>}
            {citizen.gender && <span className="block">{t(`citizen.genders.${citizen.gender}`)}</span>}
            <span className="block hint">
              {t('detail.consentRecorded', { method: t(`citizen.methods.${citizen.consentEvidence.method}`), date: formatDateTime(citizen.consentEvidence.recordedAt) })}
            </span>
          </>
        ) : (
          t('detail.anonymous')
        )}
      </dd>
      <dt>{t('detail.recordedBy')}</dt>
      <dd>{log.createdBy === user.id ? t('detail.you') : personName(log.createdBy)}</dd>
    </dl>
  );
}
