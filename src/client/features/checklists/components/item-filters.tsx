// Filters of the item list: all, overdue, blocked, mine (the responsible person is me). One at a
// time, kept in the URL so a reload or the back button keeps it.
import type { ReactElement } from 'react';
import { useLabels } from '../hooks/use-labels';

export const ITEM_FILTERS = ['all', 'overdue', 'blocked', 'mine'] as const;
export type ItemFilter = (typeof ITEM_FILTERS)[number];

export function isItemFilter(value: string | null): value is ItemFilter {
  return value !== null && (ITEM_FILTERS as readonly string[]).includes(value);
}

export function ItemFilters({ value, counts, onChange }: { value: ItemFilter; counts: Record<ItemFilter, number>; onChange: (filter: ItemFilter) => void }): ReactElement {
  const { t } = useLabels();
  return (
    <div className="item-filters" role="group" aria-label={t('filter.label')}>
      {ITEM_FILTERS.map((filter) => (
        <button key={filter} type="button" className="chip" aria-pressed={value === filter} onClick={() => onChange(filter)}>
          {t(`filter.${filter}`, { count: counts[filter] })}
        </button>
      ))}
    </div>
  );
}
