// /assistance/new and /assistance/logs/:id/edit (a lazy chunk: the form is never on the first screen).
import type { ReactElement } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { Screen } from '../../../components/ui/screen';
import { can, canEditRecord } from '../../../../shared/permissions';
import { getLog } from '../../../data/assistance-repository';
import type { SessionUser } from '../../../data/session-repository';
import { LogForm } from './log-form';
import { useToast } from './undo-toast';

export function LogFormScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('assistance');
  const { id } = useParams();
  const navigate = useNavigate();
  const toast = useToast();
  // The form copies the log into its state once (keyed by id), so a sync pull arriving while the
  // member types never resets the inputs.
  const existing = useLiveQuery(async () => (id ? ((await getLog(id)) ?? null) : null), [id]);

  const title = id ? t('form.editTitle') : t('form.newTitle');
  if (id && existing === undefined) return <Screen title={title}><p role="status">{t('loading')}</p></Screen>;
  const allowed = existing ? canEditRecord(user, existing) && !existing.deleted : !id && can(user.role, 'log.create');
  if (!allowed) {
    return (
      <Screen title={title}>
        <p className="notice">{id ? t('form.cannotEdit') : t('form.cannotCreate')}</p>
        <Link to="/assistance">{t('detail.back')}</Link>
      </Screen>
    );
  }
  return (
    <Screen title={title}>
      <LogForm
        key={existing?.id ?? 'new'}
        user={user}
        {...(existing ? { existing } : {})}
        onSaved={(saved) => {
          toast(existing ? t('form.updated') : t('form.created'));
          void navigate(existing ? `/assistance/logs/${saved.id}` : '/assistance');
        }}
        onCancel={() => void navigate(existing ? `/assistance/logs/${existing.id}` : '/assistance')}
      />
    </Screen>
  );
}
