// Live reads for the period report screens: the draft, its submissions and the period's figures,
// recomputed whenever a record changes here, in another tab or by sync (hooks/use-loaded.ts).
import { useTranslation } from 'react-i18next';
import { getPeriodReport, listPeriodReports, listSubmissions, loadPeriodData, type PeriodData, type PeriodReportItem, type SubmissionItem } from '../../../data/period-report-repository';
import { useCommuneNameOf } from '../../../hooks/use-people';
import { useLoaded, type Loaded } from '../../../hooks/use-loaded';
import type { LocalDateRange } from '../../../../shared/text/dates';

const useLive = <T,>(query: () => Promise<T>, deps: unknown[]): Loaded<T> => useLoaded('period report query', query, deps);

export const useReport = (id: string): Loaded<PeriodReportItem | undefined> => useLive(() => getPeriodReport(id), [id]);
export const useSubmissions = (id: string): Loaded<SubmissionItem[]> => useLive(() => listSubmissions(id), [id]);
export const useReports = (): Loaded<{ report: PeriodReportItem; sent: SubmissionItem | undefined }[]> =>
  useLive(async () => Promise.all((await listPeriodReports()).map(async (report) => ({ report, sent: (await listSubmissions(report.id))[0] }))), []);

export function usePeriodData(range: LocalDateRange, language: 'vi' | 'en'): Loaded<PeriodData> {
  return useLive(() => loadPeriodData(range, language), [range.start, range.end, language]);
}

/** The commune's name for the document; "Xã ……" (to fill in by hand) when nothing names it, never its id. */
export function useCommune(communeId: string): string | undefined {
  const { t } = useTranslation('periodReport');
  const name = useCommuneNameOf(communeId);
  return name === undefined ? undefined : (name ?? t('doc.communeUnknown'));
}
