// One item of a checklist. One tap on the status button moves it forward, todo → doing → done; a
// tap on a finished item, a long press or the "details" button opens the sheet. Overdue items carry their date and how late they are.
import { memo, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { RowLabels } from '../hooks/use-row-labels';
import type { ItemView } from '../../../../shared/checklists/progress';
import { leadLevel } from '../../../../shared/checklists/lead-unit';
import { nextStatusOnTap, type ChecklistItemStatus } from '../../../../shared/checklists/status';
import { formatDate, type LocalDate } from '../../../../shared/text/dates';
import { dueText, localizedText } from '../hooks/use-labels';
import { useLongPress } from '../hooks/use-long-press';
import { StatusIcon } from './status-icon';

interface ItemRowProps {
  view: ItemView;
  today: LocalDate;
  canUpdate: boolean;
  labels: RowLabels;
  onCycle: (itemId: string, title: string, status: ChecklistItemStatus) => void;
  onOpen: (itemId: string) => void;
}

/** The lead unit without its partners in parentheses, for the list; the sheet shows it whole. */
export const shortLeadUnit = (leadUnit: string): string => leadUnit.replace(/\s*\(.*$/s, '') || leadUnit;

// A status change gives every item a new view object; comparing the view's fields lets React
// re-render only the row that changed (52 rows on a cheap phone).
function sameProps(a: ItemRowProps, b: ItemRowProps): boolean {
  if (a.today !== b.today || a.canUpdate !== b.canUpdate || a.labels !== b.labels || a.onCycle !== b.onCycle || a.onOpen !== b.onOpen) return false;
  const keys = Object.keys(a.view) as (keyof ItemView)[];
  return keys.length === Object.keys(b.view).length && keys.every((key) => a.view[key] === b.view[key]);
}

export const ItemRow = memo(function ItemRow({ view, today, canUpdate, labels, onCycle, onOpen }: ItemRowProps): ReactElement {
  // t() only for what varies per item and is shown on few rows (dates, notes…); see useRowLabels.
  const { t } = useTranslation('checklists');
  const { item, status } = view;
  const title = localizedText(item.title, labels.language);
  const titleId = `item-title-${item.id}`;
  const press = useLongPress(() => (nextStatusOnTap(status) === null ? onOpen(item.id) : onCycle(item.id, title, status)), () => onOpen(item.id));
  const level = leadLevel(item.leadUnit);
  const due = view.dueDate ? dueText(t, view.dueDate, today, view.overdue) : null;
  const reference = view.dueDate === null && item.due ? labels.reference(formatDate(item.due)) : item.dueNote ? labels.dueNote(item.dueNote) : null;
  return (
    <li className={`item-row status-${status}${view.overdue ? ' is-overdue' : ''}`} data-item-id={item.id} data-status={status} data-overdue={view.overdue}>
      <p className="item-title" id={titleId}>{title}</p>
      <p className="item-lead">
        {level !== 'unknown' && <span className={`lead-badge lead-${level}`}>{labels.lead[level]}</span>}
        <span>{labels.leadUnit(shortLeadUnit(item.leadUnit))}</span>
      </p>
      {due && (
        <p className={view.overdue ? 'item-due overdue-text' : 'item-due'}>
          {due.date}
          {due.relative && <strong>{` · ${due.relative}`}</strong>}
        </p>
      )}
      {reference && <p className="hint">{reference}</p>}
      {view.assignee && <p className="item-meta">{t('item.assignee', { name: view.assignee })}</p>}
      {status === 'blocked' && view.blockedReason && <p className="item-meta item-blocked">{t('item.blockedReason', { reason: view.blockedReason })}</p>}
      {view.note && <p className="item-meta item-note">{t('item.note', { note: view.note })}</p>}
      <div className="item-actions">
        {canUpdate ? (
          <button
            type="button"
            className={`status-button status-${status}`}
            aria-label={labels.cycle[status]}
            aria-describedby={titleId}
            {...press}
          >
            <StatusIcon status={status} />
            {labels.status[status]}
          </button>
        ) : (
          <span className={`status-button status-${status} is-static`}>
            <StatusIcon status={status} />
            {labels.status[status]}
          </span>
        )}
        <button type="button" className="button details-button" aria-describedby={titleId} onClick={() => onOpen(item.id)}>
          {labels.details}
        </button>
      </div>
    </li>
  );
}, sameProps);
