// The support-contact directory (docs/product.md job 4 "Call for help"; docs/domain.md §8.8). Contacts are
// officials' and technicians' work numbers, not citizens' data. Every change goes through
// writeRecord (record + outbox in one transaction) after the shared schema has accepted it, so bad
// input changes nothing. The directory itself (role slots grouped by system, favourites first,
// search) is built by pure functions below, so the screens stay thin and the rules are tested here.
import type { z } from 'zod';
import { db } from './db';
import { communeUserWhoMay, type CommuneUser } from './access';
import { issuesOf, RecordNotFoundError, ValidationError, type FieldIssue } from './errors';
import { writeRecord } from './local-write';
import { changedFields, definedOnly } from './record-fields';
import { sortContacts, type Contact } from '../../shared/contacts/directory';
import { duplicatesAmong, typedNumbers, type DuplicatePhone } from '../../shared/contacts/duplicates';
import type { Action } from '../../shared/permissions';
import { contactFieldsSchema, type ContactFields } from '../../shared/schemas/contact';
import { uuidv7 } from '../../shared/sync/ids';
import { todayLocal } from '../../shared/text/dates';

/** What a form submits: the schema's input (phones as typed, before normalisation). */
export type ContactInput = z.input<typeof contactFieldsSchema>;

const contacts = () => db.records('contacts');

/** The commune's contacts that are not deleted, favourites first, then in Vietnamese order. */
export async function listContacts(communeId: string | null): Promise<Contact[]> {
  const rows = communeId === null ? [] : await contacts().where('communeId').equals(communeId).toArray();
  return sortContacts(rows.filter((c) => !c.deleted));
}

/** One contact, deleted or not (the undo banner needs the deleted one), of the given commune. */
export async function getContact(id: string, communeId: string | null): Promise<Contact | undefined> {
  const contact = await contacts().get(id);
  return contact && contact.communeId === communeId ? contact : undefined;
}

// ---------------------------------------------------------------------------------------------
// Validation and writes

/** Checks a form's fields with the shared schema; never throws. */
export function validateContact(input: unknown): { ok: true; fields: ContactFields } | { ok: false; issues: FieldIssue[] } {
  const parsed = contactFieldsSchema.safeParse(input);
  if (parsed.success) return { ok: true, fields: parsed.data };
  return { ok: false, issues: issuesOf(parsed.error) };
}

function parseOrThrow(input: unknown): ContactFields {
  const result = validateContact(input);
  if (!result.ok) throw new ValidationError(result.issues);
  return result.fields;
}

async function existing(id: string, user: CommuneUser): Promise<Contact> {
  const contact = await getContact(id, user.communeId);
  if (!contact) throw new RecordNotFoundError();
  return contact;
}

/** Adds a contact of the signed-in user's commune. Validates first: bad input writes nothing. */
export async function createContact(input: ContactInput, now: number = Date.now()): Promise<Contact> {
  const fields = parseOrThrow(input);
  const user = await communeUserWhoMay('contact.create');
  return writeRecord(
    {
      table: 'contacts',
      recordId: uuidv7(),
      fields: {
        ...definedOnly(fields),
        favorite: fields.favorite ?? false,
        communeId: user.communeId,
        createdBy: user.id,
        createdAt: new Date(now).toISOString(),
        deleted: false,
      },
    },
    now,
  );
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

/** The fields of `next` that differ from `current` (an absent field clears: null, [] or false). */
function contactChanges(current: Contact, next: ContactFields): Partial<ContactFields> {
  const filled = (source: Partial<ContactFields>): ContactFields => ({ ...EMPTY, ...definedOnly(source) });
  return changedFields(filled(current), filled(next));
}

/**
 * Saves an edited form: only the fields that changed are written (SYNC: older clients must not
 * erase newer fields, and two people editing different fields both keep their change).
 */
export async function updateContact(id: string, input: ContactInput, now: number = Date.now()): Promise<Contact> {
  const fields = parseOrThrow(input);
  const user = await communeUserWhoMay('contact.edit');
  const current = await existing(id, user);
  const changes = contactChanges(current, fields);
  if (Object.keys(changes).length === 0) return current;
  return writeRecord({ table: 'contacts', recordId: id, fields: changes }, now);
}

async function patch(id: string, action: Action, fields: Partial<ContactFields> & { deleted?: boolean }, now: number): Promise<Contact> {
  const user = await communeUserWhoMay(action);
  await existing(id, user);
  return writeRecord({ table: 'contacts', recordId: id, fields }, now);
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

/** Other live contacts of the commune that already have one of these numbers (as phone or Zalo). */
export async function findDuplicatePhones(numbers: readonly string[], options: { communeId: string | null; excludeId?: string | undefined }): Promise<DuplicatePhone[]> {
  const wanted = typedNumbers(numbers);
  if (wanted.length === 0 || options.communeId === null) return [];
  const [byPhone, byZalo] = await Promise.all([contacts().where('phones').anyOf(wanted).toArray(), contacts().where('zalo').anyOf(wanted).toArray()]);
  return duplicatesAmong([...byPhone, ...byZalo], wanted, options);
}
