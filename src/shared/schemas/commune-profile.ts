// communeProfiles: the commune's own name on its phones (docs/accounts.md "Team roster"), one
// record per commune, written by the server when the commune is created or renamed, so Settings
// and the printed report say "Xã Ngọk Bay" instead of the commune's id, offline too.
import type { z } from 'zod';
import { uuidV5 } from '../checklists/item-id';
import { boolSchema, nfcString, patchExtras, recordMetaSchema, slugSchema, strictObject } from './common';

export const communeProfileFieldsObject = strictObject({
  /** The official name, spelled as published. */
  name: nfcString(1, 100),
  provinceId: slugSchema,
  /** A deactivated commune keeps its records; its accounts can no longer sign in. */
  active: boolSchema(),
});

export const communeProfileFieldsSchema = communeProfileFieldsObject;
export const communeProfilePatchSchema = communeProfileFieldsObject.partial().extend(patchExtras);
export const communeProfileRecordSchema = recordMetaSchema.extend(communeProfileFieldsObject.shape);

export type CommuneProfileRecord = z.infer<typeof communeProfileRecordSchema>;

/** Namespace of commune profile ids (a fixed random UUID; never change it: ids are stored). */
const COMMUNE_PROFILE_NAMESPACE = '3b8f0e52-1c7d-4a96-8e21-5d4c9a7b0f13';

/** The profile record's id: UUIDv5 of the commune id, the same on every server and phone. */
export function communeProfileId(communeId: string): string {
  return uuidV5(COMMUNE_PROFILE_NAMESPACE, communeId);
}
