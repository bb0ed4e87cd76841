// The commune's period report to the province (docs/reports.md "Period reports"): the draft of a
// period (one per commune and period, so two leaders editing offline merge per field), the figures
// and blocked checklist items it is written from, and its submissions (never edited: a correction
// is a new version that keeps the old one). Writes go through local-write.ts.
import { db } from './db';
import { communeUserWhoMay, type CommuneUser } from './access';
import { RecordNotFoundError, ValidationError } from './errors';
import { writeRecord } from './local-write';
import { communeActivity, communeChecklists, readinessOf, type CommuneChecklists } from './reports-repository';
import {
  periodReportPatchSchema,
  reportSubmissionFieldsSchema,
  type PeriodReportPatch,
  type PeriodReportRecord,
  type PeriodResults,
  type ReportKind,
  type ReportSubmissionRecord,
} from '../../shared/schemas/period-report';
import { periodResultsOf } from '../../shared/reports/period-results';
import type { BlockedItem } from '../../shared/reports/suggestions';
import { uuidv7 } from '../../shared/sync/ids';
import { todayLocal, type LocalDateRange } from '../../shared/text/dates';

export type PeriodReportItem = PeriodReportRecord;
export type SubmissionItem = ReportSubmissionRecord;

const writer = (): Promise<CommuneUser> => communeUserWhoMay('periodReport.write');
const reader = (): Promise<CommuneUser> => communeUserWhoMay('reports.view');

/**
 * The id of a commune's draft for a period: a name-based UUID (version 8) from a SHA-256 of the
 * commune and the range, so every leader's phone opens the same record for the same period.
 */
