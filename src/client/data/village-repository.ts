// The commune's villages and residential groups (thôn, tổ dân phố…). Each commune keeps its own
// list (docs/domain.md §8.10); leaders add and deactivate entries, everyone picks from it.
import { db } from './db';
import { assertMay, communeUserWhoMay } from './access';
import { RecordNotFoundError, ValidationError } from './errors';
import { writeRecord } from './local-write';
import { requireUser } from './session-repository';
import { villageFieldsSchema, type VillageKind, type VillageRecord } from '../../shared/schemas/village';
import { uuidv7 } from '../../shared/sync/ids';
import { compareVi, foldForSearch } from '../../shared/text/vietnamese';

/** A village as the screens read it: the stored record. */
export type VillageItem = VillageRecord;

/** The signed-in user's commune's villages in Vietnamese order; inactive ones only when asked. */
export async function listVillages(options: { includeInactive?: boolean } = {}): Promise<VillageItem[]> {
  const user = await requireUser();
  const rows = await db.records('villages').toArray();
  return rows
    .filter((v) => !v.deleted && v.communeId === user.communeId && (options.includeInactive === true || v.active))
    .sort((a, b) => compareVi(a.name, b.name));
}

/**
 * Adds a village. The name is kept exactly as typed (ethnic-minority spellings are never
 * "corrected"); a second village whose name folds to the same text is refused as a duplicate,
 * because "Thôn 1" and "thon 1" in one list split the commune's counts.
 */
export async function createVillage(input: { name: string; kind: VillageKind }, now: number = Date.now()): Promise<VillageItem> {
  const user = await communeUserWhoMay('villages.manage');
  const parsed = villageFieldsSchema.safeParse({ ...input, active: true });
  if (!parsed.success) throw new ValidationError(parsed.error);
  const existing = await listVillages({ includeInactive: true });
  const folded = foldForSearch(parsed.data.name);
  if (existing.some((village) => foldForSearch(village.name) === folded)) {
    throw ValidationError.of('name', 'validation.duplicate');
  }
  return writeRecord(
    {
      table: 'villages',
      recordId: uuidv7(),
      fields: { ...parsed.data, communeId: user.communeId, createdBy: user.id, createdAt: new Date(now).toISOString(), deleted: false },
    },
    now,
  );
}

/** Villages merged or renamed are deactivated, never deleted, so old logs keep their name. */
export async function setVillageActive(id: string, active: boolean, now: number = Date.now()): Promise<void> {
  const user = await requireUser();
  assertMay(user, 'villages.manage');
  const row = await db.records('villages').get(id);
  if (!row || row.communeId !== user.communeId) throw new RecordNotFoundError();
  await writeRecord({ table: 'villages', recordId: id, fields: { active } }, now);
}
