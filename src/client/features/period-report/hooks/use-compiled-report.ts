// The province's compiled view of one reporting period, read from the server (online only: the
// view is the server's sums over every commune's submission). A retry asks again; an answer that
// arrives after the period changed is dropped.
import { useEffect, useState } from 'react';
import { fetchCompiledReport } from '../../../sync/reports-api';
import { HttpError, NetworkError, SignedOutError } from '../../../sync/errors';
import { log } from '../../../lib/log';
import type { CompiledReport } from '../../../../shared/reports/compiled';
import type { LocalDateRange } from '../../../../shared/text/dates';

export type CompiledState = { status: 'loading' } | { status: 'ready'; report: CompiledReport } | { status: 'offline' | 'signedOut' | 'forbidden' | 'failed' };

function failureOf(error: unknown): CompiledState {
  if (error instanceof NetworkError) return { status: 'offline' };
  if (error instanceof SignedOutError) return { status: 'signedOut' };
  if (error instanceof HttpError && error.status === 403) return { status: 'forbidden' };
  return { status: 'failed' };
}

export function useCompiledReport(period: LocalDateRange): { state: CompiledState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ key: string; state: CompiledState } | null>(null);
  const key = `${period.start}/${period.end}/${attempt}`;
  useEffect(() => {
    let live = true;
    fetchCompiledReport({ start: period.start, end: period.end })
      .then((report) => live && setAnswer({ key, state: { status: 'ready', report } }))
      .catch((error: unknown) => {
        log.warn('compiled report failed', error instanceof Error ? error.message : error);
        if (live) setAnswer({ key, state: failureOf(error) });
      });
    return () => {
      live = false;
    };
  }, [key, period.start, period.end]);
  return { state: answer?.key === key ? answer.state : { status: 'loading' }, retry: () => setAttempt((n) => n + 1) };
}
