// Progress of one checklist: bar, percent of applicable items done, and counts per status.
import type { ReactElement } from 'react';
import type { ChecklistProgress } from '../../../../shared/checklists/progress';
import { CHECKLIST_ITEM_STATUSES } from '../../../../shared/checklists/status';
import { useLabels } from '../hooks/use-labels';

export function ProgressSummary({ progress }: { progress: ChecklistProgress }): ReactElement {
  const { t } = useLabels();
  return (
    <section className="card progress-summary" aria-labelledby="progress-title" data-testid="progress-summary">
      <h2 id="progress-title">{t('checklist.progressTitle')}</h2>
      <p className="progress-figure">
        <strong data-testid="progress-percent">{t('checklist.percent', { percent: progress.percent })}</strong>
        <span>{t('checklist.doneOf', { done: progress.done, applicable: progress.applicable })}</span>
      </p>
      <progress max={100} value={progress.percent} aria-label={t('checklist.progressLabel', { percent: progress.percent })} />
      <ul className="status-counts" aria-label={t('checklist.countsLabel')}>
        {CHECKLIST_ITEM_STATUSES.map((status) => (
          <li key={status} className={`status-count status-${status}`} data-status={status} data-count={progress.counts[status]}>
            <span className="status-count-value">{progress.counts[status]}</span>
            <span>{t(`status.${status}`)}</span>
          </li>
        ))}
      </ul>
      {progress.overdue > 0 && <p className="overdue-text">{t('checklist.overdueCount', { count: progress.overdue })}</p>}
    </section>
  );
}
