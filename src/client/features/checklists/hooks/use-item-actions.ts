// Item changes from the checklist screen: one tap cycles the status (with an undo for the last
// tap), the sheet saves several fields at once. The repository checks the role and the input and
// writes only the fields that changed.
import { useCallback, useState } from 'react';
import { updateChecklistItem, type ItemChanges } from '../../../data/checklist-repository';
import { nextStatusOnTap, type ChecklistItemStatus } from '../../../../shared/checklists/status';
import { useLabels } from './use-labels';

export interface LastChange {
  itemId: string;
  title: string;
  previous: ChecklistItemStatus;
  next: ChecklistItemStatus;
  undone: boolean;
}

/** Marks the wall-clock cost of a status write (record + outbox committed) for the benchmark. */
function measured<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  return work().then((result) => {
    performance.measure(name, { start, end: performance.now() });
    return result;
  });
}

/** Item titles run to 300 characters; the confirmation only needs to say which one. */
const shorten = (title: string): string => (title.length > 60 ? `${title.slice(0, 57).trimEnd()}…` : title);

export function useItemActions(checklistId: string) {
  const { t, errorMessage } = useLabels();
  const [lastChange, setLastChange] = useState<LastChange | null>(null);
  const [error, setError] = useState<string | null>(null);

  const cycle = useCallback(
    (itemId: string, title: string, status: ChecklistItemStatus) => {
      const next = nextStatusOnTap(status);
      // A finished item is changed in its sheet, never by a tap (the row opens the sheet instead).
      if (next === null) return;
      setError(null);
      measured('checklists:status-write', () => updateChecklistItem(checklistId, itemId, { status: next })).then(
        () => setLastChange({ itemId, title, previous: status, next, undone: false }),
        (failure: unknown) => setError(errorMessage(failure)),
      );
    },
    [checklistId, errorMessage],
  );

  const undo = useCallback(() => {
    if (!lastChange || lastChange.undone) return;
    updateChecklistItem(checklistId, lastChange.itemId, { status: lastChange.previous }).then(
      () => setLastChange({ ...lastChange, undone: true }),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, [checklistId, lastChange, errorMessage]);

  const save = useCallback((itemId: string, changes: ItemChanges) => updateChecklistItem(checklistId, itemId, changes), [checklistId]);

  const message = lastChange
    ? lastChange.undone
      ? t('item.undone')
      : t('item.changed', { title: shorten(lastChange.title), status: t(`status.${lastChange.next}`) })
    : null;

  return { cycle, undo, save, message, canUndo: lastChange !== null && !lastChange.undone, error };
}
