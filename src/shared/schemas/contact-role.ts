// Contact role slots: which kind of person to call for which system (contacts-roles.json). Not a
// sync table: the app ships them (src/shared/seed) so that the directory can suggest the slots a
// commune should fill and contacts can say which slot they fill (contacts.roleId).
import type { z } from 'zod';
import { enumSchema, localizedTextSchema, nfcString, slugSchema, strictObject, uniqueListSchema } from './common';

/** Where the contact sits: the commune, the province, or the province but assigned per area. */
export const CONTACT_ROLE_LEVELS = ['commune', 'province', 'province_area'] as const;
export type ContactRoleLevel = (typeof CONTACT_ROLE_LEVELS)[number];

export const contactRoleSchema = strictObject({
  id: slugSchema,
  role: localizedTextSchema(300),
  /** The organisation, in Vietnamese (the source has no English). */
  organization: nfcString(1, 300),
  systems: uniqueListSchema(slugSchema, 30),
  /** When to call, in English (the source has no Vietnamese yet). */
  whenToCall: nfcString(0, 1000),
  level: enumSchema(CONTACT_ROLE_LEVELS),
  /** The provinces whose communes are offered this slot; empty = every province (src/shared/seed/provinces.ts). */
  provinces: uniqueListSchema(slugSchema, 100),
});

export type ContactRole = z.infer<typeof contactRoleSchema>;
