// The province's communes as the communes screen shows them (docs/accounts.md "Communes"): read from
// the server (the console needs a connection), reloaded after a change or a conflict.
import { useCallback, useEffect, useState } from 'react';
import type { CommuneSummary } from '../../../../shared/admin/communes';
import { fetchConsoleCommunes } from '../../../sync/admin-api';
import { failureOf, type Failure } from './use-paged-list';

export type CommunesState = { kind: 'loading' } | { kind: 'failed'; why: Failure } | { kind: 'ready'; communes: CommuneSummary[] };

async function load(): Promise<CommunesState> {
  try {
    return { kind: 'ready', communes: (await fetchConsoleCommunes()).communes };
  } catch (error) {
    return { kind: 'failed', why: failureOf(error) };
  }
}

export function useCommunes(): { state: CommunesState; reload: () => Promise<CommuneSummary[]> } {
  const [state, setState] = useState<CommunesState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void load().then((loaded) => live && setState(loaded));
    return () => {
      live = false;
    };
  }, []);
  /** Reads the list again and gives it to the caller (a conflict shows the commune's name now). */
  const reload = useCallback(async () => {
    const loaded = await load();
    setState(loaded);
    return loaded.kind === 'ready' ? loaded.communes : [];
  }, []);
  return { state, reload };
}
