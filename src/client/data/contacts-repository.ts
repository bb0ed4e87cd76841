// The support-contact directory (docs/product.md job 4 "Call for help"; docs/domain.md §8.8). Contacts are
// officials' and technicians' work numbers, not citizens' data. Every change goes through
// writeRecord (record + outbox in one transaction) after the shared schema has accepted it, so bad
// input changes nothing. The directory itself (role slots grouped by system, favourites first,
// search) is built by pure functions below, so the screens stay thin and the rules are tested here.
import type { z } from 'zod';
import { db, type DraftRow } from './db';
import { writeRecord } from './local-write';
import { requireUser, type SessionUser } from './session-repository';
import { can, type Action } from '../../shared/permissions';
import { contactFieldsSchema, type ContactFields } from '../../shared/schemas/contact';
import type { ContactRole } from '../../shared/schemas/contact-role';
import { isVnContactNumber, normalizeVnPhone } from '../../shared/schemas/phone';
import type { ValidationKey } from '../../shared/schemas/validation-keys';
import type { SyncedRecord } from '../../shared/sync/merge';
import { uuidv7 } from '../../shared/sync/ids';
import { todayLocal } from '../../shared/text/dates';
import { compareVi, foldForSearch, searchTokens } from '../../shared/text/vietnamese';

/** A contact as the screens use it: every optional field present (null when empty). */
export interface Contact {
  id: string;
  communeId: string | null;
  createdBy: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  deleted: boolean;
  name: string;
  organization: string | null;
  role: string | null;
  systems: string[];
  phones: string[];
  zalo: string | null;
  email: string | null;
  area: string | null;
  note: string | null;
  favorite: boolean;
  roleId: string | null;
  lastVerifiedAt: string | null;
}

/** What a form submits: the schema's input (phones as typed, before normalisation). */
export type ContactInput = z.input<typeof contactFieldsSchema>;

/** One field's problem: `path` is "name", "phones.1"…; `key` an i18n key of common.json. */
export interface FieldIssue {
  path: string;
  key: ValidationKey;
}

export class ContactValidationError extends Error {
  override readonly name = 'ContactValidationError';
  constructor(readonly issues: FieldIssue[]) {
    super(issues[0]?.key ?? 'validation.invalidType');
  }
}

/** The signed-in user's role may not do this; the message is a key of the contacts namespace. */
export class ContactPermissionError extends Error {
  override readonly name = 'ContactPermissionError';
  constructor() {
    super('errors.forbidden');
  }
}

export class ContactNotFoundError extends Error {
  override readonly name = 'ContactNotFoundError';
  constructor() {
    super('errors.notFound');
  }
}

const TABLE = 'contacts';
const contacts = () => db.records(TABLE);

// Reading is tolerant on purpose: a record pulled from a newer server may carry fields this
// version does not know, and one odd field must not hide the whole contact.
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** A stored record as a Contact, or null when it is not a usable contact (no name). */
export function toContact(record: SyncedRecord): Contact | null {
  const name = text(record.name);
  if (name === null) return null;
  return {
    id: record.id,
    communeId: text(record.communeId),
    createdBy: text(record.createdBy),
    createdAt: text(record.createdAt),
    updatedAt: text(record.updatedAt),
    deleted: record.deleted === true,
    name,
    organization: text(record.organization),
    role: text(record.role),
    systems: strings(record.systems),
    phones: strings(record.phones),
    zalo: text(record.zalo),
    email: text(record.email),
    area: text(record.area),
    note: text(record.note),
    favorite: record.favorite === true,
    roleId: text(record.roleId),
    lastVerifiedAt: text(record.lastVerifiedAt),
  };
}

/** The commune's contacts that are not deleted, favourites first, then in Vietnamese order. */
export async function listContacts(communeId: string | null): Promise<Contact[]> {
  const rows = communeId === null ? [] : await contacts().where('communeId').equals(communeId).toArray();
  return sortContacts(rows.map(toContact).filter((c): c is Contact => c !== null && !c.deleted));
}

/** One contact, deleted or not (the undo banner needs the deleted one), of the given commune. */
export async function getContact(id: string, communeId: string | null): Promise<Contact | undefined> {
  const record = await contacts().get(id);
  const contact = record ? toContact(record) : null;
  return contact && contact.communeId === communeId ? contact : undefined;
}

/** Favourites first, then by name in Vietnamese order; the id breaks ties so every phone agrees. */
export function compareContacts(a: Contact, b: Contact): number {
  if (a.favorite !== b.favorite) return a.favorite ? -1 : 1;
  return compareVi(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function sortContacts(list: readonly Contact[]): Contact[] {
  return [...list].sort(compareContacts);
}

// ---------------------------------------------------------------------------------------------
// Validation and writes

/** Checks a form's fields with the shared schema; never throws. */
export function validateContact(input: unknown): { ok: true; fields: ContactFields } | { ok: false; issues: FieldIssue[] } {
  const parsed = contactFieldsSchema.safeParse(input);
  if (parsed.success) return { ok: true, fields: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), key: issue.message as ValidationKey })),
  };
}

