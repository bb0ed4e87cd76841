// Which fields of a synced record are stored sealed on the phone, and the sealing and opening of
// them (docs/security.md "Encryption at rest"). Each sealed field is encrypted on its own, with
// the table, record id and field name as additional data: a write of one field seals only that
// field (no decryption on the write path), and the same ciphertext goes into the record and into
// its outbox entry. null stays null (an anonymous log is stored as fast as before).
// Sealing and opening are WebCrypto (async): callers do them OUTSIDE any Dexie transaction
// (awaiting anything but Dexie inside one commits it — docs/sync.md §7.3).
import type { SyncTable } from '../../shared/schemas/tables';
import { isSealed, open, sealAll } from './vault/crypto';
import { currentDataKey, LockedError } from './vault/vault';
import { SEALED_FIELDS } from './sealed-fields';

export { SEALED_FIELDS, SEALED_FIELDS_VERSION } from './sealed-fields';

/** The sealed fields of every table, looked up by any table name. */
const SEALED_BY_TABLE: Readonly<Partial<Record<SyncTable, readonly string[]>>> = SEALED_FIELDS;

/** Personal fields kept in clear on the phone, and why (docs/security.md "What is not"). */
export const CLEAR_AT_REST: Readonly<Record<string, string>> = {
  createdBy: 'a member account id: the indexes of "my logs" and the edit rights need it; it names a colleague, never a citizen',
  'contacts.*': "the directory of officials' work contacts, published by the province to every team; the duplicate search indexes the phones",
  'checklistItems.assignee': 'which colleague does the task, as the team says it',
  'signOffs.signedBy': 'the reviewer account id',
  'teamMembers.displayName': "a colleague's name in the roster the server publishes to the commune; every screen shows it instead of an account id",
  'teamMembers.phone': "a colleague's work phone in the roster, for the team to call each other; never a citizen's",
  'provinceContacts.*': "the province's support desks and officials (VNPT, Viettel, the Sở's help desk), published by the admin to every phone of the province",
  'periodReports.*': "the commune's official report to the province: counts and the leadership's own words, signed by a named official; no citizen is recorded in it",
  'rightsRequests.acknowledgedBy': 'the account id of the member who acknowledged a request',
  'rightsRequests.extendedBy': 'the account id of the leader who extended a request',
  'rightsRequests.closedBy': 'the account id of the leader who answered a request',
  'rightsRequests.extensionReason': "the leader's reason for more time, about the work, not the person (the form says so); reviewers never receive it",
  'rightsRequests.closeReason': "the leader's reason for a refusal or note of what was done, about the answer, not the person; reviewers never receive it",
  'serviceGuides.*': "the province's public step-by-step guides to its services, from official sources; no person is recorded in them",
  'guideImages.*': "the pictures of the guides' steps (screenshots of public apps and portals); no person is recorded in them",
  'reportSettings.*': "the province's due day and indicators with their targets, published by the admin to every phone of the province; no person is recorded in them",
  'indicatorValues.*': "the commune's figures for the province's indicators, counts and shares of its work; no person is recorded in them",
  'reportSubmissions.*': 'the same report as it was sent, and the account id of the official who sent it; no citizen is recorded in it',
};

const NONE: readonly string[] = [];

export function sealedFieldsOf(table: SyncTable): readonly string[] {
  return SEALED_BY_TABLE[table] ?? NONE;
}

const contextOf = (table: SyncTable, recordId: string, field: string): string => `${table}/${recordId}/${field}`;

/** The data key of the member the app is unlocked for, or LockedError. */
export function requireDataKey(): CryptoKey {
  const key = currentDataKey();
  if (!key) throw new LockedError();
  return key;
}

/** True when some value of `fields` must be sealed before it is stored. */
export function needsSealing(table: SyncTable, fields: Readonly<Record<string, unknown>>): boolean {
  for (const field of sealedFieldsOf(table)) {
    const value = fields[field];
    if (value !== null && value !== undefined && !isSealed(value)) return true;
  }
  return false;
}

