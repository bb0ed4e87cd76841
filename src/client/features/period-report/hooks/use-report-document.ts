// The document model of a report for the screen, the print view and the Word file: the draft's
// texts (or a submission's, once sent), the period's figures, the province's indicators against
// the commune's targets (computed ones from the same figures) and the commune's name.
import { useTranslation } from 'react-i18next';
import type { PeriodReportItem, SubmissionItem } from '../../../data/period-report-repository';
import { usePeriodTargets } from '../../../hooks/use-period-targets';
import { useToday } from '../../../hooks/use-today';
import { itemsOf } from '../../../../shared/reports/report-items';
import type { PeriodResults } from '../../../../shared/schemas/period-report';
import { buildReportDocument, type ReportDocument } from '../utils/report-document';

export function useReportDocument(report: PeriodReportItem, results: PeriodResults, communeName: string, sent?: SubmissionItem): ReportDocument {
  const { t } = useTranslation('periodReport');
  // A draft is dated today (a sent report keeps its document date).
  const today = useToday();
  const source = sent ?? report;
  const range = { start: report.periodStart, end: report.periodEnd };
  const targets = usePeriodTargets(report.communeId, range, sent?.results ?? results);
  return buildReportDocument(
    {
      communeName,
      range,
      results: sent?.results ?? results,
      summary: source.summary,
      resultsNote: source.resultsNote,
      difficulties: itemsOf(source, 'difficulties'),
      proposals: itemsOf(source, 'proposals'),
      nextPlan: source.nextPlan,
      recipients: report.recipients,
      signerCapacity: source.signerCapacity,
      signerName: source.signerName,
      documentNumber: sent?.documentNumber ?? null,
      documentDate: sent?.documentDate ?? today,
      // Targets are set per reporting period: an ad-hoc report's range has none of its own.
      targets: targets.status === 'ready' && report.kind === 'period' ? targets.value : [],
    },
    t,
  );
}
