// A small shape per status, so the status does not rely on colour alone (sunlight, colour blindness).
import type { ReactElement } from 'react';
import type { ChecklistItemStatus } from '../../../../shared/checklists/status';

const PATHS: Record<ChecklistItemStatus, string> = {
  todo: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z',
  doing: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 0v18',
  done: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM7.5 12.5l3 3 6-6.5',
  blocked: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM5.6 5.6l12.8 12.8',
  na: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM7 12h10',
};

export function StatusIcon({ status }: { status: ChecklistItemStatus }): ReactElement {
  return (
    <svg width={22} height={22} viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="status-icon">
      <path d={PATHS[status]} />
    </svg>
  );
}
