// Seeded reference records (services, checklist templates) as synced records, identical on the
// server and on every phone. Their fields carry the zero clock: any real write — the province
// publishing a new catalogue version — has a greater clock and wins on every replica, while a phone
// can show the catalogue before its first sync without ever making a duplicate (the ids are UUIDv5).
import type { Hlc } from '../sync/hlc';
import { hlcSchema } from '../sync/hlc';
import type { SyncedRecord } from '../sync/merge';

export const SEED_HLC: Hlc = hlcSchema.parse('1970-01-01T00:00:00.000Z-0000-0000000000000000');
export const SEED_CREATED_AT = '2025-07-01T00:00:00.000Z';
/** The author of seeded records: a fixed system id, not a person. */
export const SEED_AUTHOR_ID = '00000000-0000-5000-8000-000000000000';
export const DEFAULT_PROVINCE_ID = 'quang-ngai';

export function seedRecord(seed: { id: string } & Record<string, unknown>, provinceId: string = DEFAULT_PROVINCE_ID): SyncedRecord {
  const fields: Record<string, unknown> = {
    ...seed,
    communeId: null,
    provinceId,
    createdBy: SEED_AUTHOR_ID,
    createdAt: SEED_CREATED_AT,
    updatedAt: SEED_CREATED_AT,
    deleted: false,
  };
  delete fields.id;
  const clocks = Object.fromEntries(Object.keys(fields).map((field) => [field, SEED_HLC]));
  return { ...fields, id: seed.id, clocks };
}
