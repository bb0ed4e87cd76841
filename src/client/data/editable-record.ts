// Editing a record a member authored (assistance logs, group sessions): who may, and what an edit
// writes. Checked before any transaction opens, so a refused edit changes nothing.
import type { z } from 'zod';
import { db, type OpenedRecord } from './db';
import { RecordNotFoundError, PermissionError, ValidationError } from './errors';
import { changedFields, definedOnly, pickFields } from './record-fields';
import { requireUser, type SessionUser } from './session-repository';
import { openRow } from './sealed-records';
import { canEditRecord } from '../../shared/permissions';

export type AuthoredTable = 'assistanceLogs' | 'groupSessions';

/** Who may make an edit: canEditRecord, or canRecordFollowUp for a follow-up's result. */
export type EditCheck = (user: SessionUser, row: { createdBy?: unknown; followUpBy?: unknown }) => boolean;

/**
 * A record of the user's commune that the user may edit: leaders edit anyone's, members their own
 * (one rule for client and server). RecordNotFoundError when it is not in the commune.
 */
export async function editableRecord<T extends AuthoredTable>(table: T, id: string, may: EditCheck = canEditRecord): Promise<{ user: SessionUser; row: OpenedRecord<T> }> {
  const user = await requireUser();
  const row = await db.records(table).get(id);
  if (!row || row.communeId !== user.communeId) throw new RecordNotFoundError();
  if (!may(user, row)) throw new PermissionError('record.edit');
  // Opened: an edit compares the stored citizen and note with the new ones (planEdit).
  return { user, row: await openRow(table, row) };
}

export interface EditSchemas<Patch> {
  /** One mutation's fields (any subset, no cross-field rules). */
  patch: z.ZodType<Patch>;
  /** A complete set of fields, with the cross-field rules the merged result must pass. */
  fields: z.ZodType;
  /** The client-writable field names. */
  names: readonly string[];
}

/**
 * Plans an edit: the patch is validated, then the stored fields with the patch on top are checked
 * with the cross-field rules, and only the fields whose value really changes are kept (a field
 * edited at the same time on another phone is never overwritten with an unchanged copy).
 */
export async function planEdit<T extends AuthoredTable, Patch extends { deleted?: boolean | undefined }>(
  table: T,
  id: string,
  changes: Omit<Patch, 'deleted'>,
  schemas: EditSchemas<Patch>,
  may: EditCheck = canEditRecord,
): Promise<{ user: SessionUser; row: OpenedRecord<T>; changed: Partial<Omit<Patch, 'deleted'>> }> {
  const { user, row } = await editableRecord(table, id, may);
  const patch = schemas.patch.safeParse(changes);
  if (!patch.success) throw new ValidationError(patch.error);
  const { deleted: _ignored, ...fields } = patch.data;
  const merged = schemas.fields.safeParse({ ...pickFields(row, schemas.names), ...definedOnly(fields) });
  if (!merged.success) throw new ValidationError(merged.error);
  return { user, row, changed: changedFields(row, fields) };
}
