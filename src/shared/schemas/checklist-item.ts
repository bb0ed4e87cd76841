// checklistItems: the state of one template item inside one checklist. A record exists only once
// someone touched the item; an item without a record is "todo". Each field merges on its own, so
// one member can set the status while another writes the note.
import type { z } from 'zod';
import { dueDateSchema, noteSchema } from './bounds';
import { clearable, enumSchema, idSchema, nfcString, patchExtras, recordMetaSchema, slugSchema, strictObject } from './common';

/** not started / in progress / done / blocked / not applicable (docs/product.md job 3). */
export const CHECKLIST_ITEM_STATUSES = ['todo', 'doing', 'done', 'blocked', 'na'] as const;
export type ChecklistItemStatus = (typeof CHECKLIST_ITEM_STATUSES)[number];

/** The fields a client writes (docs/sync.md §4 plus blockedReason). */
export const checklistItemFieldsObject = strictObject({
  checklistId: idSchema,
  /** The template item's id, e.g. "qng25-email-01". */
  itemId: slugSchema,
  status: enumSchema(CHECKLIST_ITEM_STATUSES),
  note: clearable(noteSchema),
  /** Who is responsible: a name as the team says it, not necessarily an account. */
  assignee: clearable(nfcString(0, 200)),
  dueDate: clearable(dueDateSchema),
  /**
   * Why the item is blocked. Kept when the status moves on, so the history of the reason is not
   * lost to a concurrent status change; the UI shows it only while the status is "blocked".
   */
  blockedReason: clearable(nfcString(0, 500)),
});

/** A complete set of fields (checklist items have no cross-field rules). */
export const checklistItemFieldsSchema = checklistItemFieldsObject;
/** One mutation's fields: any subset, plus `deleted`. */
export const checklistItemPatchSchema = checklistItemFieldsObject.partial().extend(patchExtras);
/** A stored record: metadata plus fields. */
export const checklistItemRecordSchema = recordMetaSchema.extend(checklistItemFieldsObject.shape);

export type ChecklistItemFields = z.infer<typeof checklistItemFieldsSchema>;
export type ChecklistItemPatch = z.infer<typeof checklistItemPatchSchema>;
export type ChecklistItemRecord = z.infer<typeof checklistItemRecordSchema>;
