// Vietnamese phone numbers. Stored normalised, digits only in the domestic form
// ("0912345678", "02553822123"), so that the same number typed as "+84 912 345 678" or
// "0912.345.678" is found as a duplicate (docs/product.md: warn when a contact with the same number
// exists) and works in tel: and Zalo links. How a number is shown is the UI's business.
import { z } from 'zod';
import { typeError } from './common';

// Mobile numbers have had 10 digits and these prefixes since the 2018 renumbering.
const MOBILE = /^0[35789]\d{8}$/;
// Landlines: 0 + a three-digit area code starting with 2 (0255 Quảng Ngãi, 0260 Kon Tum) + 7 or 8
// digits, 11 digits in all since 2017.
const LANDLINE = /^02\d{9}$/;
// Hotlines (1800 free, 1900 paid; 8 or 10 digits) and three-digit public numbers (111–116).
const HOTLINE = /^1[89]00(?:\d{4}|\d{6})$/;
const SHORT_PUBLIC = /^11[1-6]$/;

/**
 * Removes spaces, dots, dashes and brackets, and turns the country code (+84, 0084, or a bare 84
 * on a number too long to be domestic) into the leading 0. Anything else is returned unchanged, to
 * be refused by the pattern check.
 */
export function normalizeVnPhone(raw: string): string {
  const compact = raw.trim().replace(/[\s.\-()]/g, '');
  if (compact.startsWith('+84')) return `0${compact.slice(3)}`;
  if (compact.startsWith('0084')) return `0${compact.slice(4)}`;
  // A domestic number starts with 0 or 1, so "84…" of 11–12 digits can only be the country code.
  if (/^84\d{9,10}$/.test(compact)) return `0${compact.slice(2)}`;
  return compact;
}

/** True for a normalised mobile or landline number (what a citizen may give). */
export function isVnSubscriberNumber(normalized: string): boolean {
  return MOBILE.test(normalized) || LANDLINE.test(normalized);
}

/** True for anything a support contact may have: a subscriber number, a hotline or 111–116. */
export function isVnContactNumber(normalized: string): boolean {
  return isVnSubscriberNumber(normalized) || HOTLINE.test(normalized) || SHORT_PUBLIC.test(normalized);
}

/** A citizen's phone: mobile or landline, normalised. */
export const vnPhoneSchema = z
  .string({ error: typeError })
  .overwrite(normalizeVnPhone)
  .refine(isVnSubscriberNumber, { error: 'validation.phone' });

/** A support contact's phone: also hotlines and short public numbers, normalised. */
export const contactPhoneSchema = z
  .string({ error: typeError })
  .overwrite(normalizeVnPhone)
  .refine(isVnContactNumber, { error: 'validation.phone' });
