// One-time sign-in codes (docs/accounts.md "Accounts"): made here, stored only as their SHA-256.
// A fast hash is enough: a code is 12 random characters (about 58 bits), not a chosen password,
// and guesses are limited like sign-ins.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { SIGN_IN_CODE_ALPHABET, SIGN_IN_CODE_LENGTH, normalizeSignInCode } from '../../shared/admin/accounts';

/** A new code, uniformly drawn from the alphabet (randomInt has no modulo bias). */
export function newSignInCode(): string {
  let code = '';
  for (let i = 0; i < SIGN_IN_CODE_LENGTH; i += 1) code += SIGN_IN_CODE_ALPHABET[randomInt(SIGN_IN_CODE_ALPHABET.length)];
  return code;
}

export function hashSignInCode(code: string): string {
  return createHash('sha256').update(normalizeSignInCode(code), 'utf8').digest('hex');
}

/** Compares two code hashes in constant time. */
export function sameCodeHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
