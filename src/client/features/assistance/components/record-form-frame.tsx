// The frame of the assistance forms (a log, a group session), new or edit: it reads the record
// being edited, waits for it, says so when this user may not create or edit it, and otherwise
// hands the record (or undefined for a new one) to the form.
import type { ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { Screen } from '../../../components/ui/screen';
import { can, canEditRecord } from '../../../../shared/permissions';
import type { SessionUser } from '../../../data/session-repository';

interface EditableRecord {
  id: string;
  createdBy: string;
  deleted: boolean;
}

export function RecordFormFrame<Item extends EditableRecord>(props: {
  user: SessionUser;
  /** Reads the record named by the route's :id (a live query: a deletion elsewhere shows at once). */
  load: (id: string) => Promise<Item | undefined>;
  newTitle: string;
  editTitle: string;
  /** Where "back" goes when the form may not open. */
  back: { to: string; label: string };
  /** The form; keyed by the record, so a sync pull arriving while someone types never resets it. */
  children: (existing: Item | undefined) => ReactElement;
}): ReactElement {
  const { user, load, back, children } = props;
  const { t } = useTranslation('assistance');
  const { id } = useParams();
  const existing = useLiveQuery(async () => (id ? ((await load(id)) ?? null) : null), [id, load]);
  const title = id ? props.editTitle : props.newTitle;
  if (id && existing === undefined) {
    return (
      <Screen title={title}>
        <p role="status">{t('loading')}</p>
      </Screen>
    );
  }
  const allowed = existing ? canEditRecord(user, existing) && !existing.deleted : !id && can(user.role, 'log.create');
  if (!allowed) {
    return (
      <Screen title={title}>
        <p className="notice">{id ? t('form.cannotEdit') : t('form.cannotCreate')}</p>
        <Link to={back.to}>{back.label}</Link>
      </Screen>
    );
  }
  return <Screen title={title}>{children(existing ?? undefined)}</Screen>;
}
