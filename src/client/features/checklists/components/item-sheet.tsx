// The details sheet of one item (a modal <dialog>: focus stays inside, Escape and the back button
// close it). Members and leaders edit status, note, responsible person, due date and the blocked
// reason; other roles read.
import { useEffect, useRef, type ReactElement } from 'react';
import type { ItemChanges } from '../../../data/checklist-repository';
import type { SessionUser } from '../../../data/session-repository';
import type { ItemView } from '../../../../shared/checklists/progress';
import { leadLevel } from '../../../../shared/checklists/lead-unit';
import { formatDate } from '../../../../shared/text/dates';
import { useLabels } from '../hooks/use-labels';
import { ItemSheetForm } from './item-sheet-form';

interface ItemSheetProps {
  view: ItemView;
  user: SessionUser;
  editable: boolean;
  onSave: (changes: ItemChanges) => Promise<ItemChanges>;
  onClose: () => void;
}

export function ItemSheet({ view, user, editable, onSave, onClose }: ItemSheetProps): ReactElement {
  const { t, localized } = useLabels();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element || element.open) return;
    // jsdom has no showModal; a real browser always does.
    if (typeof element.showModal === 'function') element.showModal();
    else element.setAttribute('open', '');
  }, []);
  const level = leadLevel(view.item.leadUnit);
  return (
    <dialog
      ref={dialog}
      className="item-sheet"
      aria-labelledby="sheet-title"
      data-testid="item-sheet"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="sheet-title">{localized(view.item.title)}</h2>
      <dl className="sheet-facts">
        <dt>{t('sheet.leadUnit')}</dt>
        <dd>
          {level !== 'unknown' && <span className={`lead-badge lead-${level}`}>{t(`lead.${level}`)}</span>} {view.item.leadUnit}
        </dd>
        {view.item.due && view.dueDate === null && <dd className="hint">{t('due.reference', { date: formatDate(view.item.due) })}</dd>}
        {view.item.dueNote && <dd className="hint">{t('due.note', { note: view.item.dueNote })}</dd>}
        {view.item.notes && (
          <>
            <dt>{t('sheet.templateNotes')}</dt>
            <dd>{view.item.notes}</dd>
          </>
        )}
      </dl>
      {editable ? (
        <ItemSheetForm view={view} user={user} onSave={onSave} onClose={onClose} />
      ) : (
        <ReadOnlyState view={view} onClose={onClose} />
      )}
    </dialog>
  );
}

function ReadOnlyState({ view, onClose }: { view: ItemView; onClose: () => void }): ReactElement {
  const { t } = useLabels();
  const none = t('sheet.none');
  return (
    <section aria-labelledby="sheet-state-title">
      <h3 id="sheet-state-title">{t('sheet.readOnlyTitle')}</h3>
      <dl className="sheet-facts">
        <dt>{t('sheet.statusLegend')}</dt>
        <dd>{t(`status.${view.status}`)}</dd>
        {view.status === 'blocked' && (
          <>
            <dt>{t('sheet.blockedReason')}</dt>
            <dd>{view.blockedReason ?? none}</dd>
          </>
        )}
        <dt>{t('sheet.assignee')}</dt>
        <dd>{view.assignee ?? none}</dd>
        <dt>{t('sheet.dueDate')}</dt>
        <dd>{view.dueDate ? formatDate(view.dueDate) : none}</dd>
        <dt>{t('sheet.note')}</dt>
        <dd className="pre-line">{view.note ?? none}</dd>
      </dl>
      <div className="button-row">
        <button type="button" className="button" onClick={onClose}>{t('sheet.cancel')}</button>
      </div>
    </section>
  );
}
