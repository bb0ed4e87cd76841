// The phone's encryption at rest (docs/security.md): WebCrypto only, no library.
//
// - A member's DATA KEY is a random AES-GCM 256-bit key, one per member and commune. In memory it is
//   always a non-extractable CryptoKey; on disk it exists only WRAPPED (AES-KW) by a key derived
//   from the member's account password with PBKDF2-SHA256 and a random per-key salt.
// - A wrong password fails the AES-KW integrity check: no separate password hash is stored.
// - Sealed values are AES-GCM with a fresh 96-bit IV each time and an "additional data" string that
//   binds the ciphertext to where it is stored (table and record id), so a copier cannot swap two
//   citizens' ciphertexts between records without the swap being detected.

import { hasFields } from '../../../shared/has-fields';

/**
 * PBKDF2-SHA256 iterations: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. Measured cost per guess
 * and unlock time at 4× CPU slowdown: docs/security.md ("Key derivation") and `npm run bench -- lock`.
 */
export const KDF_ITERATIONS = 600_000;
export const KDF_HASH = 'SHA-256';
const SALT_BYTES = 16;
const IV_BYTES = 12;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What is stored per member and commune: everything needed to re-derive and unwrap, nothing usable alone. */
export interface WrappedKey {
  v: 1;
  kdf: 'PBKDF2';
  hash: typeof KDF_HASH;
  iterations: number;
  salt: Uint8Array;
  /** AES-KW(wrapping key, raw data key): 40 bytes. */
  wrapped: Uint8Array;
}

/** A value encrypted with a data key. */
export interface Sealed {
  v: 1;
  iv: Uint8Array;
  ct: Uint8Array;
}

/** A Uint8Array from any realm (IndexedDB in a test runner may hand back another realm's). */
const isBytes = (value: unknown): value is Uint8Array => ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]';

export function isSealed(value: unknown): value is Sealed {
  return hasFields(value, 'v', 'iv', 'ct') && value.v === 1 && isBytes(value.iv) && isBytes(value.ct);
}

export function isWrappedKey(value: unknown): value is WrappedKey {
  return (
    hasFields(value, 'v', 'kdf', 'hash', 'iterations', 'salt', 'wrapped') && value.v === 1 && value.kdf === 'PBKDF2' && value.hash === KDF_HASH &&
    typeof value.iterations === 'number' && isBytes(value.salt) && isBytes(value.wrapped)
  );
}

/** The unlock secret was wrong (or the stored key was tampered with). */
export class WrongSecretError extends Error {
  override readonly name = 'WrongSecretError';
  constructor() {
    super('wrong unlock secret');
  }
}

const subtle = (): SubtleCrypto => {
  const api = globalThis.crypto?.subtle;
  if (!api) throw new Error('WebCrypto is unavailable (the app needs a secure context: HTTPS or localhost)');
  return api;
};

const randomBytes = (length: number): Uint8Array<ArrayBuffer> => globalThis.crypto.getRandomValues(new Uint8Array(length));

/** The wrapping key: PBKDF2 of the secret. Non-extractable, usable only to wrap and unwrap. */
export async function deriveWrappingKey(secret: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', encoder.encode(secret.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey({ name: 'PBKDF2', hash: KDF_HASH, salt, iterations }, material, { name: 'AES-KW', length: 256 }, false, ['wrapKey', 'unwrapKey']);
}

/**
 * A new data key, wrapped under `secret`. The raw key exists only inside this call (WebCrypto can
 * wrap only an extractable key); what is returned for use is a non-extractable copy.
 */
export async function createDataKey(secret: string, iterations: number = KDF_ITERATIONS): Promise<{ key: CryptoKey; stored: WrappedKey }> {
  const salt = randomBytes(SALT_BYTES);
  const wrapping = await deriveWrappingKey(secret, salt, iterations);
  const extractable = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const wrapped = new Uint8Array(await subtle().wrapKey('raw', extractable, wrapping, 'AES-KW'));
  const stored: WrappedKey = { v: 1, kdf: 'PBKDF2', hash: KDF_HASH, iterations, salt, wrapped };
  return { key: await unwrapWith(wrapping, stored), stored };
}

/** Derive + unwrap: the data key as a non-extractable CryptoKey. Throws WrongSecretError. */
export async function unlockDataKey(secret: string, stored: WrappedKey): Promise<CryptoKey> {
  const wrapping = await deriveWrappingKey(secret, new Uint8Array(stored.salt), stored.iterations);
  return unwrapWith(wrapping, stored);
}

/** The same data key wrapped under a new secret (a password change), with a fresh salt. */
export async function rewrapDataKey(oldSecret: string, stored: WrappedKey, newSecret: string, iterations: number = KDF_ITERATIONS): Promise<WrappedKey> {
  const oldWrapping = await deriveWrappingKey(oldSecret, new Uint8Array(stored.salt), stored.iterations);
  // Only here is the key unwrapped extractable, to be wrapped again at once; it never leaves this call.
  let extractable: CryptoKey;
  try {
    extractable = await subtle().unwrapKey('raw', new Uint8Array(stored.wrapped), oldWrapping, 'AES-KW', 'AES-GCM', true, ['encrypt', 'decrypt']);
  } catch {
    throw new WrongSecretError();
  }
  const salt = randomBytes(SALT_BYTES);
  const wrapping = await deriveWrappingKey(newSecret, salt, iterations);
  const wrapped = new Uint8Array(await subtle().wrapKey('raw', extractable, wrapping, 'AES-KW'));
  return { v: 1, kdf: 'PBKDF2', hash: KDF_HASH, iterations, salt, wrapped };
}

async function unwrapWith(wrapping: CryptoKey, stored: WrappedKey): Promise<CryptoKey> {
  try {
    return await subtle().unwrapKey('raw', new Uint8Array(stored.wrapped), wrapping, 'AES-KW', 'AES-GCM', false, ['encrypt', 'decrypt']);
  } catch {
    throw new WrongSecretError();
  }
}

/** Encrypts any JSON value; `context` (e.g. "assistanceLogs/<id>") must be given again to open it. */
export async function seal(key: CryptoKey, value: unknown, context: string): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key, encoder.encode(JSON.stringify(value)));
  return { v: 1, iv, ct: new Uint8Array(ct) };
}

/**
 * Encrypts many values at once, as seal() does each: one call for all the random IVs (each a
 * copy of its own 12 bytes, so no stored IV keeps the others' buffer), the encryptions in flight
 * together. A pulled page of a first sync seals about 1,500 values (docs/performance.md).
 */
export async function sealAll(key: CryptoKey, items: readonly { value: unknown; context: string }[]): Promise<Sealed[]> {
  const ivs = items.length > 0 ? randomBytes(IV_BYTES * items.length) : new Uint8Array(0);
  return Promise.all(
    items.map(async ({ value, context }, index) => {
      const iv = ivs.slice(index * IV_BYTES, (index + 1) * IV_BYTES);
      const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key, encoder.encode(JSON.stringify(value)));
      return { v: 1 as const, iv, ct: new Uint8Array(ct) };
    }),
  );
}

/** Decrypts a sealed value. Throws when the key or the context is not the one it was sealed with. */
export async function open(key: CryptoKey, sealed: Sealed, context: string): Promise<unknown> {
  const plain = await subtle().decrypt(
    { name: 'AES-GCM', iv: new Uint8Array(sealed.iv), additionalData: encoder.encode(context) },
    key,
    new Uint8Array(sealed.ct),
  );
  // Comes back as `unknown`, like any value read from storage: the caller checks what it reads.
  return JSON.parse(decoder.decode(plain));
}
