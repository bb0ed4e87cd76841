// indicatorValues: a value a commune's leaders enter for one of the province's hand-entered
// indicators (reportSettings, source "manual") and one reporting period (docs/reports.md
// "Indicators against targets"). One record per commune, indicator and period, with a name-based
// id, so two leaders entering the same figure offline edit the same record and the merge keeps the
// latest; another indicator is another record, so their entries never overwrite each other.
import type { z } from 'zod';
import { amountSchema } from './report-settings';
import { clearable, localDateSchema, patchExtras, recordMetaSchema, slugSchema, strictObject } from './common';

export const indicatorValueFieldsObject = strictObject({
  indicatorId: slugSchema,
  periodStart: localDateSchema,
  periodEnd: localDateSchema,
  /** null: cleared (not known for the period). */
  value: clearable(amountSchema),
});

function periodInOrder(value: { periodStart?: unknown; periodEnd?: unknown }, ctx: z.RefinementCtx): void {
  if (typeof value.periodStart === 'string' && typeof value.periodEnd === 'string' && value.periodEnd < value.periodStart) {
    ctx.addIssue({ code: 'custom', message: 'validation.endBeforeStart', path: ['periodEnd'] });
  }
}

export const indicatorValueFieldsSchema = indicatorValueFieldsObject.superRefine(periodInOrder);
export const indicatorValuePatchSchema = indicatorValueFieldsObject.partial().extend(patchExtras);
export const indicatorValueRecordSchema = recordMetaSchema.extend(indicatorValueFieldsObject.shape).superRefine(periodInOrder);

export type IndicatorValueFields = z.infer<typeof indicatorValueFieldsSchema>;
export type IndicatorValueRecord = z.infer<typeof indicatorValueRecordSchema>;