export async function periodDraftId(communeId: string, kind: ReportKind, range: LocalDateRange): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`period-report|${communeId}|${kind}|${range.start}|${range.end}`)));
  digest[6] = (digest[6]! & 0x0f) | 0x80; // version 8
  digest[8] = (digest[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = [...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The draft of a reporting period, created on first opening (the same id on every leader's phone). */
export async function openPeriodDraft(range: LocalDateRange, defaults: { summary: string; recipients: string }, now: number = Date.now()): Promise<string> {
  const user = await writer();
  const id = await periodDraftId(user.communeId, 'period', range);
  const existing = await db.records('periodReports').get(id);
  if (existing && existing.communeId === user.communeId && !existing.deleted) return id;
  await writeRecord(
    {
      table: 'periodReports',
      recordId: id,
      fields: {
        kind: 'period',
        periodStart: range.start,
        periodEnd: range.end,
        summary: defaults.summary,
        recipients: defaults.recipients,
        signerCapacity: 'chair',
        communeId: user.communeId,
        createdBy: user.id,
        createdAt: new Date(now).toISOString(),
        deleted: false,
      },
    },
    now,
  );
  return id;
}

/** A new ad-hoc report over any range (its own random id: several may cover the same days). */
export async function createAdhocReport(range: LocalDateRange, defaults: { summary: string; recipients: string }, now: number = Date.now()): Promise<string> {
  const user = await writer();
  const id = uuidv7();
  const fields = { kind: 'adhoc' as const, periodStart: range.start, periodEnd: range.end, summary: defaults.summary, recipients: defaults.recipients, signerCapacity: 'chair' as const };
  const parsed = periodReportPatchSchema.safeParse(fields);
  if (!parsed.success) throw new ValidationError(parsed.error);
  if (range.end < range.start) throw ValidationError.of('periodEnd', 'validation.endBeforeStart');
  await writeRecord({ table: 'periodReports', recordId: id, fields: { ...fields, communeId: user.communeId, createdBy: user.id, createdAt: new Date(now).toISOString(), deleted: false } }, now);
  return id;
}

/** One report of the user's commune, or undefined. */
export async function getPeriodReport(id: string): Promise<PeriodReportItem | undefined> {
  const user = await reader();
  const row = await db.records('periodReports').get(id);
  return row && row.communeId === user.communeId && !row.deleted ? row : undefined;
}

/** The commune's reports, newest period first. */
export async function listPeriodReports(): Promise<PeriodReportItem[]> {
  const user = await reader();
  const rows = await db.records('periodReports').orderBy('periodStart').reverse().toArray();
  return rows.filter((row) => row.communeId === user.communeId && !row.deleted);
}

/** Saves some fields of a draft (only what changed, so another leader's edits to other fields stay). */
export async function updatePeriodReport(id: string, patch: PeriodReportPatch, now: number = Date.now()): Promise<void> {
  const user = await writer();
  const parsed = periodReportPatchSchema.safeParse(patch);
  if (!parsed.success) throw new ValidationError(parsed.error);
  const row = await db.records('periodReports').get(id);
  if (!row || row.communeId !== user.communeId || row.deleted) throw new RecordNotFoundError();
  await writeRecord({ table: 'periodReports', recordId: id, fields: parsed.data }, now);
}

/** The submissions of a report, newest version first. */
export async function listSubmissions(reportId: string): Promise<SubmissionItem[]> {
  const user = await reader();
  const rows = await db.records('reportSubmissions').where('reportId').equals(reportId).toArray();
  return rows.filter((row) => row.communeId === user.communeId).sort((a, b) => b.version - a.version || (a.submittedAt < b.submittedAt ? 1 : -1));
}

export interface PeriodData {
  results: PeriodResults;
  blocked: BlockedItem[];
}

/**
 * The figures of a range and the commune's blocked checklist items, read from this phone: the
 * session once, then the period's records and the checklists (read once for the readiness and the
 * blocked items) together (docs/performance.md "The period report's data").
 */
export async function loadPeriodData(range: LocalDateRange, language: 'vi' | 'en', now: number = Date.now()): Promise<PeriodData> {
  const user = await reader();
  const [activity, checklists] = await Promise.all([communeActivity(user.communeId, range, now), communeChecklists(user.communeId)]);
  return { results: periodResultsOf(activity, readinessOf(checklists, now)), blocked: blockedItems(checklists, language) };
}

function blockedItems({ checklists: all, states, templates }: CommuneChecklists, language: 'vi' | 'en'): BlockedItem[] {
  const byId = new Map(all.filter((c) => !c.deleted && c.archived !== true).map((c) => [c.id, c]));
  const out: BlockedItem[] = [];
  for (const state of states) {
    const checklist = byId.get(state.checklistId);
    if (!checklist || state.deleted || state.status !== 'blocked') continue;
    const template = templates.find((t) => t.templateId === checklist.templateId && t.version === checklist.templateVersion);
    const item = template?.items.find((i) => i.id === state.itemId);
    out.push({ checklistId: state.checklistId, itemId: state.itemId, title: item ? item.title[language] || item.title.vi : state.itemId, reason: state.blockedReason ?? null });
  }
  return out.sort((a, b) => (a.title < b.title ? -1 : 1));
}

/**
 * Marks a report sent: a new submission with its number, date, the figures and the texts as they
 * are now. The next version when the report was sent before (the old one stays, superseded).
 */
export async function submitReport(
  reportId: string,
  input: { documentNumber: string; documentDate: string; results: PeriodResults },
  now: number = Date.now(),
): Promise<SubmissionItem> {
  const user = await writer();
  const report = await db.records('periodReports').get(reportId);
  if (!report || report.communeId !== user.communeId || report.deleted) throw new RecordNotFoundError();
  const previous = (await listSubmissions(reportId))[0];
  const fields = {
    reportId,
    version: (previous?.version ?? 0) + 1,
    supersedes: previous?.id ?? null,
    kind: report.kind,
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
    documentNumber: input.documentNumber,
    documentDate: input.documentDate,
    submittedBy: user.id,
    submittedAt: new Date(now).toISOString(),
    summary: report.summary ?? null,
    results: input.results,
    resultsNote: report.resultsNote ?? null,
    difficulties: report.difficulties ?? null,
    proposals: report.proposals ?? null,
    // The items as the draft holds them, beside their text (shared/reports/report-items.ts reads both).
    ...(report.difficultyItems ? { difficultyItems: report.difficultyItems } : {}),
    ...(report.proposalItems ? { proposalItems: report.proposalItems } : {}),
    nextPlan: report.nextPlan ?? null,
    signerCapacity: report.signerCapacity ?? 'chair',
    signerName: report.signerName ?? null,
  };
  const parsed = reportSubmissionFieldsSchema.safeParse(fields);
  if (!parsed.success) throw new ValidationError(parsed.error);
  if (parsed.data.documentDate > todayLocal(now) || parsed.data.documentDate < report.periodStart) throw ValidationError.of('documentDate', 'validation.localDate');
  const stored = await writeRecord(
    { table: 'reportSubmissions', recordId: uuidv7(), fields: { ...parsed.data, communeId: user.communeId, createdBy: user.id, createdAt: new Date(now).toISOString(), deleted: false } },
    now,
  );
  return stored;
}


