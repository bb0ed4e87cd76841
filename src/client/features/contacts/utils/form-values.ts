// The contact form's state (strings, as typed) and its conversion to the schema's input. Empty
// text means "not given": omitted on create, cleared on edit (the repository compares with the
// stored contact). Blank phone rows are dropped, and the index of each kept row is remembered so
// that an error on phones.1 is shown under the row the person typed it in.
import type { ContactInput } from '../../../data/contacts-repository';
import { fieldErrorsOf, formFieldOf, type FieldErrors, type FieldIssue } from '../../../data/errors';
import type { Contact } from '../../../../shared/contacts/directory';
import type { ContactRole } from '../../../../shared/schemas/contact-role';

export interface ContactFormValues {
  name: string;
  roleId: string;
  role: string;
  organization: string;
  systems: string[];
  phones: string[];
  zalo: string;
  email: string;
  area: string;
  note: string;
  favorite: boolean;
  lastVerifiedAt: string;
}

export function emptyFormValues(role?: ContactRole): ContactFormValues {
  return {
    name: '',
    roleId: role?.id ?? '',
    role: '',
    organization: role?.organization ?? '',
    systems: role ? [...role.systems] : [],
    phones: [''],
    zalo: '',
    email: '',
    area: '',
    note: '',
    favorite: false,
    lastVerifiedAt: '',
  };
}

export function formValuesOf(contact: Contact): ContactFormValues {
  return {
    name: contact.name,
    roleId: contact.roleId ?? '',
    role: contact.role ?? '',
    organization: contact.organization ?? '',
    systems: [...(contact.systems ?? [])],
    phones: contact.phones?.length ? [...contact.phones] : [''],
    zalo: contact.zalo ?? '',
    email: contact.email ?? '',
    area: contact.area ?? '',
    note: contact.note ?? '',
    favorite: contact.favorite === true,
    lastVerifiedAt: contact.lastVerifiedAt ?? '',
  };
}

const TEXT_KEYS = ['name', 'roleId', 'role', 'organization', 'zalo', 'email', 'area', 'note', 'lastVerifiedAt'] as const;
const isTextList = (value: unknown): boolean => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** A draft read back from storage has this form's shape (a draft of another shape is not restored). */
export function isContactFormValues(value: unknown): value is ContactFormValues {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Record<string, unknown>;
  return TEXT_KEYS.every((key) => typeof draft[key] === 'string') && isTextList(draft.systems) && isTextList(draft.phones) && typeof draft.favorite === 'boolean';
}

export function sameValues(a: ContactFormValues, b: ContactFormValues): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The schema input, and for each phone sent the form row it came from. */
export function toContactInput(values: ContactFormValues): { input: ContactInput; phoneRows: number[] } {
  const phoneRows: number[] = [];
  const phones: string[] = [];
  values.phones.forEach((phone, row) => {
    if (phone.trim() !== '') {
      phoneRows.push(row);
      phones.push(phone);
    }
  });
  const input: ContactInput = { name: values.name, favorite: values.favorite };
  const optional = ['roleId', 'role', 'organization', 'zalo', 'email', 'area', 'note', 'lastVerifiedAt'] as const;
  for (const key of optional) {
    if (values[key].trim() !== '') input[key] = values[key];
  }
  if (values.systems.length > 0) input.systems = values.systems;
  if (phones.length > 0) input.phones = phones;
  return { input, phoneRows };
}

/** Errors by form field id: "phones.2" names the third row as typed, not the third phone sent. */
export function contactFieldErrors(issues: readonly FieldIssue[], phoneRows: readonly number[]): FieldErrors {
  return fieldErrorsOf(issues, (path) => {
    const [field, index] = path.split('.');
    // A duplicate on the list as a whole ("the same number twice") is shown on the list.
    return field === 'phones' && index !== undefined ? `phones.${phoneRows[Number(index)] ?? 0}` : formFieldOf(path);
  });
}
