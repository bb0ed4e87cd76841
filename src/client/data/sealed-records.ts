// Which fields of a synced record are stored sealed on the phone, and the sealing and opening of
// them (docs/security.md "Encryption at rest"). Each sealed field is encrypted on its own, with
// the table, record id and field name as additional data: a write of one field seals only that
// field (no decryption on the write path), and the same ciphertext goes into the record and into
// its outbox entry. null stays null (an anonymous log is stored as fast as before).
// Sealing and opening are WebCrypto (async): callers do them OUTSIDE any Dexie transaction
// (awaiting anything but Dexie inside one commits it — docs/sync.md §7.3).
import type { SyncTable } from '../../shared/schemas/tables';
import type { AtRest, Opened, OpenedRecord, SealedName, StoredRecord } from './db';
import { isSealed, open, sealAll, type Sealed } from './vault/crypto';
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
export async function sealFields<T extends SyncTable, F extends Readonly<Record<string, unknown>>>(table: T, recordId: string, fields: F, key: CryptoKey): Promise<AtRest<F, SealedName<T>>> {
  const [sealed] = await sealRecords(table, [{ id: recordId, fields }], key);
  return sealed!;
}

/**
 * sealFields for many records of one table, the encryptions all in flight together (a pulled
 * page): records with nothing to seal are returned as they are.
 */
export async function sealRecords<T extends SyncTable, F extends Readonly<Record<string, unknown>>>(table: T, records: readonly { id: string; fields: F }[], key: CryptoKey): Promise<AtRest<F, SealedName<T>>[]> {
  const names = sealedFieldsOf(table);
  const items: { value: unknown; context: string }[] = [];
  const targets: { copy: Record<string, unknown>; field: string }[] = [];
  const copies = records.map(({ id, fields }) => {
    if (!needsSealing(table, fields)) return fields;
    const copy: Record<string, unknown> = { ...fields };
    for (const field of names) {
      const value = copy[field];
      if (value === null || value === undefined || isSealed(value)) continue;
      items.push({ value, context: contextOf(table, id, field) });
      targets.push({ copy, field });
    }
    return copy;
  });
  const sealed = await sealAll(key, items);
  for (const [index, { copy, field }] of targets.entries()) copy[field] = sealed[index];
  // The same keys as F, the values of T's sealed fields now envelopes: AtRest says exactly that,
  // and TypeScript cannot follow a copy filled field by field.
  return copies as AtRest<F, SealedName<T>>[];
}

/**
 * The fields of records of several tables (a pulled page, a batch of the seal migration's outbox
 * entries) sealed table by table, every encryption in flight together; in the items' order.
 */
export async function sealMixed<I extends { table: SyncTable; id: string; fields: Readonly<Record<string, unknown>> }>(items: readonly I[], key: CryptoKey): Promise<I['fields'][]> {
  const byTable = new Map<SyncTable, number[]>();
  for (const [index, { table }] of items.entries()) {
    const list = byTable.get(table) ?? [];
    list.push(index);
    byTable.set(table, list);
  }
  const sealed: I['fields'][] = items.map(({ fields }) => fields);
  await Promise.all(
    [...byTable].map(async ([table, indexes]) => {
      const records = await sealRecords(table, indexes.map((index) => items[index]!), key);
      indexes.forEach((index, at) => (sealed[index] = records[at]!));
    }),
  );
  return sealed;
}

/** Records of several tables (a pulled page) sealed table by table, in their order. */
export async function sealChanges<C extends { table: SyncTable; record: Readonly<Record<string, unknown>> & { id: string } }>(changes: readonly C[], key: CryptoKey): Promise<C[]> {
  const records = await sealMixed(changes.map(({ table, record }) => ({ table, id: record.id, fields: record })), key);
  return changes.map((change, index) => ({ ...change, record: records[index]! }));
}

/** True when some sealed field of `fields` holds ciphertext. */
export function hasSealed(table: SyncTable, fields: Readonly<Record<string, unknown>>): boolean {
  return sealedFieldsOf(table).some((field) => isSealed(fields[field]));
}

/**
 * A sealed value that this member's key cannot open: sealed with another member's key (a shared
 * phone), moved to another record or field, or damaged on disk. Names where it lies, never what it
 * holds; the screen shows its error and the row stays on disk untouched.
 */
export class UnreadableSealedError extends Error {
  override readonly name = 'UnreadableSealedError';
  constructor(
    readonly table: SyncTable,
    readonly recordId: string,
    readonly field: string,
  ) {
    super(`cannot open the sealed ${table}/${recordId}/${field}: not sealed with this member's key, or damaged`);
  }
}

async function openValue(key: CryptoKey, value: Sealed, table: SyncTable, recordId: string, field: string): Promise<unknown> {
  try {
    return await open(key, value, contextOf(table, recordId, field));
  } catch {
    // WebCrypto says only "OperationError": say which value, and that it is a key or integrity matter.
    throw new UnreadableSealedError(table, recordId, field);
  }
}

/**
 * True when no sealed field of `fields` holds an envelope: `fields` then already is its opened
 * form (plaintext left by a release before encryption, or null, or a table with nothing sealed).
 */
function holdsNoEnvelope<T extends SyncTable, F extends Readonly<Record<string, unknown>>>(table: T, fields: F): fields is F & Opened<F, SealedName<T>> {
  return !hasSealed(table, fields);
}

/**
 * A copy of `fields` with its sealed values opened; plaintext left by a release before encryption
 * (not yet migrated, see seal-migration.ts) is returned as it is. Without `key`, the unlocked
 * member's (LockedError when locked and a value is sealed). UnreadableSealedError when a value
 * was not sealed with that key for this record and field.
 */
export async function openFields<T extends SyncTable, F extends Readonly<Record<string, unknown>>>(table: T, recordId: string, fields: F, key?: CryptoKey): Promise<Opened<F, SealedName<T>>> {
  if (holdsNoEnvelope(table, fields)) return fields;
  const dataKey = key ?? requireDataKey();
  const copy: Record<string, unknown> = { ...fields };
  await Promise.all(
    sealedFieldsOf(table).map(async (field) => {
      const value = copy[field];
      if (isSealed(value)) copy[field] = await openValue(dataKey, value, table, recordId, field);
    }),
  );
  // An opened value is the one that was sealed (db.ts OpenedRecord); TypeScript cannot follow a
  // copy filled field by field.
  return copy as Opened<F, SealedName<T>>;
}

/**
 * Rows of `table` as a screen may read them, their sealed fields opened (LockedError when locked
 * and one is sealed, UnreadableSealedError when one was sealed with another key).
 */
export async function openRows<T extends SyncTable>(table: T, rows: readonly StoredRecord<T>[], key?: CryptoKey): Promise<OpenedRecord<T>[]> {
  return Promise.all(rows.map((row) => openFields(table, row.id, row, key)));
}

/** One row with its sealed fields opened (see openRows); undefined stays undefined. */
export async function openRow<T extends SyncTable>(table: T, row: StoredRecord<T>, key?: CryptoKey): Promise<OpenedRecord<T>>;
export async function openRow<T extends SyncTable>(table: T, row: StoredRecord<T> | undefined, key?: CryptoKey): Promise<OpenedRecord<T> | undefined>;
export async function openRow<T extends SyncTable>(table: T, row: StoredRecord<T> | undefined, key?: CryptoKey): Promise<OpenedRecord<T> | undefined> {
  return row && openFields(table, row.id, row, key);
}
