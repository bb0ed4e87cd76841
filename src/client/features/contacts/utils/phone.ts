// Where "Open Zalo" goes for a contact. How a number is shown and dialled is shared by every feature
// (src/shared/text/phone.ts).
import { isMobileNumber } from '../../../../shared/text/phone';

const ZALO_NUMBER = /^\d+$/;

/**
 * Where "Open Zalo" goes: the contact's Zalo (a number → https://zalo.me/<number>, a zalo.me link
 * as given, made https), else the first mobile number, since a Vietnamese Zalo account is reached
 * by its phone number. The schema only accepts zalo.me links, so this is never another site.
 */
export function zaloLink(contact: { zalo?: string | null | undefined; phones?: readonly string[] | undefined }): { href: string; number: string | null } | null {
  if (contact.zalo) {
    if (ZALO_NUMBER.test(contact.zalo)) return { href: `https://zalo.me/${contact.zalo}`, number: contact.zalo };
    return { href: `https://${contact.zalo.replace(/^https:\/\//, '')}`, number: null };
  }
  const mobile = contact.phones?.find(isMobileNumber);
  return mobile ? { href: `https://zalo.me/${mobile}`, number: mobile } : null;
}
