// Live report data from IndexedDB: recomputed whenever a log, session, checklist or reference row
// changes (here, in another tab, or by sync; hooks/use-loaded.ts).
import { useEffect } from 'react';
import { loadActivity, loadReadiness, prepareReports, saveCommuneInfo, type ActivityData } from '../../../data/reports-repository';
import { fetchCommuneInfo } from '../../../sync/reports-api';
import { log } from '../../../lib/log';
import { useLoaded, type Loaded } from '../../../hooks/use-loaded';
import type { ReadinessReport } from '../../../../shared/reports/readiness';
import type { LocalDateRange } from '../../../../shared/text/dates';

const useLive = <T,>(query: () => Promise<T>, deps: unknown[]): Loaded<T> => useLoaded('report query', query, deps);

/** Puts the shipped catalogue and templates on the phone before the first report (once per screen). */
export function usePrepareReports(): void {
  useEffect(() => {
    // The live queries re-run by themselves when the seeded rows land.
    prepareReports().catch((error: unknown) => log.warn('report reference seed failed', error));
  }, []);
}

export function useActivity(range: LocalDateRange | null): Loaded<ActivityData> | null {
  const start = range?.start;
  const end = range?.end;
  const loaded = useLive(async () => (start && end ? loadActivity({ start, end }) : null), [start, end]);
  if (!range) return null;
  return loaded.status === 'ready' && loaded.value === null ? { status: 'loading' } : (loaded as Loaded<ActivityData>);
}

export function useReadiness(): Loaded<ReadinessReport> {
  return useLive(async () => loadReadiness(), []);
}

/**
 * Asks the server once per visit how it names the commune and keeps the answer, so the printed
 * report has the official name offline. Silent when offline: the last answer (or the shipped list
 * of communes) stays in use.
 */
export function useRefreshCommuneName(communeId: string): void {
  useEffect(() => {
    if (!navigator.onLine) return;
    fetchCommuneInfo()
      .then((info) => (info.id === communeId ? saveCommuneInfo(info) : undefined))
      .catch((error: unknown) => log.info('commune name not refreshed', error instanceof Error ? error.message : error));
  }, [communeId]);
}
