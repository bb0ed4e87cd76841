// The virtualised list's data: pages appended as the member scrolls, reloaded when the filters
// change or when any log changes (a save here, an undo, a sync pull, another tab). A search reads a
// window of rows at a time and then waits for the member's "Tìm tiếp" (docs/security.md "Lists
// and search").
import { useCallback, useEffect, useRef, useState } from 'react';
import { DEFAULT_PAGE_SIZE, listLogs, onLogsChanged, type LogCursor, type LogFilter, type LogListItem, type LogPage } from '../../../data/assistance-list';
import { SEARCH_WINDOW } from '../../../data/search-window';
import { log } from '../../../lib/log';

export interface LogListState {
  items: LogListItem[];
  /** True until the first page of the current filters has arrived. */
  loading: boolean;
  done: boolean;
  /**
   * A search that stopped at its window before the list's end: how many rows it has read so far.
   * The screen says so and offers loadMore ("Tìm tiếp"); scrolling does not search on by itself.
   */
  paused: number | null;
  loadMore: () => void;
}

interface Loaded {
  /** The filters these rows answer; while it differs from the current filters, the list is loading. */
  key: string;
  items: LogListItem[];
  next: LogCursor | null;
  /** A search: the rows read so far and whether it stopped at its window. */
  searched: LogPage['searched'];
}

export function useLogList(filter: LogFilter): LogListState {
  const filterKey = JSON.stringify(filter);
  const [loaded, setLoaded] = useState<Loaded>({ key: '', items: [], next: null, searched: undefined });
  // The filters' generation: an answer to older filters is dropped.
  const generation = useRef(0);
  // A read (first page, reload or next page) is in flight; `stale`: logs changed meanwhile.
  const busy = useRef(false);
  const stale = useRef(false);
  const count = useRef(0);
  // The rows a search has read so far: a reload reads as many again, so the list does not shrink.
  const searchedRows = useRef(0);

  // A change while a read is in flight is not a new read: it marks the list stale, and one reload
  // follows when the read is done. Restarting on each change starved the list while the retention
  // purge or a pull wrote batch after batch: every answer was dropped for a newer read, and over
  // 100,000 logs the screen showed no rows for minutes (docs/performance.md "The log list").
  const reload = useCallback(
    (keep: number) => {
      const current = generation.current;
      const read = (rows: number): void => {
        busy.current = true;
        stale.current = false;
        listLogs(JSON.parse(filterKey) as LogFilter, { limit: Math.max(DEFAULT_PAGE_SIZE, rows), window: Math.max(SEARCH_WINDOW, searchedRows.current) })
          .then((page) => {
            if (current !== generation.current) return;
            count.current = page.items.length;
            searchedRows.current = page.searched?.rows ?? 0;
            setLoaded({ key: filterKey, items: page.items, next: page.next, searched: page.searched });
          })
          .catch((error: unknown) => log.error('log list failed', error))
          .finally(() => {
            if (current !== generation.current) return;
            busy.current = false;
            if (stale.current) read(count.current);
          });
      };
      read(keep);
    },
    [filterKey],
  );

  useEffect(() => {
    generation.current += 1;
    searchedRows.current = 0;
    reload(DEFAULT_PAGE_SIZE);
  }, [reload]);
  // Keep as many rows as are already loaded (the member may have scrolled far) when data changes.
  useEffect(
    () =>
      onLogsChanged(() => {
        if (busy.current) stale.current = true;
        else reload(count.current);
      }),
    [reload],
  );

  const { next } = loaded;
  const loadMore = useCallback(() => {
    if (busy.current || next === null) return;
    busy.current = true;
    const current = generation.current;
    listLogs(JSON.parse(filterKey) as LogFilter, { after: next, limit: DEFAULT_PAGE_SIZE * 2 })
      .then((page) => {
        if (current !== generation.current) return;
        setLoaded((previous) => {
          count.current = previous.items.length + page.items.length;
          const searched = page.searched && { rows: (previous.searched?.rows ?? 0) + page.searched.rows, paused: page.searched.paused };
          searchedRows.current = searched?.rows ?? 0;
          return { key: previous.key, items: [...previous.items, ...page.items], next: page.next, searched };
        });
      })
      .catch((error: unknown) => log.error('log list page failed', error))
      .finally(() => {
        if (current !== generation.current) return;
        busy.current = false;
        if (stale.current) reload(count.current);
      });
  }, [filterKey, next, reload]);

  const current = loaded.key === filterKey;
  const paused = current && loaded.searched?.paused ? loaded.searched.rows : null;
  return { items: current ? loaded.items : [], loading: !current, done: !current || next === null, paused, loadMore };
}
