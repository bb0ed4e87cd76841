// Which provinces a shipped reference entry (a checklist template, a contact role slot) belongs to.
// The research tags each entry with the provinces whose documents it comes from; an empty list is a
// national or generic entry. A commune sees its own province's entries and the generic ones, never
// another province's (docs/domain.md "Reference data per province").
import { slugSchema, uniqueListSchema } from '../schemas/common';
import { DEFAULT_PROVINCE_ID } from './seed-record';

/** Province ids (slugs such as "quang-ngai"); empty means every province. */
export const provincesSchema = uniqueListSchema(slugSchema, 100);

/**
 * Whether an entry tagged with `provinces` is for `provinceId`. A user the phone knows without a
 * province (a session saved by an older release) is taken to be in the default province, the one
 * every account had before provinces existed.
 */
export function forProvince(provinces: readonly string[], provinceId: string | null | undefined): boolean {
  return provinces.length === 0 || provinces.includes(provinceId ?? DEFAULT_PROVINCE_ID);
}
