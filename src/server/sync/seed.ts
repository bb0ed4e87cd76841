// The province reference data (service catalogue, checklist templates) in the province's sync
// scope, so the first pull delivers it. Idempotent: only records the scope lacks are inserted,
// with the same UUIDv5 ids and zero clocks the phones seed themselves with (src/shared/seed), so
// a phone that showed the catalogue before its first sync sees no duplicate, and any real admin
// edit (a greater clock) is never overwritten by a later start-up.
import { seedChecklistTemplates, seedServiceGuides, seedServices, seedTemplateRecords } from '../../shared/seed';
import { forProvince } from '../../shared/seed/provinces';
import { DEFAULT_PROVINCE_ID, SEED_AUTHOR_ID, SEED_HLC, seedRecord } from '../../shared/seed/seed-record';
import { provinceScope } from '../../shared/sync/scopes';
import { guideRecordId } from '../reference/guide-admin';
import { serverWrite } from '../reference/server-write';
import type { SyncStore } from '../storage/types';

/** Client id of the server's own clean-up writes. */
const SEED_CLEANUP_CLIENT = 'server-seed';

export async function seedProvince(store: SyncStore, provinceId: string): Promise<number> {
  const records = [
    ...seedServices().map((service) => ({ table: 'services' as const, record: seedRecord(service, provinceId) })),
    // Only the province's own templates and the generic ones (docs/domain.md "Reference data per province").
    ...seedTemplateRecords(provinceId).map((record) => ({ table: 'checklistTemplates' as const, record })),
    ...seedServiceGuides().map((guide) => ({ table: 'serviceGuides' as const, record: seedRecord({ ...guide, id: guideRecordId(guide.serviceCode) }, provinceId) })),
  ];
  const inserted = await store.records.seedRecords(provinceScope(provinceId), records);
  await retireForeignTemplates(store, provinceId, Date.now());
  return inserted;
}

/**
 * Releases before per-province reference data seeded every template into every province. Another
 * province's seeded template still there, never edited (every clock the seed's) and used by no
 * checklist of the province's communes, is deleted by a server write, so the phones drop it at
 * their next pull. One a commune already made a checklist from stays: that checklist reads it.
 */
export async function retireForeignTemplates(store: SyncStore, provinceId: string, now: number): Promise<number> {
  const scope = provinceScope(provinceId);
  const foreign = new Set(seedChecklistTemplates().filter((t) => !forProvince(t.provinces, provinceId)).map((t) => t.id));
  if (foreign.size === 0) return 0;
  const untouched = (await store.records.listRecords({ scope, tables: ['checklistTemplates'] })).filter(
    (row) => foreign.has(row.record.id) && row.record.deleted !== true && Object.values(row.record.clocks).every((clock) => clock === SEED_HLC),
  );
  if (untouched.length === 0) return 0;
  const used = new Set<string>();
  for (const commune of await store.accounts.listCommunes()) {
    if (commune.provinceId !== provinceId) continue;
    for (const row of await store.records.listRecords({ scope: commune.id, tables: ['checklists'] })) used.add(String(row.record.templateId));
  }
  const retire = new Set(untouched.filter((row) => !used.has(String(row.record.templateId))).map((row) => row.record.id));
  if (retire.size === 0) return 0;
  const committed = await store.records.push({
    scope,
    userId: SEED_AUTHOR_ID,
    clientId: SEED_CLEANUP_CLIENT,
    mutationIds: [],
    recordKeys: [...retire].map((id) => ({ table: 'checklistTemplates' as const, id })),
    now,
    plan: (state) => ({
      remember: [],
      // Checked again inside the transaction: an admin's edit in between keeps the template.
      writes: state.records
        .filter((row) => row.scope === scope && retire.has(row.record.id) && Object.values(row.record.clocks).every((clock) => clock === SEED_HLC))
        .map((row) => ({ table: row.table, record: serverWrite(row.record, { deleted: true }, now) })),
    }),
  });
  return committed.plan.writes.length;
}

/** Seeds the default province and every province that has a commune. */
export async function seedAllProvinces(store: SyncStore): Promise<number> {
  const provinces = new Set([DEFAULT_PROVINCE_ID, ...(await store.accounts.listCommunes()).map((commune) => commune.provinceId)]);
  let inserted = 0;
  for (const provinceId of provinces) inserted += await seedProvince(store, provinceId);
  return inserted;
}
