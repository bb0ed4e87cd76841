// reportSettings: how the province judges its communes' period reports (docs/reports.md
// "Indicators against targets" and "Due date"), one reference record per province, written by the
// server for the province admin (PUT /api/admin/report-settings) and read by every phone of the
// province. It holds the due day (days after a period's end) and the indicators: each with its
// name, unit, where its value comes from (computed by the app from the team's records, or entered
// by the commune's leaders), the plan period it holds for, and its target for every commune or for
// one commune. An indicator is never deleted: it is retired (`active: false`), so a report that
// showed it keeps its meaning; its id is permanent.
import { z } from 'zod';
import { INDICATORS } from '../reports/indicators';
import { boolSchema, communeIdSchema, enumSchema, intSchema, localDateSchema, nfcString, patchExtras, referenceRecordMetaSchema, slugSchema, strictObject, typeError } from './common';

/** Where an indicator's value comes from: a leader's entry, or one of the app's computed indicators. */
export const INDICATOR_SOURCES = ['manual', ...INDICATORS] as const;
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number];

/** Days after a period's end the province allows, at most (a period is a month long). */
export const DUE_DAYS_MAX = 45;
export const INDICATORS_MAX = 40;
export const COMMUNE_TARGETS_MAX = 300;
const AMOUNT_MAX = 1_000_000_000;

/** A figure: a target or a value, not negative, at most two decimals (82.5 %, 1 250 people). */
export const amountSchema = z
  .number({ error: typeError })
  .min(0, { error: 'validation.tooSmall' })
  .max(AMOUNT_MAX, { error: 'validation.tooLarge' })
  .refine((n) => Math.round(n * 100) / 100 === n, { error: 'validation.invalidType' });

export const communeTargetSchema = strictObject({ communeId: communeIdSchema, target: amountSchema });

export const indicatorDefinitionObject = strictObject({
  /** Permanent: values and reports refer to it. */
  id: slugSchema.min(1, { error: 'validation.required' }),
  name: nfcString(1, 200),
  /** As printed after the figure: "%", "người", "hộ", "tài khoản". */
  unit: nfcString(1, 30),
  source: enumSchema(INDICATOR_SOURCES),
  /** The target of every commune without a target of its own. */
  target: amountSchema,
  communeTargets: z.array(communeTargetSchema, { error: typeError }).max(COMMUNE_TARGETS_MAX, { error: 'validation.tooMany' }),
  /** The plan period the target holds for: the reporting periods that end within it show it. */
  from: localDateSchema,
  to: localDateSchema,
  active: boolSchema(),
});

function indicatorRules(value: z.infer<typeof indicatorDefinitionObject>, ctx: z.RefinementCtx): void {
  if (value.to < value.from) ctx.addIssue({ code: 'custom', message: 'validation.endBeforeStart', path: ['to'] });
  const percent = value.unit === '%' || value.source === 'onlineFullShare';
  if (percent && (value.target > 100 || value.communeTargets.some((t) => t.target > 100))) ctx.addIssue({ code: 'custom', message: 'validation.tooLarge', path: ['target'] });
  if (new Set(value.communeTargets.map((t) => t.communeId)).size !== value.communeTargets.length) ctx.addIssue({ code: 'custom', message: 'validation.duplicate', path: ['communeTargets'] });
}

export const indicatorDefinitionSchema = indicatorDefinitionObject.superRefine(indicatorRules);
export type IndicatorDefinition = z.infer<typeof indicatorDefinitionSchema>;

export const indicatorListSchema = z
  .array(indicatorDefinitionSchema, { error: typeError })
  .max(INDICATORS_MAX, { error: 'validation.tooMany' })
  .refine((list) => new Set(list.map((i) => i.id)).size === list.length, { error: 'validation.duplicate' });

export const reportSettingsFieldsObject = strictObject({
  /** Raised by each publication; the admin's edit names the version it was based on. */
  version: intSchema(1, 1_000_000),
  /** A report dated after the period's end plus these days is late (docs/reports.md "Due date"). */
  dueDaysAfterEnd: intSchema(0, DUE_DAYS_MAX),
  indicators: indicatorListSchema,
});

export const reportSettingsFieldsSchema = reportSettingsFieldsObject;
export const reportSettingsPatchSchema = reportSettingsFieldsObject.partial().extend(patchExtras);
export const reportSettingsRecordSchema = referenceRecordMetaSchema.extend(reportSettingsFieldsObject.shape);

export type ReportSettingsFields = z.infer<typeof reportSettingsFieldsSchema>;
export type ReportSettingsRecord = z.infer<typeof reportSettingsRecordSchema>;
