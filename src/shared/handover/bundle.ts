// A hand-over bundle (docs/field-aids.md §2): a member's unsent changes, sealed so that only a
// phone of the same commune, given the code shown on the sender's screen, can open them — and
// can tell a tampered, partial or foreign bundle from a good one before anything is written.
//
// Layout (bytes): "STS1" · header length (2 bytes) · header JSON · AES-GCM ciphertext.
// The header (format, commune, salt, iv, size) is in the clear so a foreign bundle is named as
// such at once, and it is the GCM additional data, so changing any byte of it fails the open.
// The key is PBKDF2-SHA-256 of the code, salted with the bundle's random salt and the commune:
// the same code opens nothing in another commune. Inside: the entries, deflated.
// Pure and isomorphic (WebCrypto and CompressionStream exist in browsers and in Node ≥ 20).
import { z } from 'zod';
import { mutationSchema, wireRecordSchema } from '../sync/protocol';

export const BUNDLE_MAGIC = 'STS1';
export const BUNDLE_FORMAT = 1;
/** PBKDF2 rounds: a few hundred ms on a cheap phone, so guessing codes offline is slow. */
export const BUNDLE_KDF_ITERATIONS = 200_000;
/** A code is 10 characters of an alphabet without look-alikes (≈ 50 bits): read aloud, typed once. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 10;
/** The largest bundle a phone accepts (a thousand logs weigh far less). */
export const MAX_BUNDLE_BYTES = 8 * 1024 * 1024;

/** One unsent change, exactly as it sits in the sender's outbox: its id, clock and fields travel unchanged. */
export const handOverEntrySchema = mutationSchema.extend({ createdAt: z.string().max(40) });
export type HandOverEntry = z.infer<typeof handOverEntrySchema>;

export const handOverContentSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  communeId: z.string().min(1).max(100),
  /** The sender: the author of every entry (the receiver's phone keeps it; docs/field-aids.md). */
  author: z.strictObject({ id: z.uuid(), displayName: z.string().max(200) }),
  createdAt: z.iso.datetime(),
  entries: z.array(handOverEntrySchema).max(20_000),
  /**
   * The logs of the follow-ups the sender hands over, as their phone holds them now (each field
   * with its clock), so the receiver can record them (docs/field-aids.md §2 "Handing over a
   * follow-up"). The citizen's details only where their consent covers the follow-up.
   */
  followUps: z.array(wireRecordSchema).max(1_000).optional(),
});
export type HandOverContent = z.infer<typeof handOverContentSchema>;

const headerSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  communeId: z.string().min(1).max(100),
  salt: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  iv: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
});
type Header = z.infer<typeof headerSchema>;

/** Why a bundle was refused; each has its own message on the screen. */
export type OpenProblem = 'malformed' | 'foreign' | 'wrongCodeOrTampered' | 'tooLarge' | 'newerFormat';

export class BundleError extends Error {
  constructor(readonly problem: OpenProblem) {
    super(`hand-over bundle refused: ${problem}`);
    this.name = 'BundleError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new BundleError('malformed');
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    // A length no base64 text has (a piece lost or added): not a bundle.
    throw new BundleError('malformed');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const output = source.pipeThrough(stream as ReadableWritablePair<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

/** A fresh code, from the platform's random source. */
export function newCode(): string {
  const random = crypto.getRandomValues(new Uint8Array(CODE_LENGTH));
  return [...random].map((byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('');
}

/** What the receiver typed, made comparable: upper case, no spaces or dashes, O→0-free alphabet kept. */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

async function deriveKey(code: string, header: Header, usage: KeyUsage): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(normalizeCode(code)), 'PBKDF2', false, ['deriveKey']);
  const salt = new Uint8Array([...fromBase64Url(header.salt), ...encoder.encode(header.communeId)]);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: BUNDLE_KDF_ITERATIONS }, material, { name: 'AES-GCM', length: 256 }, false, [usage]);
}

/** Seals the content with the code. */
export async function sealBundle(content: HandOverContent, code: string): Promise<Uint8Array> {
  const header: Header = {
    format: BUNDLE_FORMAT,
    communeId: content.communeId,
    salt: toBase64Url(crypto.getRandomValues(new Uint8Array(16))),
    iv: toBase64Url(crypto.getRandomValues(new Uint8Array(12))),
  };
  const headerBytes = encoder.encode(JSON.stringify(header));
  const key = await deriveKey(code, header, 'encrypt');
  const plain = await transform(encoder.encode(JSON.stringify(content)), new CompressionStream('deflate-raw'));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: fromBase64Url(header.iv) as BufferSource, additionalData: headerBytes }, key, plain as BufferSource));
  const out = new Uint8Array(6 + headerBytes.length + sealed.length);
  out.set(encoder.encode(BUNDLE_MAGIC), 0);
  out[4] = headerBytes.length >> 8;
  out[5] = headerBytes.length & 0xff;
  out.set(headerBytes, 6);
  out.set(sealed, 6 + headerBytes.length);
  return out;
}

/** The commune a bundle says it comes from, read without the code (to refuse a foreign one at once). */
export function readBundleHeader(bytes: Uint8Array): { header: Header; headerBytes: Uint8Array; body: Uint8Array } {
  if (bytes.length > MAX_BUNDLE_BYTES) throw new BundleError('tooLarge');
  if (bytes.length < 6 || decoder.decode(bytes.subarray(0, 4)) !== BUNDLE_MAGIC) throw new BundleError('malformed');
  const length = (bytes[4]! << 8) | bytes[5]!;
  const headerBytes = bytes.subarray(6, 6 + length);
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(headerBytes));
  } catch {
    throw new BundleError('malformed');
  }
  if ((raw as { format?: unknown } | null)?.format !== BUNDLE_FORMAT && typeof (raw as { format?: unknown } | null)?.format === 'number') throw new BundleError('newerFormat');
  const header = headerSchema.safeParse(raw);
  if (!header.success || bytes.length <= 6 + length + 16) throw new BundleError('malformed');
  return { header: header.data, headerBytes, body: bytes.subarray(6 + length) };
}

/**
 * Opens a bundle for a phone of `communeId` with the typed code. Refuses (BundleError) a bundle of
 * another commune, a wrong code or any changed byte (GCM), a truncated one, or content that is not
 * a hand-over of that commune's author.
 */
export async function openBundle(bytes: Uint8Array, code: string, communeId: string): Promise<HandOverContent> {
  const { header, headerBytes, body } = readBundleHeader(bytes);
  if (header.communeId !== communeId) throw new BundleError('foreign');
  const key = await deriveKey(code, header, 'decrypt');
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64Url(header.iv) as BufferSource, additionalData: headerBytes as BufferSource }, key, body as BufferSource));
  } catch {
    throw new BundleError('wrongCodeOrTampered');
  }
  let content: unknown;
  try {
    content = JSON.parse(decoder.decode(await transform(plain, new DecompressionStream('deflate-raw'))));
  } catch {
    throw new BundleError('malformed');
  }
  const parsed = handOverContentSchema.safeParse(content);
  if (!parsed.success) throw new BundleError('malformed');
  // The header is authenticated, but the content names the commune too: both must agree.
  if (parsed.data.communeId !== communeId) throw new BundleError('foreign');
  return parsed.data;
}
