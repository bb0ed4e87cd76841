// The communes API (docs/accounts.md "Communes"): what the province admin sends to create, rename,
// deactivate and reactivate a commune of their province, and what the console shows of each. A
// commune's id is permanent (it is in every record); only its name and whether it is active change.
import { z } from 'zod';
import { slugifyVi } from '../text/vietnamese';
import { boolSchema, communeIdSchema, nfcString, strictObject } from '../schemas/common';

/** POST /api/admin/communes: a new commune of the admin's province (it starts active). */
export const createCommuneSchema = strictObject({
  id: communeIdSchema,
  name: nfcString(1, 100),
});
export type CreateCommuneInput = z.infer<typeof createCommuneSchema>;

/**
 * PATCH /api/admin/communes/:id: a new name, or active false/true. `basedOn` is the name the admin
 * saw: when another admin renamed the commune meanwhile the server answers 409 with the current one.
 */
export const updateCommuneSchema = strictObject({
  name: nfcString(1, 100).optional(),
  active: boolSchema().optional(),
  basedOn: nfcString(1, 100),
}).refine((patch) => (patch.name === undefined) !== (patch.active === undefined), { error: 'validation.required' });
export type UpdateCommuneInput = z.infer<typeof updateCommuneSchema>;

/** One commune as the console shows it: `accounts` counts its enabled accounts. */
export const communeSummarySchema = z.strictObject({
  id: communeIdSchema,
  name: z.string(),
  active: z.boolean(),
  accounts: z.number().int().min(0),
});
export type CommuneSummary = z.infer<typeof communeSummarySchema>;

/** A change's answer: the commune now, and how many accounts a deactivation disabled. */
export const communeResponseSchema = z.strictObject({ commune: communeSummarySchema, disabledAccounts: z.number().int().min(0) });
export type CommuneResponse = z.infer<typeof communeResponseSchema>;

/** The id the console proposes for a new commune's name: "Xã Ngọk Bay" → "ngok-bay". */
export function communeIdFromName(name: string): string {
  return slugifyVi(name.replace(/^\s*(xã|phường|thị trấn|đặc khu)\s+/iu, '')).slice(0, 64).replace(/-+$/, '');
}
