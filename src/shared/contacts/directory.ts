// The support-contact directory as the Contacts screen shows it (docs/product.md job 4 "Call for help"):
// role slots grouped by system, favourites first, Vietnamese order, and the search. Pure, so the
// rules are tested without a database and the screens stay thin.
import type { ContactRecord } from '../schemas/contact';
import type { ContactRole } from '../schemas/contact-role';
import { normalizeVnPhone } from '../schemas/phone';
import { compareVi, foldForSearch, searchTokens } from '../text/vietnamese';

/** A contact as stored (the shared record type). */
export type Contact = ContactRecord;

/** A contact's numbers: its phones, then its Zalo number or link. */
export function contactNumbers(contact: Pick<Contact, 'phones' | 'zalo'>): string[] {
  return [...(contact.phones ?? []), ...(contact.zalo ? [contact.zalo] : [])];
}

/** Favourites first, then by name in Vietnamese order; the id breaks ties so every phone agrees. */
export function compareContacts(a: Contact, b: Contact): number {
  if (Boolean(a.favorite) !== Boolean(b.favorite)) return a.favorite ? -1 : 1;
  return compareVi(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function sortContacts(list: readonly Contact[]): Contact[] {
  return [...list].sort(compareContacts);
}

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
  const numbers = contactNumbers(contact);
  const texts = [
    contact.name,
    contact.organization ?? '',
    contact.role ?? '',
    ...systemTexts(contact.systems ?? [], context),
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
 * know come after it in alphabetical order; then LEADERS_GROUP (role slots of no system), and
 * contacts of no slot and no system go to OTHER_GROUP, last.
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

/** One part of the directory: a system's filled role slots (seed order), then its other contacts. */
export interface DirectoryGroup {
  /** A system id, LEADERS_GROUP or OTHER_GROUP. */
  key: string;
  slots: RoleSlot[];
  contacts: Contact[];
}

export interface Directory {
  favorites: Contact[];
  /** Only groups with someone in them: a commune's people come first, never a wall of empty cards. */
  groups: DirectoryGroup[];
  /** The role slots no one fills yet (with a query: those whose role matches), in group order. */
  emptySlots: RoleSlot[];
  /** Every role slot offered, filled or not (with a query: those shown). */
  slotCount: number;
  /** How many contacts match the query (each counted once). */
  matchCount: number;
}

/** Role slots of no system: the commune's leaders and mass organisations. */
export const LEADERS_GROUP = 'leaders';

// A role or contact is listed under the first system it names: the seed lists the main one first
// ("vnpt-qlvb-technician": qlvb, then signature). Listing it under every system would repeat the
// commune focal point six times; search still finds it by any of its systems. A role slot of no
// system is a leader's or a mass organisation's; a contact of no slot and no system is only
// "other" — never filed under the leaders.
const groupOfRole = (role: ContactRole): string => role.systems[0] ?? LEADERS_GROUP;
const groupOfContact = (contact: Contact): string => contact.systems?.[0] ?? OTHER_GROUP;

function groupOrder(key: string): [number, string] {
  if (key === LEADERS_GROUP) return [2, ''];
  if (key === OTHER_GROUP) return [3, ''];
  const index = (CONTACT_SYSTEMS as readonly string[]).indexOf(key);
  return index >= 0 ? [0, String(index).padStart(3, '0')] : [1, key];
}

function compareGroups(a: string, b: string): number {
  const [ra, ka] = groupOrder(a);
  const [rb, kb] = groupOrder(b);
  return ra - rb || (ka < kb ? -1 : ka > kb ? 1 : 0);
}

/**
 * Builds the directory: favourites, then one group per system holding its filled role slots and
 * the commune's other contacts, then every empty role slot apart (the screen folds them into one
 * group). With a query, only matching contacts are kept, and a slot shows when its role or one of
 * its contacts matches.
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
  const empty: { key: string; slot: RoleSlot }[] = [];
  let slotCount = 0;
  for (const role of roles) {
    const filling = matching.filter((c) => c.roleId === role.id);
    if (searching && filling.length === 0 && !matchesRole(role, query, context)) continue;
    slotCount += 1;
    if (filling.length > 0) group(groupOfRole(role)).slots.push({ role, contacts: filling });
    else empty.push({ key: groupOfRole(role), slot: { role, contacts: [] } });
  }
  for (const contact of matching) {
    if (contact.roleId == null || !roleIds.has(contact.roleId)) group(groupOfContact(contact)).contacts.push(contact);
  }
  const ordered = [...groups.values()].sort((a, b) => compareGroups(a.key, b.key));
  // A stable sort: within a group, the slots keep the seed's order.
  const emptySlots = empty.sort((a, b) => compareGroups(a.key, b.key)).map((entry) => entry.slot);
  return { favorites: matching.filter((c) => c.favorite === true), groups: ordered, emptySlots, slotCount, matchCount: matching.length };
}
