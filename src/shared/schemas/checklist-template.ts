// checklistTemplates: province reference data (admins write, everyone reads). Seeded from
// the domain research by scripts/build-seed.ts (sources in docs/domain.md).
import { z } from 'zod';
import {
  clearable,
  enumSchema,
  intSchema,
  localDateSchema,
  localizedTextSchema,
  nfcString,
  patchExtras,
  referenceRecordMetaSchema,
  slugSchema,
  strictObject,
  typeError,
  uniqueListSchema,
} from './common';
import { CHECKLIST_SCOPES } from './checklist';

/** How an item's `due` is meant: by/before/on a day, from a day, a whole month, an event… */
export const DUE_KINDS = ['before', 'by', 'on', 'from', 'period', 'month', 'event', 'ongoing', 'unspecified'] as const;
/** Phases of the two-level government switch (prepare → provision → trial → cutover → post). */
export const PHASES = ['prepare', 'provision', 'trial', 'cutover', 'post'] as const;
export const TARGET_OPS = ['=', '>=', '>', '<=', '<'] as const;
export const TARGET_UNITS = ['percent', 'count'] as const;

/** A measurable target of an indicator item, e.g. ≥ 80 % of dossiers online. */
export const templateTargetSchema = strictObject({
  op: enumSchema(TARGET_OPS),
  value: z.number({ error: typeError }).min(0, { error: 'validation.tooSmall' }),
  unit: enumSchema(TARGET_UNITS),
  note: nfcString(0, 300).optional(),
});

export const templateItemSchema = strictObject({
  id: slugSchema,
  title: localizedTextSchema(1000),
  category: slugSchema,
  /** The unit that leads the item (docs/domain.md §8.7: "we must do" vs "we confirm we received"). */
  leadUnit: nfcString(1, 500),
  due: clearable(localDateSchema),
  dueKind: enumSchema(DUE_KINDS).optional(),
  /** A due date that is not a day ("Tháng 7/2025", "right after the ministries publish…"). */
  dueNote: nfcString(0, 300).optional(),
  /** First day of a "period" item. */
  start: localDateSchema.optional(),
  phase: enumSchema(PHASES).optional(),
  target: templateTargetSchema.optional(),
  notes: nfcString(0, 2000).optional(),
  /** Where the item comes from in the source documents, for whoever checks it. */
  sourceRef: nfcString(0, 300).optional(),
});
export type TemplateItem = z.infer<typeof templateItemSchema>;

/** The fields an admin writes, without cross-field rules (used to build patches). */
export const checklistTemplateFieldsObject = strictObject({
  /** Stable across versions: checklists refer to templateId + version. */
  templateId: slugSchema,
  version: intSchema(1, 1_000_000),
  title: localizedTextSchema(300),
  scope: enumSchema(CHECKLIST_SCOPES),
  categories: uniqueListSchema(slugSchema, 100),
  items: z.array(templateItemSchema, { error: typeError }).min(1, { error: 'validation.required' }).max(1000, { error: 'validation.tooMany' }),
  source: nfcString(0, 500).optional(),
  notes: nfcString(0, 2000).optional(),
});

type TemplateShape = { categories: readonly string[]; items: readonly { id: string; category: string }[] };

// Item ids must be unique (checklist item records point at them) and every item's category must be
// listed, so the UI can group items by the template's category order.
export function itemsConsistent(value: TemplateShape, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  value.items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', message: 'validation.duplicate', path: ['items', i, 'id'] });
    seen.add(item.id);
    if (!value.categories.includes(item.category)) {
      ctx.addIssue({ code: 'custom', message: 'validation.unknownCategory', path: ['items', i, 'category'] });
    }
  });
}

/** A complete template, as the admin screen or the seed provides it. */
export const checklistTemplateFieldsSchema = checklistTemplateFieldsObject.superRefine(itemsConsistent);
/** One mutation's fields: any subset, plus `deleted`; validate the merged record afterwards. */
export const checklistTemplatePatchSchema = checklistTemplateFieldsObject.partial().extend(patchExtras);
/** A stored record: province metadata plus fields, with the cross-field rules. */
export const checklistTemplateRecordSchema = referenceRecordMetaSchema.extend(checklistTemplateFieldsObject.shape).superRefine(itemsConsistent);

export type ChecklistTemplateFields = z.infer<typeof checklistTemplateFieldsSchema>;
export type ChecklistTemplatePatch = z.infer<typeof checklistTemplatePatchSchema>;
export type ChecklistTemplateRecord = z.infer<typeof checklistTemplateRecordSchema>;
