// What a reader does not receive: the fields only some roles may read are removed, with their
// clocks, before a record leaves the server (docs/privacy.md checklist item 3).
import { can, type Action, type Role } from '../permissions';
import type { SyncTable } from '../schemas/tables';
import type { SyncedRecord } from './merge';
import type { SyncUser } from './scopes';

/**
 * Fields that only roles with an action may read (docs/privacy.md checklist item 3), per table: they are removed
 * before a record leaves the server, so a phone never holds what its user may not see.
 */
export const READ_RESTRICTED_FIELDS: Readonly<Partial<Record<SyncTable, Readonly<Record<string, Action>>>>> = {
  assistanceLogs: { citizen: 'citizen.view', note: 'notes.view' },
  groupSessions: { note: 'notes.view' },
  // Who asked, and the leader's reasons (which may name them): the team only.
  rightsRequests: { requester: 'citizen.view', extensionReason: 'notes.view', closeReason: 'notes.view' },
};

/** The fields of a table's records a role does not receive. */
export function hiddenFields(role: Role, table: SyncTable): string[] {
  return Object.entries(READ_RESTRICTED_FIELDS[table] ?? {})
    .filter(([, action]) => !can(role, action))
    .map(([field]) => field);
}

/** Whether redactForReader removes anything from this table's records for this reader. */
export function redactsFor(user: Pick<SyncUser, 'role'>, table: SyncTable): boolean {
  return hiddenFields(user.role, table).length > 0;
}

/** Fields a role may not read are removed, with their clocks, before a record leaves the server. */
export function redactForReader(user: Pick<SyncUser, 'role'>, table: SyncTable, record: SyncedRecord): SyncedRecord {
  const hidden = hiddenFields(user.role, table);
  if (hidden.length === 0) return record;
  const rest: Record<string, unknown> = { ...record };
  const clocks: Record<string, string> = { ...record.clocks };
  for (const field of hidden) {
    delete rest[field];
    delete clocks[field];
  }
  return { ...rest, id: record.id, clocks } as SyncedRecord;
}
