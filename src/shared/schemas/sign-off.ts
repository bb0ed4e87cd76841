// signOffs: a reviewer's sign-off of a checklist (docs/product.md roles: reviewers sign off). One record
// per sign-off, never edited: a new sign-off is a new record, so the history stays.
import type { z } from 'zod';
import { clearable, idSchema, nfcString, patchExtras, recordMetaSchema, strictObject } from './common';
import { pastInstantSchema } from './bounds';

/** The fields a client writes. The server should check `signedBy` is the signing user. */
export const signOffFieldsObject = strictObject({
  checklistId: idSchema,
  signedBy: idSchema,
  // Bounded by the checking side's clock, as recordedAt of a consent is (docs/data-rules.md).
  signedAt: pastInstantSchema,
  comment: clearable(nfcString(0, 2000)),
});

export const signOffFieldsSchema = signOffFieldsObject;
/** One mutation's fields: any subset, plus `deleted` (a withdrawn sign-off is a tombstone). */
export const signOffPatchSchema = signOffFieldsObject.partial().extend(patchExtras);
/** A stored record: metadata plus fields. */
export const signOffRecordSchema = recordMetaSchema.extend(signOffFieldsObject.shape);

export type SignOffFields = z.infer<typeof signOffFieldsSchema>;
export type SignOffPatch = z.infer<typeof signOffPatchSchema>;
export type SignOffRecord = z.infer<typeof signOffRecordSchema>;
