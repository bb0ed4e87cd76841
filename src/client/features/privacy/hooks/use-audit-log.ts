// The pages of the audit log read so far, from the server (the log lives there: docs/privacy.md
// "Audit log"). Reading needs a connection; a failure says whether the phone was offline.
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '../../../../shared/privacy/audit';
import { fetchAuditPage } from '../../../sync/audit-api';
import { HttpError, NetworkError } from '../../../sync/errors';

export type AuditLogState =
  | { kind: 'loading' }
  | { kind: 'ready'; events: AuditEntry[]; next: number | null; loadingMore: boolean }
  | { kind: 'failed'; why: 'offline' | 'forbidden' | 'failed' };

function failure(error: unknown): AuditLogState {
  if (error instanceof NetworkError) return { kind: 'failed', why: 'offline' };
  if (error instanceof HttpError && error.status === 403) return { kind: 'failed', why: 'forbidden' };
  return { kind: 'failed', why: 'failed' };
}

export function useAuditLog(): { state: AuditLogState; reload: () => void; more: () => void } {
  const [state, setState] = useState<AuditLogState>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    fetchAuditPage()
      .then((page) => live && setState({ kind: 'ready', events: page.events, next: page.next, loadingMore: false }))
      .catch((error: unknown) => live && setState(failure(error)));
    return () => {
      live = false;
    };
  }, [generation]);

  const reload = useCallback(() => {
    setState({ kind: 'loading' });
    setGeneration((g) => g + 1);
  }, []);

  const more = useCallback(() => {
    if (state.kind !== 'ready' || state.next === null || state.loadingMore) return;
    const { events, next } = state;
    setState({ ...state, loadingMore: true });
    fetchAuditPage(next)
      .then((page) => setState({ kind: 'ready', events: [...events, ...page.events], next: page.next, loadingMore: false }))
      .catch((error: unknown) => setState(failure(error)));
  }, [state]);

  return { state, reload, more };
}