/** A copy of `fields` with the values of sealed fields encrypted (the others as they are). */
export async function sealFields<F extends Readonly<Record<string, unknown>>>(table: SyncTable, recordId: string, fields: F, key: CryptoKey): Promise<F> {
  const [sealed] = await sealRecords(table, [{ id: recordId, fields }], key);
  return sealed!;
}

/**
 * sealFields for many records of one table, the encryptions all in flight together (a pulled
 * page): records with nothing to seal are returned as they are.
 */
export async function sealRecords<F extends Readonly<Record<string, unknown>>>(table: SyncTable, records: readonly { id: string; fields: F }[], key: CryptoKey): Promise<F[]> {
  const names = sealedFieldsOf(table);
  const items: { value: unknown; context: string }[] = [];
  const targets: { copy: Record<string, unknown>; field: string }[] = [];
  const result = records.map(({ id, fields }) => {
    if (!needsSealing(table, fields)) return fields;
    const copy: Record<string, unknown> = { ...fields };
    for (const field of names) {
      const value = copy[field];
      if (value === null || value === undefined || isSealed(value)) continue;
      items.push({ value, context: contextOf(table, id, field) });
      targets.push({ copy, field });
    }
    // The same keys as F, some values replaced by their sealed form: stored as F (db.ts StoredRecord).
    return copy as F;
  });
  const sealed = await sealAll(key, items);
  for (const [index, { copy, field }] of targets.entries()) copy[field] = sealed[index];
  return result;
}

/** Records of several tables (a pulled page) sealed table by table, in their order. */
export async function sealChanges<C extends { table: SyncTable; record: Readonly<Record<string, unknown>> & { id: string } }>(changes: readonly C[], key: CryptoKey): Promise<C[]> {
  const byTable = new Map<SyncTable, number[]>();
  for (const [index, { table }] of changes.entries()) {
    const list = byTable.get(table) ?? [];
    list.push(index);
    byTable.set(table, list);
  }
  const sealed = [...changes];
  await Promise.all(
    [...byTable].map(async ([table, indexes]) => {
      const records = await sealRecords(table, indexes.map((index) => ({ id: changes[index]!.record.id, fields: changes[index]!.record })), key);
      indexes.forEach((index, at) => (sealed[index] = { ...changes[index]!, record: records[at]! }));
    }),
  );
  return sealed;
}

/** True when some sealed field of `fields` holds ciphertext. */
export function hasSealed(table: SyncTable, fields: Readonly<Record<string, unknown>>): boolean {
  return sealedFieldsOf(table).some((field) => isSealed(fields[field]));
}

/**
 * A copy of `fields` with its sealed values opened; plaintext left by a release before encryption
 * (not yet migrated, see seal-migration.ts) is returned as it is.
 */
export async function openFields<F extends Readonly<Record<string, unknown>>>(table: SyncTable, recordId: string, fields: F, key: CryptoKey): Promise<F> {
  if (!hasSealed(table, fields)) return fields;
  const copy: Record<string, unknown> = { ...fields };
  await Promise.all(
    sealedFieldsOf(table).map(async (field) => {
      const value = copy[field];
      if (isSealed(value)) copy[field] = await open(key, value, contextOf(table, recordId, field));
    }),
  );
  return copy as F;
}

/** Rows of `table` with their sealed fields opened (LockedError when locked and one is sealed). */
export async function openRows<R extends { id: string }>(table: SyncTable, rows: readonly R[], key?: CryptoKey): Promise<R[]> {
  if (!rows.some((row) => hasSealed(table, row))) return [...rows];
  const dataKey = key ?? requireDataKey();
  return Promise.all(rows.map((row) => openFields(table, row.id, row, dataKey)));
}

/** One row (or undefined) with its sealed fields opened. */
export async function openRow<R extends { id: string }>(table: SyncTable, row: R | undefined, key?: CryptoKey): Promise<R | undefined> {
  if (!row) return undefined;
  const [opened] = await openRows(table, [row], key);
  return opened;
}
