// checklists: one run of a template for a commune, a village or the team (docs/product.md job 3).
// Templates can be re-run (docs/domain.md §8.6), so a checklist names the template version it was made from.
import type { z } from 'zod';
import {
  boolSchema,
  clearable,
  enumSchema,
  idSchema,
  intSchema,
  nfcString,
  patchExtras,
  recordMetaSchema,
  slugSchema,
  strictObject,
} from './common';

/** What a checklist (and its template) is about. */
export const CHECKLIST_SCOPES = ['commune', 'village', 'team'] as const;
export type ChecklistScope = (typeof CHECKLIST_SCOPES)[number];

/** The fields a client writes, without cross-field rules (used to build patches). */
export const checklistFieldsObject = strictObject({
  templateId: slugSchema,
  templateVersion: intSchema(1, 1_000_000),
  title: nfcString(1, 200),
  scope: enumSchema(CHECKLIST_SCOPES),
  villageId: clearable(idSchema),
  archived: boolSchema().optional(),
});

// A village checklist without its village could not be told apart from its siblings.
function villageWhenVillageScope(value: { scope: ChecklistScope; villageId?: string | null | undefined }, ctx: z.RefinementCtx): void {
  if (value.scope === 'village' && value.villageId == null) {
    ctx.addIssue({ code: 'custom', message: 'validation.villageRequired', path: ['villageId'] });
  }
}

/** A complete set of fields, as a form submits it. */
export const checklistFieldsSchema = checklistFieldsObject.superRefine(villageWhenVillageScope);
/** One mutation's fields: any subset, plus `deleted`; validate the merged record afterwards. */
export const checklistPatchSchema = checklistFieldsObject.partial().extend(patchExtras);
/** A stored record: metadata plus fields, with the cross-field rules. */
export const checklistRecordSchema = recordMetaSchema.extend(checklistFieldsObject.shape).superRefine(villageWhenVillageScope);

export type ChecklistFields = z.infer<typeof checklistFieldsSchema>;
export type ChecklistPatch = z.infer<typeof checklistPatchSchema>;
export type ChecklistRecord = z.infer<typeof checklistRecordSchema>;