function parseOrThrow(input: unknown): ContactFields {
  const result = validateContact(input);
  if (!result.ok) throw new ContactValidationError(result.issues);
  return result.fields;
}

async function userWhoMay(action: Action): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user.role, action) || user.communeId === null) throw new ContactPermissionError();
  return user;
}

async function existing(id: string, user: SessionUser): Promise<Contact> {
  const contact = await getContact(id, user.communeId);
  if (!contact) throw new ContactNotFoundError();
  return contact;
}

function reread(record: SyncedRecord): Contact {
  const contact = toContact(record);
  if (!contact) throw new Error('a contact write produced a record without a name');
  return contact;
}

/** Adds a contact of the signed-in user's commune. Validates first: bad input writes nothing. */
export async function createContact(input: ContactInput, now: number = Date.now()): Promise<Contact> {
  const fields = parseOrThrow(input);
  const user = await userWhoMay('contact.create');
  const record = await writeRecord(
    {
      table: TABLE,
      recordId: uuidv7(),
      fields: {
        ...withoutUndefined(fields),
        favorite: fields.favorite ?? false,
        communeId: user.communeId,
        createdBy: user.id,
        createdAt: new Date(now).toISOString(),
        deleted: false,
      },
    },
    now,
  );
  return reread(record);
}

// The editable fields, and the value a field has when the form leaves it empty.
const EMPTY: { [K in keyof Required<ContactFields>]: ContactFields[K] } = {
  name: '',
  organization: null,
  role: null,
  systems: [],
  phones: [],
  zalo: null,
  email: null,
  area: null,
  note: null,
  favorite: false,
  roleId: null,
  lastVerifiedAt: null,
};
const FIELD_NAMES = Object.keys(EMPTY) as (keyof ContactFields)[];

function withoutUndefined(fields: ContactFields): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** The fields of `next` that differ from `current` (an absent field clears: null, [] or false). */
export function changedFields(current: Contact, next: ContactFields): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const field of FIELD_NAMES) {
    const after = next[field] ?? EMPTY[field];
    const before = current[field] ?? EMPTY[field];
    if (JSON.stringify(after) !== JSON.stringify(before)) changes[field] = after;
  }
  return changes;
}

/**
 * Saves an edited form: only the fields that changed are written (docs/sync.md §7.2 item 4: older clients must not
 * erase newer fields, and two people editing different fields both keep their change).
 */
export async function updateContact(id: string, input: ContactInput, now: number = Date.now()): Promise<Contact> {
  const fields = parseOrThrow(input);
  const user = await userWhoMay('contact.edit');
  const current = await existing(id, user);
  const changes = changedFields(current, fields);
  if (Object.keys(changes).length === 0) return current;
  return reread(await writeRecord({ table: TABLE, recordId: id, fields: changes }, now));
}

async function patch(id: string, action: Action, fields: Record<string, unknown>, now: number): Promise<Contact> {
  const user = await userWhoMay(action);
  await existing(id, user);
  return reread(await writeRecord({ table: TABLE, recordId: id, fields }, now));
}

/** Soft delete (a tombstone that syncs); restoreContact undoes it. */
export function deleteContact(id: string, now: number = Date.now()): Promise<Contact> {
  return patch(id, 'contact.delete', { deleted: true }, now);
}

export function restoreContact(id: string, now: number = Date.now()): Promise<Contact> {
  return patch(id, 'contact.delete', { deleted: false }, now);
}

/** "Still correct": the number was checked today (in Vietnam's calendar). */
export function markContactVerified(id: string, now: number = Date.now()): Promise<Contact> {
  return patch(id, 'contact.edit', { lastVerifiedAt: todayLocal(now) }, now);
}

export function setContactFavorite(id: string, favorite: boolean, now: number = Date.now()): Promise<Contact> {
  return patch(id, 'contact.edit', { favorite }, now);
}

// ---------------------------------------------------------------------------------------------
// Duplicates (docs/product.md, medic/cht-core#6363: warn, never block)

export interface DuplicatePhone {
  /** The normalised number both contacts have. */
  phone: string;
  contact: Contact;
}

/** The valid numbers among typed phones and a Zalo number, normalised ("+84 912…" → "0912…"). */
export function typedNumbers(phones: readonly string[], zalo?: string | null): string[] {
  const all = [...phones, ...(zalo ? [zalo] : [])].map(normalizeVnPhone).filter(isVnContactNumber);
  return [...new Set(all)];
}

