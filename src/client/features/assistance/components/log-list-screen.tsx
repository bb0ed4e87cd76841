// /assistance: the logs, newest first, windowed and paged, with filters and diacritic-insensitive
// search. The follow-ups tab shows how many are due.
import { useCallback, useEffect, useId, useMemo, useState, type MouseEvent, type ReactElement } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SearchField } from '../../../components/ui/search-field';
import { can } from '../../../../shared/permissions';
import { OUTCOMES } from '../../../../shared/schemas/assistance-log';
import type { LogFilter, LogListItem } from '../../../data/assistance-list';
import type { SessionUser } from '../../../data/session-repository';
import { useLogList } from '../hooks/use-log-list';
import { useServiceNames, useVillageNames } from '../hooks/use-reference-data';
import { AssistanceTabs } from './assistance-tabs';
import { activeFilterCount, filterFromParams, filterToParams, LogFilters } from './log-filters';
import { logRowHeight, LogRow } from './log-row';
import { VirtualList } from '../../../components/ui/virtual-list';

const SEARCH_DELAY_MS = 250;

/**
 * A search stopped at its window (docs/security.md "Lists and search"): how far it looked, and a
 * button to look further back.
 */
function SearchPaused({ rows, found, onMore }: { rows: number; found: number; onMore: () => void }): ReactElement {
  const { t } = useTranslation('assistance');
  return (
    // Nothing found yet: it stands where the empty list's notice would (the same look).
    <div className={found === 0 ? 'search-paused empty-state' : 'search-paused'} role="status">
      <p>{t('list.searched', { rows })}</p>
      <button type="button" className="button" onClick={onMore}>{t('list.searchOn')}</button>
    </div>
  );
}

export function LogListScreen({ user }: { user: SessionUser }): ReactElement {
  const { t } = useTranslation('assistance');
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const setFilter = useCallback((next: LogFilter) => setParams(filterToParams(next), { replace: true }), [setParams]);
  const [showFilters, setShowFilters] = useState(false);
  const [query, setQuery] = useState(filter.search ?? '');
  // The URL may change under the screen (back and forward): the search box follows it.
  const urlSearch = filter.search ?? '';
  const [shownSearch, setShownSearch] = useState(urlSearch);
  if (shownSearch !== urlSearch) {
    setShownSearch(urlSearch);
    setQuery(urlSearch);
  }
  const searchId = useId();

  // Search as the member types, without a query per keystroke.
  useEffect(() => {
    if ((filter.search ?? '') === query) return undefined;
    const timer = setTimeout(() => setFilter({ ...filter, search: query.trim() === '' ? undefined : query }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, filter, setFilter]);

  const list = useLogList(filter);
  const names = useServiceNames();
  const villages = useVillageNames();
  const active = activeFilterCount(filter);
  // The rows' links are plain anchors (log-row.tsx): a plain click on one opens the log in the app,
  // as a router Link would; a click with a modifier key is left to the browser.
  const navigate = useNavigate();
  const openRow = useCallback((event: MouseEvent<HTMLElement>) => {
    const href = (event.target as Element).closest('a.log-row-link')?.getAttribute('href');
    if (!href || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void navigate(href);
  }, [navigate]);
  // The four outcomes' words, looked up once per language rather than by i18next for each row
  // entering the window (a tenth of a scroll step's script, docs/performance.md "Scrolling the log list").
  const outcomes = useMemo(() => new Map(OUTCOMES.map((outcome) => [outcome, t(`outcomes.${outcome}`)])), [t]);
  const renderRow = useCallback(
    (log: LogListItem) => <LogRow log={log} service={names(log.serviceId)} outcome={outcomes.get(log.outcome) ?? log.outcome} village={villages(log.villageId)} />,
    [names, villages, outcomes],
  );

  return (
    <Screen
      title={t('title')}
      actions={can(user.role, 'log.create') ? <Link className="button primary" to="/assistance/new">{t('list.new')}</Link> : undefined}
    >
      <AssistanceTabs />
      <div className="list-tools">
        <SearchField id={searchId} label={t('list.search')} hideLabel placeholder={t('list.searchPlaceholder')} value={query} onChange={setQuery} />
        <button type="button" className="button" aria-expanded={showFilters} aria-controls="log-filters" onClick={() => setShowFilters((v) => !v)}>
          {active > 0 ? t('list.filtersActive', { count: active }) : t('list.filters')}
        </button>
      </div>
      <div id="log-filters" hidden={!showFilters}>
        <LogFilters filter={filter} onChange={setFilter} />
      </div>
      {list.loading ? (
        <p role="status">{t('loading')}</p>
      ) : list.items.length === 0 ? (
        list.paused !== null ? (
          <SearchPaused rows={list.paused} found={0} onMore={list.loadMore} />
        ) : (
          <EmptyState>{active > 0 || filter.search ? t('list.noMatch') : can(user.role, 'log.create') ? t('list.emptyCanLog') : t('list.empty')}</EmptyState>
        )
      ) : (
        <>
        <VirtualList
          items={list.items}
          rowHeight={logRowHeight}
          getKey={(log) => log.id}
          renderRow={renderRow}
          onClick={openRow}
          setSize={list.done ? list.items.length : -1}
          label={t('list.label')}
          onEndReached={list.done || list.paused !== null ? undefined : list.loadMore}
        />
        {list.paused !== null ? <SearchPaused rows={list.paused} found={list.items.length} onMore={list.loadMore} /> : null}
        </>
      )}
      <p className="list-footer">
        <Link to="/assistance/villages">{t('villages.manageLink')}</Link>
      </p>
    </Screen>
  );
}
