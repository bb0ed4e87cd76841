// A console list read from the server page by page (accounts, devices): the filters, the pages
// loaded so far, "more", a changed item put back in its place, and reloading after a change.
// The console's data lives on the server, so this needs a connection.
import { useCallback, useEffect, useState } from 'react';
import { NetworkError } from '../../../sync/errors';

export type Failure = 'offline' | 'failed';
export const failureOf = (error: unknown): Failure => (error instanceof NetworkError ? 'offline' : 'failed');

/** What every console page carries besides its items. */
export interface Page {
  total: number;
  next: number | null;
}

export type PagedState<I, P extends Page> =
  | { kind: 'loading' }
  | { kind: 'failed'; why: Failure }
  | { kind: 'ready'; items: I[]; total: number; next: number | null; loadingMore: boolean; first: P };

export function usePagedList<F extends { offset?: number }, P extends Page, I extends { id: string }>(
  fetchPage: (filters: F) => Promise<P>,
  itemsOf: (page: P) => I[],
  filters: F,
) {
  const [state, setState] = useState<PagedState<I, P>>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(filters);

  useEffect(() => {
    let live = true;
    fetchPage(JSON.parse(key) as F).then(
      (page) => live && setState({ kind: 'ready', items: itemsOf(page), total: page.total, next: page.next, loadingMore: false, first: page }),
      (error: unknown) => live && setState({ kind: 'failed', why: failureOf(error) }),
    );
    return () => {
      live = false;
    };
    // fetchPage and itemsOf are module functions (stable): the filters (key) and reloads decide.
  }, [fetchPage, itemsOf, key, generation]);

  const more = useCallback(() => {
    if (state.kind !== 'ready' || state.next === null) return;
    const offset = state.next;
    setState({ ...state, loadingMore: true });
    fetchPage({ ...(JSON.parse(key) as F), offset }).then(
      (page) => setState((now) => (now.kind === 'ready' ? { ...now, items: [...now.items, ...itemsOf(page)], next: page.next, loadingMore: false } : now)),
      (error: unknown) => setState({ kind: 'failed', why: failureOf(error) }),
    );
  }, [fetchPage, itemsOf, state, key]);

  /** After a change, the changed item replaces its row (its place in the list stays). */
  const replace = useCallback((item: I) => {
    setState((now) => (now.kind === 'ready' ? { ...now, items: now.items.map((i) => (i.id === item.id ? item : i)) } : now));
  }, []);

  return { state, more, replace, reload: useCallback(() => setGeneration((n) => n + 1), []) };
}
