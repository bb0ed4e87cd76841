// provinceContacts: the province's own support contacts (VNPT, Viettel, the department's help desk,
// the provincial police's VNeID team), province reference data that every commune of the province
// reads beside its own directory and only the province admin writes (docs/reference-data.md).
// The fields are a commune contact's, without the team's favourite pin, plus `active`: a retired
// contact leaves every phone's directory but its record stays, like a retired service.
import type { z } from 'zod';
import { boolSchema, patchExtras, referenceRecordMetaSchema } from './common';
import { contactFieldsObject } from './contact';

export const provinceContactFieldsObject = contactFieldsObject
  .pick({ name: true, organization: true, role: true, systems: true, phones: true, zalo: true, email: true, area: true, note: true, roleId: true, lastVerifiedAt: true })
  .extend({
    /** Shown on the phones; false once the admin retires the contact. */
    active: boolSchema(),
  });

/** A complete set of fields, as the admin's form submits it. */
export const provinceContactFieldsSchema = provinceContactFieldsObject;
/** One change's fields: any subset, plus `deleted`. */
export const provinceContactPatchSchema = provinceContactFieldsObject.partial().extend(patchExtras);
/** A stored record: province metadata plus fields. */
export const provinceContactRecordSchema = referenceRecordMetaSchema.extend(provinceContactFieldsObject.shape);

export type ProvinceContactFields = z.infer<typeof provinceContactFieldsSchema>;
export type ProvinceContactPatch = z.infer<typeof provinceContactPatchSchema>;
export type ProvinceContactRecord = z.infer<typeof provinceContactRecordSchema>;
