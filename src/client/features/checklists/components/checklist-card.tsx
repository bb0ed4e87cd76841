// One checklist on the overview: title, scope, progress bar, percent, overdue and blocked counts.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useLabels } from '../hooks/use-labels';
import type { ChecklistSummary } from '../utils/summaries';

export function ChecklistCard({ summary }: { summary: ChecklistSummary }): ReactElement {
  const { t } = useLabels();
  const { checklist, signOffs } = summary.bundle;
  const progress = summary.progress;
  return (
    <li>
      <Link className="checklist-card" to={checklist.id} data-checklist-id={checklist.id}>
        <span className="checklist-card-title">{checklist.title}</span>
        <span className="hint">{t(`scope.${checklist.scope}`)}</span>
        {progress ? (
          <>
            <progress max={100} value={progress.percent} aria-label={t('card.progressLabel', { percent: progress.percent })} />
            <span className="checklist-card-figures" data-testid="card-figures">
              <strong>{t('card.percent', { percent: progress.percent })}</strong>
              {' · '}
              {t('card.doneOf', { done: progress.done, applicable: progress.applicable })}
            </span>
            <span className="badges">
              {progress.overdue > 0 && <span className="badge badge-overdue">{t('card.overdue', { count: progress.overdue })}</span>}
              {progress.blocked > 0 && <span className="badge badge-blocked">{t('card.blocked', { count: progress.blocked })}</span>}
              {signOffs.length > 0 && <span className="badge badge-done">{t('card.signedOff')}</span>}
              {signOffs.length === 0 && progress.complete && !checklist.archived && <span className="badge badge-soon">{t('card.awaitingSignOff')}</span>}
              {checklist.archived && <span className="badge">{t('card.archived')}</span>}
            </span>
          </>
        ) : (
          <span className="hint">{t('card.templateMissing', { version: checklist.templateVersion })}</span>
        )}
      </Link>
    </li>
  );
}
