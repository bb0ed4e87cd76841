// The period of a report lives in the URL (?p=period|month|quarter|custom&from=…&to=…), so the
// printable page, a reload or a link shared in Zalo shows the same period.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { checkRange, isPeriodPreset, presetRange, type PeriodPreset, type PeriodProblem } from '../../../../shared/reports/period';
import type { LocalDate, LocalDateRange } from '../../../../shared/text/dates';
import { useToday } from '../../../hooks/use-today';

export interface PeriodChoice {
  preset: PeriodPreset;
  /** What the custom date inputs show (the preset's range when not custom). */
  from: string;
  to: string;
}

export interface PeriodState extends PeriodChoice {
  /** null while a custom period is incomplete or wrong. */
  range: LocalDateRange | null;
  problem: PeriodProblem | null;
  /** The query string that names this period ("p=custom&from=…&to=…"). */
  query: string;
}

export function periodState(params: URLSearchParams, today: LocalDate): PeriodState {
  const raw = params.get('p');
  const preset: PeriodPreset = isPeriodPreset(raw) ? raw : 'period';
  if (preset !== 'custom') {
    const range = presetRange(preset, today);
    return { preset, from: range.start, to: range.end, range, problem: null, query: `p=${preset}` };
  }
  const fallback = presetRange('period', today);
  const from = params.get('from') ?? fallback.start;
  const to = params.get('to') ?? fallback.end;
  const check = checkRange(from, to);
  const query = new URLSearchParams({ p: 'custom', from, to }).toString();
  return check.ok ? { preset, from, to, range: check.range, problem: null, query } : { preset, from, to, range: null, problem: check.problem, query };
}

export function usePeriod(): [PeriodState, (choice: PeriodChoice) => void] {
  const today = useToday();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => periodState(params, today), [params, today]);
  const choose = useCallback(
    (choice: PeriodChoice) => {
      const next: Record<string, string> = choice.preset === 'custom' ? { p: 'custom', from: choice.from, to: choice.to } : { p: choice.preset };
      setParams(next, { replace: true });
    },
    [setParams],
  );
  return [state, choose];
}
