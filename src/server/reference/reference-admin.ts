// The province admin's edits of reference data (the service catalogue, the province's support
// contacts), written by the server into the province's sync scope as ordinary record writes, so
// every phone of the province receives them at its next pull however long it was offline
// (docs/reference-data.md). The record is read again inside the write transaction:
// two admins editing at once each win the fields they changed, never a whole stale record.
import { randomUUID } from 'node:crypto';
import type { NewProvinceContact, NewService, ProvinceContactChange, ServiceChange } from '../../shared/reference/admin-api';
import { TABLE_SCHEMAS, type SyncTable } from '../../shared/schemas/tables';
import type { SyncedRecord } from '../../shared/sync/merge';
import { provinceScope } from '../../shared/sync/scopes';
import type { RecordStore } from '../storage/record-types';
import { Refusal } from '../errors';
import { serverCreate, serverWrite } from './server-write';

const ADMIN_CLIENT = 'server-admin';

export class ReferenceError extends Refusal<'not_found' | 'conflict' | 'invalid'> {
  override readonly name = 'ReferenceError';
}

export interface Editor {
  id: string;
  provinceId: string;
}

type Change = 'created' | 'updated' | 'retired' | 'restored';

/** What kind of change a patch is, for the audit log. */
function changeKind(patch: { active?: boolean | undefined }, before: SyncedRecord | undefined): Change {
  if (!before) return 'created';
  if (patch.active === false && before.active !== false) return 'retired';
  if (patch.active === true && before.active === false) return 'restored';
  return 'updated';
}

/** Writes one reference record of the editor's province: `build` runs inside the write's transaction. */
export async function writeOne(
  records: RecordStore,
  editor: Editor,
  table: SyncTable,
  find: (rows: readonly SyncedRecord[]) => SyncedRecord | undefined,
  build: (existing: SyncedRecord | undefined, now: number) => SyncedRecord,
  recordKey: { id: string } | undefined,
  now: number,
): Promise<{ record: SyncedRecord; change: Change; before: SyncedRecord | undefined }> {
  const scope = provinceScope(editor.provinceId);
  // Services are found by code: their ids are the seed's or the admin's; read the scope first.
  const rows = (await records.listRecords({ scope, tables: [table] })).map((row) => row.record);
  const before = find(rows);
  const id = recordKey?.id ?? before?.id ?? randomUUID();
  const committed = await records.push({
    scope,
    userId: editor.id,
    clientId: ADMIN_CLIENT,
    mutationIds: [],
    recordKeys: [{ table, id }],
    now,
    plan: (state) => {
      const current = state.records.find((row) => row.scope === scope && row.table === table && row.record.id === id)?.record;
      const record = build(current, now);
      const parsed = TABLE_SCHEMAS[table].record.safeParse(withoutClocks(record));
      if (!parsed.success) throw new ReferenceError('invalid', parsed.error.issues[0]?.message ?? 'validation.invalidType');
      return { remember: [], writes: [{ table, record }] };
    },
  });
  const record = committed.plan.writes[0]!.record;
  return { record, change: changeKind(record as { active?: boolean }, before), before };
}

function withoutClocks(record: SyncedRecord): Record<string, unknown> {
  const { clocks: _clocks, ...rest } = record;
  return rest;
}

export function meta(editor: Editor, now: number): Record<string, unknown> {
  return { communeId: null, provinceId: editor.provinceId, createdBy: editor.id, createdAt: new Date(now).toISOString(), deleted: false };
}

/** Adds a service to the province's catalogue; its code must be new (codes are what logs hold). */
export async function createService(records: RecordStore, editor: Editor, input: NewService, now: number) {
  return writeOne(
    records,
    editor,
    'services',
    (rows) => rows.find((row) => row.code === input.code),
    (existing, at) => {
      if (existing) throw new ReferenceError('conflict', `The code ${input.code} is already in the catalogue.`);
      return serverCreate(randomUUID(), { ...meta(editor, at), ...input, catalogVersion: 1, active: true }, at);
    },
    undefined,
    now,
  );
}

/** Renames, regroups, retires or restores a service; each change raises its catalogue version. */
export async function changeService(records: RecordStore, editor: Editor, code: string, change: ServiceChange, now: number) {
  const rows = await records.listRecords({ scope: provinceScope(editor.provinceId), tables: ['services'] });
  const id = rows.find((row) => row.record.code === code && row.record.deleted !== true)?.record.id;
  if (!id) throw new ReferenceError('not_found', `No service ${code} in the catalogue.`);
  return writeOne(
    records,
    editor,
    'services',
    (list) => list.find((row) => row.id === id),
    (existing, at) => {
      if (!existing) throw new ReferenceError('not_found', `No service ${code} in the catalogue.`);
      const fields = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
      return serverWrite(existing, { ...fields, catalogVersion: Number(existing.catalogVersion ?? 1) + 1 }, at);
    },
    { id },
    now,
  );
}

/** Adds a province contact (shown on every phone of the province). */
export async function createProvinceContact(records: RecordStore, editor: Editor, input: NewProvinceContact, now: number) {
  const id = randomUUID();
  return writeOne(records, editor, 'provinceContacts', () => undefined, (_existing, at) => serverCreate(id, { ...meta(editor, at), ...input, active: true }, at), { id }, now);
}

/** Edits, retires (active false) or restores a province contact. */
export async function changeProvinceContact(records: RecordStore, editor: Editor, id: string, change: ProvinceContactChange, now: number) {
  return writeOne(
    records,
    editor,
    'provinceContacts',
    (rows) => rows.find((row) => row.id === id),
    (existing, at) => {
      if (!existing || existing.deleted === true) throw new ReferenceError('not_found', 'No such province contact.');
      return serverWrite(existing, Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)), at);
    },
    { id },
    now,
  );
}
