// How a phone number is shown and dialled, everywhere in the app: one function, so a contact's
// number and a citizen's read the same (1800/1900 hotlines included). Numbers are stored normalised
// (digits, domestic form: src/shared/schemas/phone.ts), so links are built from the stored value and
// only the displayed text is grouped for reading aloud.

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

/**
 * A citizen's number as a list shows it (docs/privacy.md checklist #30: masked until the member
 * taps it): "0912345678" → "091••••678"; short numbers keep only their last two digits.
 */
export function maskPhone(phone: string): string {
  if (phone.length >= 9) return `${phone.slice(0, 3)}${'•'.repeat(phone.length - 6)}${phone.slice(-3)}`;
  return `${'•'.repeat(Math.max(0, phone.length - 2))}${phone.slice(-2)}`;
}
