// One checklist (/checklists/:id): progress, sign-offs, filters and the items grouped by category.
// The item sheet is part of the URL (?item=…), so Android's back button closes it and a link from
// the overview opens an item directly.
import { useCallback, useMemo, type ReactElement } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { SessionUser } from '../../../data/session-repository';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { checklistAccess } from '../../../../shared/checklists/access';
import { foldForSearch } from '../../../../shared/text/vietnamese';
import type { ItemView } from '../../../../shared/checklists/progress';
import { useChecklistBundle } from '../hooks/use-checklists';
import { useItemActions } from '../hooks/use-item-actions';
import { useLabels } from '../hooks/use-labels';
import { useToday } from '../../../hooks/use-today';
import { summarize } from '../utils/summaries';
import { ChecklistFacts } from './checklist-facts';
import { isItemFilter, ItemFilters, type ItemFilter } from './item-filters';
import { ItemGroups } from './item-groups';
import { ItemSheet } from './item-sheet';
import { ProgressSummary } from './progress-summary';
import { SignOffSection } from './sign-off-section';

/** "Mine": the responsible person typed on the item is my display name or username, ignoring case and diacritics. */
function mineMatcher(user: SessionUser): (view: ItemView) => boolean {
  const names = new Set([foldForSearch(user.displayName), foldForSearch(user.username)]);
  return (view) => view.assignee !== null && names.has(foldForSearch(view.assignee));
}

export function ChecklistScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useLabels();
  const { checklistId = '' } = useParams();
  const bundle = useChecklistBundle(checklistId, user);
  const today = useToday();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const actions = useItemActions(checklistId);
  const access = checklistAccess(user.role);
  const summary = useMemo(() => (bundle ? summarize(bundle, today) : undefined), [bundle, today]);

  const filterParam = params.get('filter');
  const filter: ItemFilter = isItemFilter(filterParam) ? filterParam : 'all';
  const openItemId = params.get('item');

  const setParam = useCallback(
    (key: string, value: string | null, options: { replace: boolean; state?: unknown }) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value === null) next.delete(key);
          else next.set(key, value);
          return next;
        },
        options,
      );
    },
    [setParams],
  );
  const openItem = useCallback((itemId: string) => setParam('item', itemId, { replace: false, state: { sheet: true } }), [setParam]);
  const closeItem = useCallback(() => {
    // Opened from this list: going back pops the sheet's history entry. Opened by a link: just drop it.
    if ((location.state as { sheet?: boolean } | null)?.sheet) void navigate(-1);
    else setParam('item', null, { replace: true });
  }, [location.state, navigate, setParam]);

  if (bundle === undefined) {
    return (
      <Screen title={t('title')}>
        <p role="status">{t('loading')}</p>
      </Screen>
    );
  }
  if (bundle === null || !summary) {
    return (
      <Screen title={t('title')}>
        <EmptyState>{t('checklist.notFound')}</EmptyState>
        <Link className="button link-button" to="/checklists">{t('back')}</Link>
      </Screen>
    );
  }

  const { checklist } = bundle;
  const editable = access.updateItems && !checklist.archived;
  const isMine = mineMatcher(user);
  const counts: Record<ItemFilter, number> = {
    all: summary.views.length,
    overdue: summary.views.filter((v) => v.overdue).length,
    blocked: summary.views.filter((v) => v.status === 'blocked').length,
    mine: summary.views.filter((v) => isMine(v)).length,
  };
  const visible = summary.views.filter((v) => filter === 'all' || (filter === 'overdue' ? v.overdue : filter === 'blocked' ? v.status === 'blocked' : isMine(v)));
  const openView = openItemId ? summary.views.find((v) => v.item.id === openItemId) : undefined;

  return (
    <Screen title={checklist.title}>
      <Link className="back-link" to="/checklists">{t('back')}</Link>
      <ChecklistFacts bundle={bundle} user={user} />
      {summary.progress ? <ProgressSummary progress={summary.progress} /> : <p className="notice">{t('card.templateMissing', { version: checklist.templateVersion })}</p>}
      <SignOffSection
        checklistId={checklist.id}
        signOffs={bundle.signOffs}
        user={user}
        canSignOff={access.signOff && !checklist.archived}
        complete={summary.progress?.complete ?? false}
        pending={summary.views.filter((v) => v.status !== 'done' && v.status !== 'na')}
        onOpenItem={openItem}
      />
      {bundle.template && (
        <section aria-labelledby="items-title">
          <h2 id="items-title">{t('checklist.itemsTitle')}</h2>
          {!access.updateItems && <p className="hint">{t('checklist.readOnly')}</p>}
          <ItemFilters value={filter} counts={counts} onChange={(next) => setParam('filter', next === 'all' ? null : next, { replace: true })} />
          {filter === 'mine' && <p className="hint">{t('filter.mineHint', { name: user.displayName })}</p>}
          <div role="status" className="action-status" aria-live="polite">
            {actions.error && <span className="field-error">{actions.error}</span>}
            {!actions.error && actions.message}
            {actions.canUndo && !actions.error && (
              <button type="button" className="button undo-button" onClick={actions.undo}>{t('item.undo')}</button>
            )}
          </div>
          {visible.length === 0 ? (
            <EmptyState>{t('filter.empty')}</EmptyState>
          ) : (
            <ItemGroups views={visible} categories={bundle.template.categories} today={today} canUpdate={editable} onCycle={actions.cycle} onOpen={openItem} />
          )}
        </section>
      )}
      {openView && <ItemSheet key={openView.item.id} view={openView} user={user} editable={editable} onSave={(changes) => actions.save(openView.item.id, changes)} onClose={closeItem} />}
    </Screen>
  );
}
