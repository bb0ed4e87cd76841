// The readiness overview (/checklists): every checklist of the commune with percent done, overdue
// and blocked counts, and the most urgent items across all of them first.
import { useMemo, type ReactElement } from 'react';
import { Link } from 'react-router';
import type { SessionUser } from '../../../data/session-repository';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { checklistAccess } from '../../../../shared/checklists/access';
import { useChecklistBundles } from '../hooks/use-checklists';
import { useLabels } from '../hooks/use-labels';
import { useToday } from '../../../hooks/use-today';
import { compareChecklists, summarize, urgentItems } from '../utils/summaries';
import { ChecklistCard } from './checklist-card';
import { UrgentList } from './urgent-list';

const URGENT_LIMIT = 10;

export function OverviewScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useLabels();
  const today = useToday();
  const bundles = useChecklistBundles();
  const access = checklistAccess(user.role);
  const summaries = useMemo(() => (bundles ?? []).map((b) => summarize(b, today)).sort(compareChecklists), [bundles, today]);
  const active = summaries.filter((s) => !s.bundle.checklist.archived);
  const archived = summaries.filter((s) => s.bundle.checklist.archived);
  const urgent = useMemo(() => urgentItems(summaries, URGENT_LIMIT), [summaries]);

  return (
    <Screen
      title={t('title')}
      actions={access.create ? <Link className="button primary link-button" to="new">{t('overview.create')}</Link> : undefined}
    >
      {access.manageTemplates && (
        <div className="card">
          <p>{t('overview.adminIntro')}</p>
          <Link className="button link-button" to="/admin/templates">{t('overview.templates')}</Link>
        </div>
      )}
      {bundles === undefined ? (
        <p role="status">{t('loading')}</p>
      ) : summaries.length === 0 ? (
        access.manageTemplates ? null : <EmptyState>{access.create ? t('overview.emptyLeader') : access.signOff ? t('overview.emptyReviewer') : t('overview.empty')}</EmptyState>
      ) : (
        <>
          {active.length > 0 && (
            <section aria-labelledby="urgent-title" className="card">
              <h2 id="urgent-title">{t('overview.urgentTitle')}</h2>
              {urgent.length === 0 ? <p className="hint">{t('overview.urgentEmpty')}</p> : <UrgentList items={urgent} today={today} />}
            </section>
          )}
          {active.length > 0 && (
            <section aria-labelledby="list-title">
              <h2 id="list-title">{t('overview.listTitle')}</h2>
              <ul className="checklist-cards">
                {active.map((s) => <ChecklistCard key={s.bundle.checklist.id} summary={s} />)}
              </ul>
            </section>
          )}
          {archived.length > 0 && (
            <details className="archived-list">
              <summary>{t('overview.archivedTitle', { count: archived.length })}</summary>
              <ul className="checklist-cards">
                {archived.map((s) => <ChecklistCard key={s.bundle.checklist.id} summary={s} />)}
              </ul>
            </details>
          )}
        </>
      )}
    </Screen>
  );
}
