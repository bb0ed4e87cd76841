// villages: the commune's own list of villages and residential groups (docs/domain.md §8.10: the seeds
// name none, so each commune keeps its list). Logs and village checklists point at these ids.
import type { z } from 'zod';
import { boolSchema, enumSchema, nfcString, patchExtras, recordMetaSchema, strictObject } from './common';

/** thôn, tổ dân phố, làng, buôn (Central Highlands), or something else. */
export const VILLAGE_KINDS = ['thon', 'to_dan_pho', 'lang', 'buon', 'other'] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];

/** The fields a client writes. Names are kept exactly as typed (e.g. "Làng Kon Rờ Bàng"). */
export const villageFieldsObject = strictObject({
  name: nfcString(1, 100),
  kind: enumSchema(VILLAGE_KINDS),
  /** Villages merged or renamed are deactivated, never deleted, so old logs keep their village. */
  active: boolSchema(),
});

export const villageFieldsSchema = villageFieldsObject;
/** One mutation's fields: any subset, plus `deleted`. */
export const villagePatchSchema = villageFieldsObject.partial().extend(patchExtras);
/** A stored record: metadata plus fields. */
export const villageRecordSchema = recordMetaSchema.extend(villageFieldsObject.shape);

export type VillageFields = z.infer<typeof villageFieldsSchema>;
export type VillagePatch = z.infer<typeof villagePatchSchema>;
export type VillageRecord = z.infer<typeof villageRecordSchema>;
