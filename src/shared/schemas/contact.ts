// contacts: the support directory (docs/product.md job 4): who to call for which system. Contacts are
// officials and technicians, not citizens; their numbers are often posted publicly (docs/domain.md §8.8).
import { z } from 'zod';
import {
  boolSchema,
  clearable,
  localDateSchema,
  nfcString,
  patchExtras,
  recordMetaSchema,
  slugSchema,
  strictObject,
  typeError,
  uniqueListSchema,
} from './common';
import { contactPhoneSchema, isVnContactNumber, normalizeVnPhone } from './phone';

// Zalo is reached by a phone number or a zalo.me link (personal or group). Only zalo.me is
// accepted so that the "open Zalo" button can never become a javascript: or phishing link.
const ZALO_LINK = /^(?:https:\/\/)?(?:chat\.)?zalo\.me\/[A-Za-z0-9._~\-/]+$/;
const looksLikePhone = (s: string): boolean => /^[+\d\s.\-()]+$/.test(s);

/** A Zalo phone number (normalised like any phone) or a zalo.me link. */
export const zaloSchema = z
  .string({ error: typeError })
  .trim()
  .max(300, { error: 'validation.tooLong' })
  .overwrite((s) => (looksLikePhone(s) ? normalizeVnPhone(s) : s))
  .refine((s) => ZALO_LINK.test(s) || isVnContactNumber(s), { error: 'validation.zalo' });

// Deliberately simple: one @, no spaces, a dot in the domain. Real checking is sending mail.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const emailSchema = z
  .string({ error: typeError })
  .trim()
  .max(254, { error: 'validation.tooLong' })
  .regex(EMAIL, { error: 'validation.email' });

/** The fields a client writes (docs/sync.md §4 plus roleId and lastVerifiedAt). */
export const contactFieldsObject = strictObject({
  name: nfcString(1, 200),
  organization: clearable(nfcString(0, 200)),
  role: clearable(nfcString(0, 200)),
  /** Codes of the systems the contact covers ("qlvb", "vneid"…, see seed/contact-roles.json). */
  systems: uniqueListSchema(slugSchema, 30).optional(),
  phones: uniqueListSchema(contactPhoneSchema, 10).optional(),
  zalo: clearable(zaloSchema),
  email: clearable(emailSchema),
  area: clearable(nfcString(0, 200)),
  note: clearable(nfcString(0, 2000)),
  favorite: boolSchema().optional(),
  /** The role slot of seed/contact-roles.json this contact fills, e.g. "vnpt-qlvb-technician". */
  roleId: clearable(slugSchema),
  /** The day someone last checked the number still works (docs/domain.md §8.8: contacts change often). */
  lastVerifiedAt: clearable(localDateSchema),
});

/** A complete set of fields, as a form submits it (contacts have no cross-field rules). */
export const contactFieldsSchema = contactFieldsObject;
/** One mutation's fields: any subset, plus `deleted`. */
export const contactPatchSchema = contactFieldsObject.partial().extend(patchExtras);
/** A stored record: metadata plus fields. */
export const contactRecordSchema = recordMetaSchema.extend(contactFieldsObject.shape);

export type ContactFields = z.infer<typeof contactFieldsSchema>;
export type ContactPatch = z.infer<typeof contactPatchSchema>;
export type ContactRecord = z.infer<typeof contactRecordSchema>;
