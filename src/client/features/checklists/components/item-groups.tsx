// Items grouped by the template's categories, each group with its own done count.
import type { ReactElement } from 'react';
import { groupByCategory, type ItemView } from '../../../../shared/checklists/progress';
import type { ChecklistItemStatus } from '../../../../shared/checklists/status';
import type { LocalDate } from '../../../../shared/text/dates';
import { useLabels } from '../hooks/use-labels';
import { useRowLabels } from '../hooks/use-row-labels';
import { ItemRow } from './item-row';

interface ItemGroupsProps {
  views: readonly ItemView[];
  categories: readonly string[];
  today: LocalDate;
  canUpdate: boolean;
  onCycle: (itemId: string, title: string, status: ChecklistItemStatus) => void;
  onOpen: (itemId: string) => void;
}

export function ItemGroups({ views, categories, today, canUpdate, onCycle, onOpen }: ItemGroupsProps): ReactElement {
  const { t, category } = useLabels();
  const labels = useRowLabels();
  return (
    <>
      {groupByCategory(views, categories).map((group) => (
        <section key={group.category} className="item-group" aria-labelledby={`group-${group.category}`}>
          <h3 id={`group-${group.category}`}>
            <span>{category(group.category)}</span>
            <span className="group-count">{t('checklist.groupCount', { done: group.items.filter((v) => v.status === 'done').length, total: group.items.length })}</span>
          </h3>
          <ul className="item-list">
            {group.items.map((view) => (
              <ItemRow key={view.item.id} view={view} today={today} canUpdate={canUpdate} labels={labels} onCycle={onCycle} onOpen={onOpen} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
