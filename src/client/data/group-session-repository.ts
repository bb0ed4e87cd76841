// Group sessions ("Bình dân học vụ số", docs/domain.md §8.11): one record per class at the village hall,
// counted as a group (participants and sub-counts), never as a list of people. Same write rules
// as the logs: validated before the transaction, record + outbox together, soft delete with undo.
import { db } from './db';
import { communeUserWhoMay } from './access';
import { editableRecord, planEdit } from './editable-record';
import { ValidationError } from './errors';
import { writeRecord } from './local-write';
import { definedOnly } from './record-fields';
import { requireUser } from './session-repository';
import { openRow, openRows } from './sealed-records';
import {
  groupSessionFieldsObject,
  groupSessionFieldsSchema,
  groupSessionPatchSchema,
  type GroupSessionFields,
  type GroupSessionPatch,
  type GroupSessionRecord,
} from '../../shared/schemas/group-session';
import { uuidv7 } from '../../shared/sync/ids';
import { instantBounds, listPeriodRange, type ListPeriod } from '../../shared/reports/period';

/** A session as the screens read it: the stored record. */
export type GroupSessionItem = GroupSessionRecord;

export async function getGroupSession(id: string): Promise<GroupSessionItem | undefined> {
  const user = await requireUser();
  const row = await db.records('groupSessions').get(id);
  return row && row.communeId === user.communeId ? openRow('groupSessions', row) : undefined;
}

export interface GroupSessionList {
  items: GroupSessionItem[];
  /** Totals over the whole period (not only the rows returned): sessions and participants. */
  sessions: number;
  participants: number;
}

/**
 * The commune's sessions in a period, newest first, at most `limit` rows, with the period's
 * totals. A commune holds a few sessions a week, so one scan of the period is cheap.
 */
export async function listGroupSessions(period: ListPeriod, limit = 200, now: number = Date.now()): Promise<GroupSessionList> {
  const user = await requireUser();
  const range = listPeriodRange(period, now);
  const table = db.records('groupSessions');
  const bounds = range ? instantBounds(range) : null;
  const collection = bounds ? table.where('occurredAt').between(bounds.from, bounds.before, true, false) : table.orderBy('occurredAt');
  const items = await collection.reverse().filter((row) => !row.deleted && row.communeId === user.communeId).toArray();
  // Only the rows shown are decrypted; the totals need no note.
  return { items: await openRows('groupSessions', items.slice(0, limit)), sessions: items.length, participants: items.reduce((sum, s) => sum + s.participants, 0) };
}

const SESSION_EDIT = { patch: groupSessionPatchSchema, fields: groupSessionFieldsSchema, names: Object.keys(groupSessionFieldsObject.shape) };

export async function createGroupSession(input: GroupSessionFields, now: number = Date.now()): Promise<GroupSessionItem> {
  const user = await communeUserWhoMay('log.create');
  const parsed = groupSessionFieldsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error);
  const record = await writeRecord(
    {
      table: 'groupSessions',
      recordId: uuidv7(),
      fields: { ...definedOnly(parsed.data), communeId: user.communeId, createdBy: user.id, createdAt: new Date(now).toISOString(), deleted: false },
    },
    now,
  );
  return record;
}

/** Writes only the fields that change; the merged session must still pass the sub-count rule. */
export async function updateGroupSession(id: string, changes: Omit<GroupSessionPatch, 'deleted'>, now: number = Date.now()): Promise<GroupSessionItem> {
  const { row, changed } = await planEdit('groupSessions', id, changes, SESSION_EDIT);
  if (Object.keys(changed).length === 0) return row;
  return writeRecord({ table: 'groupSessions', recordId: id, fields: changed }, now);
}

export async function deleteGroupSession(id: string, now: number = Date.now()): Promise<void> {
  await editableRecord('groupSessions', id);
  await writeRecord({ table: 'groupSessions', recordId: id, fields: { deleted: true } }, now);
}

export async function restoreGroupSession(id: string, now: number = Date.now()): Promise<void> {
  await editableRecord('groupSessions', id);
  await writeRecord({ table: 'groupSessions', recordId: id, fields: { deleted: false } }, now);
}
