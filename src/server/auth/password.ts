// Passwords: scrypt from node:crypto (a memory-hard KDF, docs/sync.md §5, ASVS 11.4.2) and the
// password rules of docs/privacy.md checklist item 11 (length only, no composition rules, no common
// passwords). The hash string carries its own parameters, so they can be raised later without
// invalidating existing passwords.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordProblem } from '../../shared/admin/accounts';
import { COMMON_PASSWORDS } from './common-passwords';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * N = 2^15, r = 8: 32 MiB and about 100 ms per hash on one core of a small server. OWASP's
 * cheat sheet lists N = 2^17 as the strong end; 2^15 keeps a login burst from exhausting a
 * 2-core, 2 GB province server while still costing an attacker 32 MiB per guess.
 */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;


function scrypt(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$<N>$<r>$<p>$<salt b64url>$<key b64url>`. */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * A hash no password matches, for an account whose member has not chosen one yet (a one-time code
 * waits): random salt and key in the stored form, so a sign-in attempt runs the same KDF as for any
 * other account and takes as long, yet nothing was hashed to make it.
 */
export function unusablePasswordHash(cost: ScryptCost = DEFAULT_SCRYPT_COST): string {
  return ['scrypt', cost.N, cost.r, cost.p, randomBytes(SALT_LENGTH).toString('base64url'), randomBytes(KEY_LENGTH).toString('base64url')].join('$');
}

/** A hash of a random password, checked when the username is unknown so both paths take as long. */
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  if (stored === undefined) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(password, await dummyHash);
    return false;
  }
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Why a new password is refused, as a code the app translates; undefined when it is fine. */
export function passwordProblemCode(password: string, username?: string): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) return 'password_length';
  const folded = password.trim().toLowerCase();
  if (COMMON_PASSWORDS.has(folded)) return 'password_common';
  if (username !== undefined && folded === username.trim().toLowerCase()) return 'password_username';
  return undefined;
}

/** Why a new password is refused, as an English sentence for the admin CLI; undefined when it is fine. */
export function passwordProblem(password: string, username?: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `The password must have at least ${PASSWORD_MIN_LENGTH} characters (15 or more is better).`;
  if (length > PASSWORD_MAX_LENGTH) return `The password may have at most ${PASSWORD_MAX_LENGTH} characters.`;
  const problem = passwordProblemCode(password, username);
  if (problem === 'password_common') return 'This password is one of the most common ones; choose another.';
  if (problem === 'password_username') return 'The password may not be the username.';
  return undefined;
}
