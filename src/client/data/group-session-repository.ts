// Group sessions ("Bình dân học vụ số", docs/domain.md §8.11): one record per class at the village hall,
// counted as a group (participants and sub-counts), never as a list of people. Same write rules
// as the logs: validated before the transaction, record + outbox together, soft delete with undo.
import { db } from './db';
import { writeRecord } from './local-write';
import { requireUser, type SessionUser } from './session-repository';
import { PermissionError, RecordNotFoundError, ValidationFailedError, canonical, periodRange, type Period } from './assistance-repository';
import { can, canEditRecord } from '../../shared/permissions';
import {
  groupSessionFieldsObject,
  groupSessionFieldsSchema,
  groupSessionPatchSchema,
  type GroupSessionFields,
  type GroupSessionPatch,
} from '../../shared/schemas/group-session';
import { uuidv7 } from '../../shared/sync/ids';
import type { SyncedRecord } from '../../shared/sync/merge';
import { addDays, startOfLocalDate } from '../../shared/text/dates';

export interface GroupSessionItem {
  id: string;
  createdBy: string;
  deleted: boolean;
  topic: string;
  place: string;
  occurredAt: string;
  villageId: string | null;
  participants: number;
  women: number | null;
  elderly: number | null;
  ethnicMinority: number | null;
  durationMin: number | null;
  note: string | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function toSession(row: SyncedRecord): GroupSessionItem {
  return {
    id: row.id,
    createdBy: str(row.createdBy) ?? '',
    deleted: row.deleted === true,
    topic: str(row.topic) ?? '',
    place: str(row.place) ?? '',
    occurredAt: str(row.occurredAt) ?? '',
    villageId: str(row.villageId),
    participants: num(row.participants) ?? 0,
    women: num(row.women),
    elderly: num(row.elderly),
    ethnicMinority: num(row.ethnicMinority),
    durationMin: num(row.durationMin),
    note: str(row.note),
  };
}

export async function getGroupSession(id: string): Promise<GroupSessionItem | undefined> {
  const user = await requireUser();
  const row = await db.records('groupSessions').get(id);
  return row && row.communeId === user.communeId ? toSession(row) : undefined;
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
export async function listGroupSessions(period: Period, limit = 200, now: number = Date.now()): Promise<GroupSessionList> {
  const user = await requireUser();
  const range = periodRange(period, now);
  const table = db.records('groupSessions');
  const collection = range
    ? table.where('occurredAt').between(startOfLocalDate(range.start).toISOString(), startOfLocalDate(addDays(range.end, 1)).toISOString(), true, false)
    : table.orderBy('occurredAt');
  const rows = await collection.reverse().filter((row) => row.deleted !== true && row.communeId === user.communeId).toArray();
  const items = rows.map(toSession);
  return { items: items.slice(0, limit), sessions: items.length, participants: items.reduce((sum, s) => sum + s.participants, 0) };
}

const FIELD_NAMES = Object.keys(groupSessionFieldsObject.shape) as (keyof GroupSessionFields)[];

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function createGroupSession(input: GroupSessionFields, now: number = Date.now()): Promise<GroupSessionItem> {
  const user = await requireUser();
  if (!can(user.role, 'log.create')) throw new PermissionError('log.create');
  const parsed = groupSessionFieldsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationFailedError(parsed.error);
  const record = await writeRecord(
    {
      table: 'groupSessions',
      recordId: uuidv7(),
      fields: { ...definedOnly(parsed.data), communeId: user.communeId, createdBy: user.id, createdAt: new Date(now).toISOString(), deleted: false },
    },
    now,
  );
  return toSession(record);
}

async function editable(id: string): Promise<{ user: SessionUser; row: SyncedRecord }> {
  const user = await requireUser();
  const row = await db.records('groupSessions').get(id);
  if (!row || row.communeId !== user.communeId) throw new RecordNotFoundError(id);
  if (!canEditRecord(user, { createdBy: row.createdBy })) throw new PermissionError('record.edit');
  return { user, row };
}

/** Writes only the fields that change; the merged session must still pass the sub-count rule. */
export async function updateGroupSession(id: string, changes: Omit<GroupSessionPatch, 'deleted'>, now: number = Date.now()): Promise<GroupSessionItem> {
  const { row } = await editable(id);
  const patch = groupSessionPatchSchema.safeParse(changes);
  if (!patch.success) throw new ValidationFailedError(patch.error);
  const { deleted: _ignored, ...fields } = patch.data;
  const current = Object.fromEntries(FIELD_NAMES.filter((name) => row[name] !== undefined).map((name) => [name, row[name]]));
  const merged = groupSessionFieldsSchema.safeParse({ ...current, ...definedOnly(fields) });
  if (!merged.success) throw new ValidationFailedError(merged.error);
  const changed = Object.fromEntries(Object.entries(definedOnly(fields)).filter(([name, value]) => canonical(value) !== canonical(row[name])));
  if (Object.keys(changed).length === 0) return toSession(row);
  return toSession(await writeRecord({ table: 'groupSessions', recordId: id, fields: changed }, now));
}

export async function deleteGroupSession(id: string, now: number = Date.now()): Promise<void> {
  await editable(id);
  await writeRecord({ table: 'groupSessions', recordId: id, fields: { deleted: true } }, now);
}

export async function restoreGroupSession(id: string, now: number = Date.now()): Promise<void> {
  await editable(id);
  await writeRecord({ table: 'groupSessions', recordId: id, fields: { deleted: false } }, now);
}
