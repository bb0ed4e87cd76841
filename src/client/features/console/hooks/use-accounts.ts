// The accounts list of the console: the filters, the pages loaded so far, and reloading after a
// change. The accounts live on the server (docs/accounts.md), so this needs a connection.
import { useCallback, useEffect, useState } from 'react';
import type { AccountSummary, CommuneListResponse } from '../../../../shared/admin/accounts';
import { fetchAccounts, fetchConsoleCommunes, type AccountFilters } from '../../../sync/admin-api';
import { NetworkError } from '../../../sync/errors';

export type AccountsState =
  | { kind: 'loading' }
  | { kind: 'failed'; why: 'offline' | 'failed' }
  | { kind: 'ready'; accounts: AccountSummary[]; total: number; next: number | null; loadingMore: boolean };

export const failureOf = (error: unknown): 'offline' | 'failed' => (error instanceof NetworkError ? 'offline' : 'failed');

export function useAccounts(filters: AccountFilters) {
  const [state, setState] = useState<AccountsState>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(filters);

  useEffect(() => {
    let live = true;
    fetchAccounts(JSON.parse(key) as AccountFilters).then(
      (page) => live && setState({ kind: 'ready', accounts: page.accounts, total: page.total, next: page.next, loadingMore: false }),
      (error: unknown) => live && setState({ kind: 'failed', why: failureOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [key, generation]);

  const more = useCallback(() => {
    if (state.kind !== 'ready' || state.next === null) return;
    const offset = state.next;
    setState({ ...state, loadingMore: true });
    fetchAccounts({ ...(JSON.parse(key) as AccountFilters), offset }).then(
      (page) => setState((now) => (now.kind === 'ready' ? { ...now, accounts: [...now.accounts, ...page.accounts], next: page.next, loadingMore: false } : now)),
      (error: unknown) => setState({ kind: 'failed', why: failureOf(error) }),
    );
  }, [state, key]);

  /** After a change, the changed account replaces its row (its place in the list stays). */
  const replace = useCallback((account: AccountSummary) => {
    setState((now) => (now.kind === 'ready' ? { ...now, accounts: now.accounts.map((a) => (a.id === account.id ? account : a)) } : now));
  }, []);

  return { state, more, replace, reload: useCallback(() => setGeneration((n) => n + 1), []) };
}

export function useConsoleCommunes(): CommuneListResponse['communes'] {
  const [communes, setCommunes] = useState<CommuneListResponse['communes']>([]);
  useEffect(() => {
    let live = true;
    fetchConsoleCommunes().then(
      (answer) => live && setCommunes(answer.communes),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return communes;
}
