// One citizen's history (docs/privacy.md "One citizen's history"): what this phone holds, read
// offline, and the server's audit events about the citizen when there is a connection. The
// phone's part never waits for the server's.
import { useCallback, useRef, useState } from 'react';
import type { CitizenHistory } from '../../../../shared/privacy/audit';
import type { CitizenQuery } from '../../../../shared/privacy/erasure';
import { localCitizenHistory, type LocalCitizenHistory } from '../../../data/citizen-history-repository';
import { HttpError, NetworkError } from '../../../sync/errors';
import { fetchCitizenHistory } from '../../../sync/privacy-api';

export type ServerPart = { kind: 'loading' } | { kind: 'ready'; history: CitizenHistory } | { kind: 'failed'; why: 'offline' | 'forbidden' | 'failed' };

export type HistoryState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; local: LocalCitizenHistory; server: ServerPart };

function failure(error: unknown): ServerPart {
  if (error instanceof NetworkError) return { kind: 'failed', why: 'offline' };
  if (error instanceof HttpError && error.status === 403) return { kind: 'failed', why: 'forbidden' };
  return { kind: 'failed', why: 'failed' };
}

export function useCitizenHistory(): { state: HistoryState; look: (query: CitizenQuery) => void } {
  const [state, setState] = useState<HistoryState>({ kind: 'idle' });
  // A later lookup wins: an older one's answer arriving last is dropped.
  const latest = useRef(0);

  const look = useCallback((query: CitizenQuery) => {
    const run = ++latest.current;
    setState({ kind: 'loading' });
    void (async () => {
      let local: LocalCitizenHistory;
      try {
        local = await localCitizenHistory(query);
      } catch {
        if (run === latest.current) setState({ kind: 'failed' });
        return;
      }
      if (run !== latest.current) return;
      setState({ kind: 'ready', local, server: { kind: 'loading' } });
      const server = await fetchCitizenHistory(query).then((history): ServerPart => ({ kind: 'ready', history }), failure);
      if (run === latest.current) setState({ kind: 'ready', local, server });
    })();
  }, []);

  return { state, look };
}
