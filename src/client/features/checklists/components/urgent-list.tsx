// The most urgent items across the commune's checklists, each a link that opens the item.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import type { LocalDate } from '../../../../shared/text/dates';
import { useLabels } from '../hooks/use-labels';
import type { UrgentItem } from '../utils/summaries';

export function UrgentList({ items, today }: { items: readonly UrgentItem[]; today: LocalDate }): ReactElement {
  const { t, localized, due } = useLabels();
  return (
    <ul className="urgent-list">
      {items.map(({ checklistId, checklistTitle, view }) => {
        const dueText = view.dueDate ? due(view.dueDate, today, view.overdue) : null;
        const badge = view.overdue ? dueText?.relative : view.status === 'blocked' ? t('status.blocked') : dueText?.relative;
        const kind = view.overdue ? 'badge-overdue' : view.status === 'blocked' ? 'badge-blocked' : 'badge-soon';
        return (
          <li key={`${checklistId}/${view.item.id}`}>
            <Link className="urgent-item" to={`${checklistId}?item=${encodeURIComponent(view.item.id)}`}>
              <span className={`badge ${kind}`}>{badge}</span>
              <span className="urgent-item-title">{localized(view.item.title)}</span>
              <span className="hint">
                {checklistTitle}
                {dueText && ` · ${dueText.date}`}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
