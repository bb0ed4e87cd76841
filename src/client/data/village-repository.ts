// The commune's villages and residential groups (thôn, tổ dân phố…). Each commune keeps its own
// list (docs/domain.md §8.10); leaders add and deactivate entries, everyone picks from it.
import { z } from 'zod';
import { db } from './db';
import { writeRecord } from './local-write';
import { requireUser, type SessionUser } from './session-repository';
import { can } from '../../shared/permissions';
import { villageFieldsSchema, VILLAGE_KINDS, type VillageKind } from '../../shared/schemas/village';
import { uuidv7 } from '../../shared/sync/ids';
import { compareVi, foldForSearch } from '../../shared/text/vietnamese';
import type { SyncedRecord } from '../../shared/sync/merge';
import { PermissionError, ValidationFailedError } from './assistance-repository';

export interface VillageItem {
  id: string;
  name: string;
  kind: VillageKind;
  active: boolean;
}

function toVillage(row: SyncedRecord, communeId: string | null): VillageItem | null {
  if (row.deleted === true || row.communeId !== communeId || typeof row.name !== 'string') return null;
  const kind = (VILLAGE_KINDS as readonly unknown[]).includes(row.kind) ? (row.kind as VillageKind) : 'other';
  return { id: row.id, name: row.name, kind, active: row.active !== false };
}

/** The signed-in user's commune's villages in Vietnamese order; inactive ones only when asked. */
export async function listVillages(options: { includeInactive?: boolean } = {}): Promise<VillageItem[]> {
  const user = await requireUser();
  const rows = await db.records('villages').toArray();
  const villages = rows.map((row) => toVillage(row, user.communeId)).filter((v): v is VillageItem => v !== null);
  return villages.filter((v) => options.includeInactive === true || v.active).sort((a, b) => compareVi(a.name, b.name));
}

function requireManager(user: SessionUser): void {
  if (!can(user.role, 'villages.manage')) throw new PermissionError('villages.manage');
}

/**
 * Adds a village. The name is kept exactly as typed (ethnic-minority spellings are never
 * "corrected"); a second village whose name folds to the same text is refused as a duplicate,
 * because "Thôn 1" and "thon 1" in one list split the commune's counts.
 */
export async function createVillage(input: { name: string; kind: VillageKind }, now: number = Date.now()): Promise<VillageItem> {
  const user = await requireUser();
  requireManager(user);
  const parsed = villageFieldsSchema.safeParse({ ...input, active: true });
  if (!parsed.success) throw new ValidationFailedError(parsed.error);
  const existing = await listVillages({ includeInactive: true });
  const folded = foldForSearch(parsed.data.name);
  if (existing.some((village) => foldForSearch(village.name) === folded)) {
    throw new ValidationFailedError(new z.ZodError([{ code: 'custom', message: 'validation.duplicate', path: ['name'], input: input.name }]));
  }
  const id = uuidv7();
  const record = await writeRecord(
    {
      table: 'villages',
      recordId: id,
      fields: { ...parsed.data, communeId: user.communeId, createdBy: user.id, createdAt: new Date(now).toISOString(), deleted: false },
    },
    now,
  );
  const village = toVillage(record, user.communeId);
  if (!village) throw new Error('village not readable after write');
  return village;
}

/** Villages merged or renamed are deactivated, never deleted, so old logs keep their name. */
export async function setVillageActive(id: string, active: boolean, now: number = Date.now()): Promise<void> {
  const user = await requireUser();
  requireManager(user);
  const row = await db.records('villages').get(id);
  if (!row || row.communeId !== user.communeId) throw new Error('village not found');
  await writeRecord({ table: 'villages', recordId: id, fields: { active } }, now);
}
