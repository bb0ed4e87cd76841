// teamMembers: the commune's roster as the phones see it (docs/accounts.md "Team roster"). The
// server writes one record per account of the commune from the accounts table — no phone pushes
// this table — so members, leaders and reviewers see each other's names offline, and the app shows
// a person's name wherever it used to show an account id. No username, password or token here.
import type { z } from 'zod';
import { boolSchema, clearable, enumSchema, idSchema, nfcString, patchExtras, recordMetaSchema, strictObject, uniqueListSchema } from './common';
import { vnPhoneSchema } from './phone';

/** The roles of a commune's accounts (admins belong to the province and are not on a roster). */
export const COMMUNE_ROLES = ['member', 'leader', 'reviewer'] as const;
export type CommuneRole = (typeof COMMUNE_ROLES)[number];

/** Most villages one member covers (a commune has a few dozen). */
export const MAX_VILLAGES_COVERED = 100;

export const teamMemberFieldsObject = strictObject({
  /** The name colleagues know the person by, as the admin or leader typed it. */
  displayName: nfcString(1, 100),
  role: enumSchema(COMMUNE_ROLES),
  /** The villages (thôn, tổ dân phố) the member covers: ids of the commune's villages. */
  villageIds: uniqueListSchema(idSchema, MAX_VILLAGES_COVERED),
  /** A work phone colleagues may call; null when not given. */
  phone: clearable(vnPhoneSchema),
  /** A disabled account stays on the roster, inactive, so old logs and sign-offs keep its name. */
  active: boolSchema(),
});

export const teamMemberFieldsSchema = teamMemberFieldsObject;
export const teamMemberPatchSchema = teamMemberFieldsObject.partial().extend(patchExtras);
export const teamMemberRecordSchema = recordMetaSchema.extend(teamMemberFieldsObject.shape);

export type TeamMemberFields = z.infer<typeof teamMemberFieldsSchema>;
export type TeamMemberRecord = z.infer<typeof teamMemberRecordSchema>;
