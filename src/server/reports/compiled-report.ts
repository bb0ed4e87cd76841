// The province's compiled view of a reporting period (services layer; docs/reports.md "The
// province's compiled view"): every active commune of the province — and any inactive one that
// reported — with its latest submission and whether it came on time, late, is missing, not due
// yet or was returned for correction, the communes' latest sync, the results summed, and the latest
// reports' difficulties and proposals grouped by barrier. The store does the reading and summing
// in SQL (storage/*/reports.ts); this joins the two answers, groups the texts of the submissions it
// already read (one per commune) and names everyone.
import { groupByBarrier } from '../../shared/reports/barrier-groups';
import { resultsOfSums, type CompiledCommune, type CompiledReport } from '../../shared/reports/compiled';
import { reportDueDate, submissionState } from '../../shared/reports/report-period';
import { dueDaysOf, targetRows, type TargetSettings } from '../../shared/reports/targets';
import { periodResultsSchema, reportReturnSchema } from '../../shared/schemas/period-report';
import { todayLocal, type LocalDateRange } from '../../shared/text/dates';
import { compareVi } from '../../shared/text/vietnamese';
import { readReportSettings } from '../reference/report-settings-admin';
import { indicatorValuesByCommune } from './indicator-values';
import type { SyncStore } from '../storage/types';

export async function compiledReport(store: SyncStore, provinceId: string, period: LocalDateRange, now: number): Promise<CompiledReport> {
  const query = { provinceId, periodStart: period.start, periodEnd: period.end };
  const [communes, { latest, totals }, stored, manual] = await Promise.all([
    store.reports.provinceCommunes(provinceId),
    store.reports.periodSubmissions(query),
    readReportSettings(store.records, provinceId),
    indicatorValuesByCommune(store, provinceId, period),
  ]);
  // Checked by the settings' schema when the admin published them (report-settings-admin.ts).
  const settings = stored as TargetSettings | undefined;
  // The due day the province set (reportSettings), else the default rule (docs/reports.md "Due date").
  const dueDays = dueDaysOf(settings);
  const today = todayLocal(now);
  const sent = new Map(latest.map((row) => [row.communeId, row]));
  const rows: CompiledCommune[] = communes
    .filter((commune) => commune.active || sent.has(commune.id))
    .map((commune) => {
      const submission = sent.get(commune.id) ?? null;
      // The draft's return names the submission it answers: a correction sent since clears it.
      const back = reportReturnSchema.safeParse(submission?.returned);
      const returned = submission && back.success && back.data.submissionId === submission.id ? { reason: back.data.reason, returnedAt: back.data.returnedAt } : null;
      // Checked on push by the same schema; parsed again so the answer keeps its contract.
      const results = submission ? periodResultsSchema.parse(submission.results) : null;
      return {
        communeId: commune.id,
        communeName: commune.name,
        status: returned ? ('returned' as const) : submissionState(period, submission, today, dueDays),
        returned,
        lastSyncAt: commune.lastSyncAt === null ? null : new Date(commune.lastSyncAt).toISOString(),
        submission: submission && results && {
          id: submission.id,
          version: submission.version,
          documentNumber: submission.documentNumber,
          documentDate: submission.documentDate,
          submittedAt: submission.submittedAt,
          submittedByName: submission.submittedByName,
          results,
        },
        indicators: targetRows(settings, commune.id, period, results, manual.get(commune.id) ?? new Map()),
      };
    })
    .sort((a, b) => compareVi(a.communeName, b.communeName) || (a.communeId < b.communeId ? -1 : 1));
  // The latest submissions' items, in the communes' order (sorted above), grouped by barrier.
  const named = rows.flatMap((row) => (sent.has(row.communeId) ? [{ row, submission: sent.get(row.communeId)! }] : []));
  const itemsOf = (section: 'difficulties' | 'proposals') => named.map(({ row, submission }) => ({ communeId: row.communeId, communeName: row.communeName, items: submission[section] }));
  return {
    provinceId,
    period,
    dueDate: reportDueDate(period, dueDays),
    generatedAt: new Date(now).toISOString(),
    communes: rows,
    reported: totals.reports,
    totals: resultsOfSums(totals.sums, totals.readinessPercent),
    difficultyGroups: groupByBarrier(itemsOf('difficulties')),
    proposalGroups: groupByBarrier(itemsOf('proposals')),
  };
}
