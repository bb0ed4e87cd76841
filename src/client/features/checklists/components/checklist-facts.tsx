// What a checklist is: template and version, scope (and village), creation date; archived state
// and the leader's archive / restore action.
import { useState, type ReactElement } from 'react';
import { setChecklistArchived, type ChecklistBundle } from '../../../data/checklist-repository';
import type { SessionUser } from '../../../data/session-repository';
import { checklistAccess } from '../../../../shared/checklists/access';
import { formatDate } from '../../../../shared/text/dates';
import { useLabels } from '../hooks/use-labels';
import { useVillages } from '../hooks/use-checklists';

export function ChecklistFacts({ bundle, user }: { bundle: ChecklistBundle; user: SessionUser }): ReactElement {
  const { t, localized, errorMessage } = useLabels();
  const villages = useVillages(bundle.checklist.villageId != null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { checklist, template } = bundle;
  const village = checklist.villageId ? villages?.find((v) => v.id === checklist.villageId) : undefined;
  const canArchive = checklistAccess(user.role).archive;

  const setArchived = (archived: boolean) => {
    setConfirming(false);
    setError(null);
    setChecklistArchived(checklist.id, archived).catch((failure: unknown) => setError(errorMessage(failure)));
  };

  return (
    <div className="checklist-facts">
      <p className="hint">{t('checklist.meta', { scope: t(`scope.${checklist.scope}`), date: formatDate(checklist.createdAt) })}</p>
      {village && <p className="hint">{t('checklist.village', { name: village.name })}</p>}
      {template && <p className="hint">{t('checklist.template', { title: localized(template.title), version: template.version })}</p>}
      {checklist.archived && <p className="notice">{t('checklist.archivedNotice')}</p>}
      {canArchive && checklist.archived && (
        <button type="button" className="button" onClick={() => setArchived(false)}>{t('checklist.restore')}</button>
      )}
      {canArchive && !checklist.archived && !confirming && (
        <button type="button" className="button" onClick={() => setConfirming(true)}>{t('checklist.archive')}</button>
      )}
      {confirming && (
        <div className="notice" role="group" aria-labelledby="archive-question">
          <p id="archive-question">{t('checklist.archiveConfirm')}</p>
          <div className="button-row">
            <button type="button" className="button primary" onClick={() => setArchived(true)}>{t('checklist.archive')}</button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>{t('checklist.keep')}</button>
          </div>
        </div>
      )}
      {error && <p role="alert" className="field-error">{error}</p>}
    </div>
  );
}
