// /assistance/groups/:id: one group session; edit and delete (with undo) for those allowed.
import { useState, type ReactElement } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { Screen } from '../../../components/ui/screen';
import { canEditRecord } from '../../../../shared/permissions';
import { deleteGroupSession, getGroupSession, restoreGroupSession } from '../../../data/group-session-repository';
import type { SessionUser } from '../../../data/session-repository';
import { formatDateTime } from '../../../../shared/text/dates';
import { log } from '../../../lib/log';
import { useVillageNames } from '../hooks/use-reference-data';
import { useToast } from './undo-toast';

export function GroupDetailScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('assistance');
  const { id = '' } = useParams();
  const session = useLiveQuery(async () => (await getGroupSession(id)) ?? null, [id]);
  const villages = useVillageNames();
  const navigate = useNavigate();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  if (session === undefined) return <Screen title={t('groups.detailTitle')}><p role="status">{t('loading')}</p></Screen>;
  if (session === null) return <Screen title={t('groups.detailTitle')}><p className="notice">{t('detail.notFound')}</p><Link to="/assistance/groups">{t('groups.back')}</Link></Screen>;
  const editable = canEditRecord(user, session);
  const none = t('detail.none');
  const remove = () => {
    setBusy(true);
    deleteGroupSession(session.id)
      .then(() => {
        toast(t('groups.deleted'), { undo: () => restoreGroupSession(session.id), at: '/assistance/groups' });
        return navigate('/assistance/groups');
      })
      .catch((error: unknown) => log.error('group delete failed', error))
      .finally(() => setBusy(false));
  };
  const count = (n: number | null | undefined) => (n == null ? none : String(n));
  return (
    <Screen title={session.topic}>
      {session.deleted && <p className="notice" role="status">{t('detail.isDeleted')}</p>}
      <dl className="facts card">
        <dt>{t('fields.occurredAt')}</dt>
        <dd>{formatDateTime(session.occurredAt)}</dd>
        <dt>{t('groups.fields.place')}</dt>
        <dd>{session.place}</dd>
        <dt>{t('fields.village')}</dt>
        <dd>{villages(session.villageId) ?? none}</dd>
        <dt>{t('groups.fields.participants')}</dt>
        <dd>{session.participants}</dd>
        <dt>{t('groups.fields.women')}</dt>
        <dd>{count(session.women)}</dd>
        <dt>{t('groups.fields.elderly')}</dt>
        <dd>{count(session.elderly)}</dd>
        <dt>{t('groups.fields.ethnicMinority')}</dt>
        <dd>{count(session.ethnicMinority)}</dd>
        <dt>{t('fields.duration')}</dt>
        <dd>{session.durationMin == null ? none : t('duration.minutes', { count: session.durationMin })}</dd>
        <dt>{t('fields.note')}</dt>
        <dd className="pre-wrap">{session.note ?? none}</dd>
      </dl>
      {editable && !session.deleted && (
        <div className="button-row">
          <Link className="button primary" to={`/assistance/groups/${session.id}/edit`}>{t('detail.edit')}</Link>
          <button type="button" className="button danger" disabled={busy} onClick={remove}>{t('detail.delete')}</button>
        </div>
      )}
      <p className="list-footer"><Link to="/assistance/groups">{t('groups.back')}</Link></p>
    </Screen>
  );
}
