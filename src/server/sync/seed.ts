// The province reference data (service catalogue, checklist templates) in the province's sync
// scope, so the first pull delivers it. Idempotent: only records the scope lacks are inserted,
// with the same UUIDv5 ids and zero clocks the phones seed themselves with (src/shared/seed), so
// a phone that showed the catalogue before its first sync sees no duplicate, and any real admin
// edit (a greater clock) is never overwritten by a later start-up.
import { seedChecklistTemplates, seedServices } from '../../shared/seed';
import { DEFAULT_PROVINCE_ID, seedRecord } from '../../shared/seed/seed-record';
import { provinceScope } from '../../shared/sync/registry';
import type { SyncStore } from '../storage/types';

export async function seedProvince(store: SyncStore, provinceId: string): Promise<number> {
  const records = [
    ...seedServices().map((service) => ({ table: 'services' as const, record: seedRecord(service, provinceId) })),
    ...seedChecklistTemplates().map((template) => ({ table: 'checklistTemplates' as const, record: seedRecord(template, provinceId) })),
  ];
  return store.records.seedRecords(provinceScope(provinceId), records);
}

/** Seeds the default province and every province that has a commune. */
export async function seedAllProvinces(store: SyncStore): Promise<number> {
  const provinces = new Set([DEFAULT_PROVINCE_ID, ...(await store.accounts.listCommunes()).map((commune) => commune.provinceId)]);
  let inserted = 0;
  for (const provinceId of provinces) inserted += await seedProvince(store, provinceId);
  return inserted;
}