/** Other live contacts of the commune that already have one of these numbers (as phone or Zalo). */
export async function findDuplicatePhones(
  numbers: readonly string[],
  options: { communeId: string | null; excludeId?: string | undefined },
): Promise<DuplicatePhone[]> {
  const wanted = [...new Set(numbers.map(normalizeVnPhone).filter(isVnContactNumber))];
  if (wanted.length === 0 || options.communeId === null) return [];
  const [byPhone, byZalo] = await Promise.all([
    contacts().where('phones').anyOf(wanted).toArray(),
    contacts().where('zalo').anyOf(wanted).toArray(),
  ]);
  const found = new Map<string, DuplicatePhone>();
  for (const record of [...byPhone, ...byZalo]) {
    const contact = toContact(record);
    if (!contact || contact.deleted || contact.communeId !== options.communeId || contact.id === options.excludeId) continue;
    const theirs = [...contact.phones, ...(contact.zalo ? [contact.zalo] : [])];
    for (const phone of wanted) {
      if (theirs.includes(phone)) found.set(`${phone} ${contact.id}`, { phone, contact });
    }
  }
  return [...found.values()].sort((a, b) => compareContacts(a.contact, b.contact) || (a.phone < b.phone ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Search and the directory

/** Translated names of systems, and the role slots, so search finds "chữ ký số" or "VNPT". */
export interface SearchContext {
  systemLabels?: Readonly<Record<string, string>>;
  roles?: readonly ContactRole[];
  /** The UI language: slot names are searched in it (and in Vietnamese, the language of the data). */
  language?: string;
}

const PHONE_QUERY = /^\+?[\d\s.\-()]{3,}$/;

/** True when a query typed as digits ("0912 345", "+84 91") is part of one of the numbers. */
function matchesPhoneDigits(numbers: readonly string[], query: string): boolean {
  if (!PHONE_QUERY.test(query.trim())) return false;
  const digits = normalizeVnPhone(query);
  return digits.length >= 3 && numbers.some((n) => n.includes(digits));
}

function systemTexts(systems: readonly string[], context: SearchContext): string[] {
  return systems.flatMap((id) => [id, context.systemLabels?.[id] ?? '']);
}

// Each query word must begin a word of the texts ("cong an" finds "Công an xã"). Plain substring
// matching, as in matchesSearch, lets two short words match inside unrelated words ("an" in
// "Văn", "Ban", "transformation") and buries the answer in a list of 25 slots. Numbers typed as
// digits are matched anywhere in the phone numbers instead (matchesPhoneDigits).
const WORD_CHAR = /[\p{L}\p{N}]/u;
function startsAWord(haystack: string, token: string): boolean {
  for (let at = haystack.indexOf(token); at >= 0; at = haystack.indexOf(token, at + 1)) {
    if (at === 0 || !WORD_CHAR.test(haystack.charAt(at - 1))) return true;
  }
  return false;
}

function matchesWords(texts: readonly string[], query: string): boolean {
  const haystack = texts.map(foldForSearch).join('\n');
  return searchTokens(query).every((token) => startsAWord(haystack, token));
}

// A slot's name exists in Vietnamese and English. The English names are searched only when the UI
// is in English: mixed into a Vietnamese search, "cong an" would also find "Sở Khoa học và Công
// nghệ" through the English "…Science and Technology".
function slotNames(role: ContactRole, context: SearchContext): string[] {
  return context.language === 'en' ? [role.role.vi, role.role.en] : [role.role.vi];
}

/** Search across name, organisation, role (free text and slot), systems, area, notes, email and numbers. */
export function matchesContact(contact: Contact, query: string, context: SearchContext = {}): boolean {
  if (foldForSearch(query) === '') return true;
  const slot = contact.roleId ? context.roles?.find((r) => r.id === contact.roleId) : undefined;
  const numbers = [...contact.phones, ...(contact.zalo ? [contact.zalo] : [])];
  const texts = [
    contact.name,
    contact.organization ?? '',
    contact.role ?? '',
    ...systemTexts(contact.systems, context),
    contact.area ?? '',
    contact.note ?? '',
    contact.email ?? '',
    ...numbers,
  ];
  return matchesWords([...texts, ...(slot ? slotNames(slot, context) : [])], query) || matchesPhoneDigits(numbers, query);
}

export function matchesRole(role: ContactRole, query: string, context: SearchContext = {}): boolean {
  return matchesWords([...slotNames(role, context), role.organization, ...systemTexts(role.systems, context)], query);
}

/**
 * The order of the directory's groups: the document and procedure systems people call about most
 * (docs/product.md job 4), then e-ID, signatures, the portals and the rest. Systems this list does not
 * know come after it in alphabetical order; contacts without a system go to OTHER_GROUP, last.
 */
export const CONTACT_SYSTEMS = [
  'qlvb',
  'tthc',
  'dvcqg',
  'vneid',
  'signature',
  'portal',
  'email',
  'reporting',
  'lgsp',
  'ndxp',
  'video',
  'tslcd',
  'ioc',
  'population-db',
  'cadre-db',
  'banking',
  'vssid',
] as const;
export type ContactSystem = (typeof CONTACT_SYSTEMS)[number];
export const OTHER_GROUP = 'other';

export function isKnownSystem(id: string): id is ContactSystem {
  return (CONTACT_SYSTEMS as readonly string[]).includes(id);
}

/** A role slot the commune fills in, with the contacts that fill it (possibly none). */
export interface RoleSlot {
  role: ContactRole;
  contacts: Contact[];
}

/** One system's part of the directory: its role slots (seed order), then other contacts. */
export interface DirectoryGroup {
  /** A system id, or OTHER_GROUP. */
  key: string;
  slots: RoleSlot[];
  contacts: Contact[];
}

export interface Directory {
  favorites: Contact[];
  groups: DirectoryGroup[];
  /** How many contacts match the query (each counted once). */
  matchCount: number;
}

// A role or contact is listed under the first system it names: the seed lists the main one first
// ("vnpt-qlvb-technician": qlvb, then signature). Listing it under every system would repeat the
// commune focal point six times; search still finds it by any of its systems.
const groupOf = (systems: readonly string[]): string => systems[0] ?? OTHER_GROUP;

function groupOrder(key: string): [number, string] {
  if (key === OTHER_GROUP) return [2, ''];
  const index = (CONTACT_SYSTEMS as readonly string[]).indexOf(key);
  return index >= 0 ? [0, String(index).padStart(3, '0')] : [1, key];
}

/**
 * Builds the directory: favourites, then one group per system holding the role slots (empty or
 * filled) and the commune's other contacts. With a query, only matching contacts are kept, and a
 * slot shows when its role or one of its contacts matches.
 */
export function buildDirectory(
  allContacts: readonly Contact[],
  roles: readonly ContactRole[],
  options: { query?: string } & SearchContext = {},
): Directory {
  const query = options.query ?? '';
  const searching = foldForSearch(query) !== '';
  const context: SearchContext = { systemLabels: options.systemLabels ?? {}, roles, language: options.language ?? 'vi' };
  const live = sortContacts(allContacts.filter((c) => !c.deleted));
  const matching = searching ? live.filter((c) => matchesContact(c, query, context)) : live;
  const roleIds = new Set(roles.map((r) => r.id));
  const groups = new Map<string, DirectoryGroup>();
  const group = (key: string): DirectoryGroup => {
    let found = groups.get(key);
    if (!found) groups.set(key, (found = { key, slots: [], contacts: [] }));
    return found;
  };
  for (const role of roles) {
    const filling = matching.filter((c) => c.roleId === role.id);
    if (!searching || filling.length > 0 || matchesRole(role, query, context)) group(groupOf(role.systems)).slots.push({ role, contacts: filling });
  }
  for (const contact of matching) {
    if (contact.roleId === null || !roleIds.has(contact.roleId)) group(groupOf(contact.systems)).contacts.push(contact);
  }
  const ordered = [...groups.values()].sort((a, b) => {
    const [ra, ka] = groupOrder(a.key);
    const [rb, kb] = groupOrder(b.key);
    return ra - rb || (ka < kb ? -1 : ka > kb ? 1 : 0);
  });
  return { favorites: matching.filter((c) => c.favorite), groups: ordered, matchCount: matching.length };
}

// ---------------------------------------------------------------------------------------------
// Form drafts: what was typed survives a reload, a crash or a tap on the duplicate's link. Kept
// per user, so a second user of a shared phone never sees the first one's draft.

const draftKey = (userId: string, contactId: string | undefined) => `contacts:${userId}:${contactId ?? 'new'}`;

export async function loadContactDraft(userId: string, contactId?: string): Promise<unknown> {
  const row = await db.drafts.get(draftKey(userId, contactId));
  return row && row.userId === userId ? row.value : undefined;
}

export async function saveContactDraft(userId: string, contactId: string | undefined, value: unknown, now: number = Date.now()): Promise<void> {
  const row: DraftRow = { key: draftKey(userId, contactId), userId, value, updatedAt: new Date(now).toISOString() };
  await db.drafts.put(row);
}

export async function clearContactDraft(userId: string, contactId?: string): Promise<void> {
  await db.drafts.delete(draftKey(userId, contactId));
}
