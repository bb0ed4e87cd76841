// How a contact's numbers are shown and dialled. Numbers are stored normalised (digits, domestic
// form: src/shared/schemas/phone.ts), so links are built from the stored value and only the
// displayed text is grouped for reading aloud.

// Mobile numbers since the 2018 renumbering; Zalo accounts are tied to a mobile number.
const MOBILE = /^0[35789]\d{8}$/;

export function isMobileNumber(phone: string): boolean {
  return MOBILE.test(phone);
}

/** "0912345678" → "0912 345 678", "02553822123" → "0255 3822 123", "18001260" → "1800 1260". */
export function formatPhone(phone: string): string {
  if (/^0\d{9}$/.test(phone)) return `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
  if (/^02\d{9}$/.test(phone)) return `${phone.slice(0, 4)} ${phone.slice(4, 8)} ${phone.slice(8)}`;
  if (/^1[89]00\d{4}$/.test(phone)) return `${phone.slice(0, 4)} ${phone.slice(4)}`;
  if (/^1[89]00\d{6}$/.test(phone)) return `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
  return phone;
}

/** A tel: link; the number is already digits only, so nothing needs escaping. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

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
