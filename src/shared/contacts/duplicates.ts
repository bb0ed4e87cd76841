// Duplicate numbers in the directory (docs/product.md: warn, never block — medic/cht-core#6363). Pure:
// the data layer finds the candidates through its phone and Zalo indexes, this decides which are
// duplicates and in which order the warning lists them.
import { compareContacts, contactNumbers, type Contact } from './directory';
import { isVnContactNumber, normalizeVnPhone } from '../schemas/phone';

export interface DuplicatePhone {
  /** The normalised number both contacts have. */
  phone: string;
  contact: Contact;
}

/** The valid numbers among typed phones and a Zalo number, normalised ("+84 912…" → "0912…"), once each. */
export function typedNumbers(phones: readonly string[], zalo?: string | null): string[] {
  const all = [...phones, ...(zalo ? [zalo] : [])].map(normalizeVnPhone).filter(isVnContactNumber);
  return [...new Set(all)];
}

export interface DuplicateScope {
  communeId: string | null;
  /** The contact being edited: its own numbers are not duplicates. */
  excludeId?: string | undefined;
}

/**
 * The live contacts of the commune among `candidates` that already have one of `numbers` (as a
 * phone or as Zalo), one entry per number and contact, in directory order.
 */
export function duplicatesAmong(candidates: readonly Contact[], numbers: readonly string[], scope: DuplicateScope): DuplicatePhone[] {
  const wanted = typedNumbers(numbers);
  const found = new Map<string, DuplicatePhone>();
  for (const contact of candidates) {
    if (contact.deleted || contact.communeId !== scope.communeId || contact.id === scope.excludeId) continue;
    const theirs = contactNumbers(contact);
    for (const phone of wanted) {
      if (theirs.includes(phone)) found.set(`${phone} ${contact.id}`, { phone, contact });
    }
  }
  return [...found.values()].sort((a, b) => compareContacts(a.contact, b.contact) || (a.phone < b.phone ? -1 : 1));
}
