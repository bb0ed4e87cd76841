// periodReports and reportSubmissions: a commune's report to the province for a reporting period
// (docs/reports.md "Period reports"). A draft is one record per commune and period, edited by the
// commune's leaders and merged per field like any record; a submission is the report as it was
// sent (number, date, figures, texts) and is never edited: a correction is a new submission with
// the next version, and the old one stays.
import { z } from 'zod';
import { BARRIERS, HELPED_PARTIES, OUTCOMES } from './assistance-log';
import { AUDIENCES } from './group-session';
import { SERVICE_GROUPS } from './service';
import { clearable, enumSchema, idSchema, intSchema, isoDateTimeSchema, localDateSchema, nfcString, patchExtras, recordMetaSchema, strictObject, typeError, uniqueListSchema } from './common';

export const REPORT_KINDS = ['period', 'adhoc'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Who signs (Decree 30/2020 signature block): on behalf of the committee (TM., the chair) or as deputy (KT.). */
export const SIGNER_CAPACITIES = ['chair', 'deputy'] as const;
export type SignerCapacity = (typeof SIGNER_CAPACITIES)[number];

/** The free-text sections a leader writes; suggestions are offered for each. */
export const TEXT_SECTIONS = ['difficulties', 'proposals', 'nextPlan'] as const;
export type TextSection = (typeof TEXT_SECTIONS)[number];

/** The longest free text of a part of the report (the leader's notes, the next period's plan). */
export const REPORT_TEXT_MAX = 8000;
const COUNT_MAX = 100_000_000;
const count = intSchema(0, COUNT_MAX);
const countsOf = <const K extends readonly [string, ...string[]]>(keys: K) =>
  strictObject(Object.fromEntries(keys.map((k) => [k, count])) as Record<K[number], typeof count>);

/** The document number as it is written after "Số:", e.g. "14/BC-UBND". */
export const documentNumberSchema = nfcString(1, 40).refine((s) => /^[0-9A-Za-zĐđ][0-9A-Za-zĐđ./-]*$/.test(s), { error: 'validation.documentNumber' });

const textSchema = clearable(nfcString(0, REPORT_TEXT_MAX));

/**
 * Difficulties and proposals are lists of short items, each tagged with the barrier it is about or
 * none ("Khác"), so the province can group them by barrier (docs/reports.md "Difficulties and
 * proposals by barrier"). The list is one field: the merge keeps the latest list as a whole.
 */
export const ITEM_SECTIONS = ['difficulties', 'proposals'] as const;
export type ItemSection = (typeof ITEM_SECTIONS)[number];
export const ITEMS_FIELD = { difficulties: 'difficultyItems', proposals: 'proposalItems' } as const satisfies Record<ItemSection, string>;
export const REPORT_ITEM_TEXT_MAX = 1000;
export const REPORT_ITEMS_MAX = 30;
export const reportItemSchema = strictObject({
  text: nfcString(1, REPORT_ITEM_TEXT_MAX),
  barrier: enumSchema(BARRIERS).nullable(),
});
export type ReportItem = z.infer<typeof reportItemSchema>;
const itemsSchema = z.array(reportItemSchema, { error: typeError }).max(REPORT_ITEMS_MAX, { error: 'validation.tooMany' }).optional();
/** The old free text of an item section, still written as the items' lines (report-items.ts): room for every item. */
const itemTextSchema = clearable(nfcString(0, REPORT_ITEMS_MAX * (REPORT_ITEM_TEXT_MAX + 1)));

/** The figures of the period, computed on the phone from its records (reports/period-results.ts). */
export const periodResultsSchema = strictObject({
  logs: count,
  onTeamDevice: count,
  outcomes: countsOf(OUTCOMES),
  byGroup: countsOf(SERVICE_GROUPS),
  onlineSubmission: countsOf(['full', 'partial']),
  helped: countsOf([...HELPED_PARTIES, 'unrecorded']),
  sessions: count,
  participants: count,
  trained: countsOf([...AUDIENCES, 'unrecorded']),
  /** Completed help towards the plan's account and smartphone targets; absent from reports sent before it was counted. */
  reached: countsOf(['paymentAccount', 'smartphone']).optional(),
  barriers: countsOf(BARRIERS),
  readinessPercent: intSchema(0, 100).nullable(),
  blockedItems: count,
  overdueItems: count,
  followUpsOpen: count,
});
export type PeriodResults = z.infer<typeof periodResultsSchema>;

/**
 * The province returned a sent report for correction (docs/reports.md "Returned for correction"):
 * which submission, why and when. Written on the commune's draft by the server only (registry.ts),
 * so every leader's phone shows it until a correction is sent.
 */
export const RETURN_REASON_MAX = 1000;
export const reportReturnSchema = strictObject({
  submissionId: idSchema,
  version: intSchema(1, 1000),
  reason: nfcString(1, RETURN_REASON_MAX),
  returnedAt: isoDateTimeSchema,
});
export type ReportReturn = z.infer<typeof reportReturnSchema>;

/** The draft's fields. Both leaders may write any of them (but `returned`); the merge keeps the latest per field. */
export const periodReportFieldsObject = strictObject({
  kind: enumSchema(REPORT_KINDS),
  periodStart: localDateSchema,
  periodEnd: localDateSchema,
  /** The summary line under the title ("Kết quả triển khai … kỳ 15/6–14/7/2025"). */
  summary: clearable(nfcString(0, 300)),
  /** The leader's notes on the figures, printed under them. */
  resultsNote: textSchema,
  /** The items' lines (report-items.ts `itemsPatch`), or a draft's or report's free text from before the items. */
  difficulties: itemTextSchema,
  proposals: itemTextSchema,
  difficultyItems: itemsSchema,
  proposalItems: itemsSchema,
  nextPlan: textSchema,
  /** Suggestion keys the leader accepted or dropped, so they are not offered again. */
  handledSuggestions: uniqueListSchema(nfcString(1, 120), 200).optional(),
  recipients: clearable(nfcString(0, 1000)),
  signerCapacity: enumSchema(SIGNER_CAPACITIES).optional(),
  signerName: clearable(nfcString(0, 120)),
  /** Set by the server when the province returns the report; null or absent otherwise. */
  returned: reportReturnSchema.nullable().optional(),
});

function periodInOrder(value: { periodStart?: unknown; periodEnd?: unknown }, ctx: z.RefinementCtx): void {
  if (typeof value.periodStart === 'string' && typeof value.periodEnd === 'string' && value.periodEnd < value.periodStart) {
    ctx.addIssue({ code: 'custom', message: 'validation.endBeforeStart', path: ['periodEnd'] });
  }
}

export const periodReportFieldsSchema = periodReportFieldsObject.superRefine(periodInOrder);
export const periodReportPatchSchema = periodReportFieldsObject.partial().extend(patchExtras);
export const periodReportRecordSchema = recordMetaSchema.extend(periodReportFieldsObject.shape).superRefine(periodInOrder);

export type PeriodReportFields = z.infer<typeof periodReportFieldsSchema>;
export type PeriodReportPatch = z.infer<typeof periodReportPatchSchema>;
export type PeriodReportRecord = z.infer<typeof periodReportRecordSchema>;

/** A submission: the report as sent. `submittedBy` must be the pushing leader (sync/write-rules.ts). */
export const reportSubmissionFieldsObject = strictObject({
  reportId: idSchema,
  /** 1 for the first submission of a report; a correction takes the next number. */
  version: intSchema(1, 1000),
  /** The submission this one corrects, if any. */
  supersedes: clearable(idSchema),
  kind: enumSchema(REPORT_KINDS),
  periodStart: localDateSchema,
  periodEnd: localDateSchema,
  documentNumber: documentNumberSchema,
  documentDate: localDateSchema,
  submittedBy: idSchema,
  submittedAt: isoDateTimeSchema,
  summary: clearable(nfcString(0, 300)),
  results: periodResultsSchema,
  resultsNote: textSchema,
  /** The items' lines (report-items.ts `itemsPatch`), or a draft's or report's free text from before the items. */
  difficulties: itemTextSchema,
  proposals: itemTextSchema,
  difficultyItems: itemsSchema,
  proposalItems: itemsSchema,
  nextPlan: textSchema,
  signerCapacity: enumSchema(SIGNER_CAPACITIES).optional(),
  signerName: clearable(nfcString(0, 120)),
});

export const reportSubmissionFieldsSchema = reportSubmissionFieldsObject.superRefine(periodInOrder);
export const reportSubmissionPatchSchema = reportSubmissionFieldsObject.partial().extend(patchExtras);
export const reportSubmissionRecordSchema = recordMetaSchema.extend(reportSubmissionFieldsObject.shape).superRefine(periodInOrder);

export type ReportSubmissionFields = z.infer<typeof reportSubmissionFieldsSchema>;
export type ReportSubmissionRecord = z.infer<typeof reportSubmissionRecordSchema>;


