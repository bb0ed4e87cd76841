// The relayed mutation (docs/field-aids.md §2, PROTOCOL.md §4 "Relayed changes"): a change made on
// its author's phone and pushed by a colleague's. While online, the author's phone receives a relay
// key K (the server derives it from its secret and the author's id, so it never stores one); each
// handed-over entry carries `relay = { author, mac: HMAC-SHA-256(K, the mutation) }`. The server
// recomputes the MAC, so a colleague who never held K cannot make a change in the author's name.
// Pure and isomorphic: WebCrypto in the browser and in Node.
import { canonicalJson } from '../sync/canonical-json';
import { fromBase64Url, toBase64Url } from './bundle';

/** The parts of a mutation the MAC covers (any mutation, also one the server has not judged yet). */
export interface Relayable {
  id: string;
  table: string;
  recordId: string;
  hlc: string;
  fields: Readonly<Record<string, unknown>>;
}

/** What the MAC covers: the mutation without its relay, in canonical JSON (key order never matters). */
export function relayMessage(mutation: Relayable): Uint8Array {
  const { id, table, recordId, hlc, fields } = mutation;
  return new TextEncoder().encode(canonicalJson({ id, table, recordId, hlc, fields }));
}

function hmacKey(key: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

/** The relay key as it travels (base64url) → its bytes; undefined when it is not one. */
export function relayKeyBytes(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(text)) return undefined;
  return fromBase64Url(text);
}

/** The author's MAC of each mutation, in order (one key import for all). */
export async function relayMacs(key: Uint8Array, mutations: readonly Relayable[]): Promise<string[]> {
  const hmac = await hmacKey(key, 'sign');
  return Promise.all(mutations.map(async (mutation) => toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', hmac, relayMessage(mutation) as BufferSource)))));
}

/** True when `mac` is the author's MAC of the mutation (WebCrypto's verify compares in constant time). */
export async function verifyRelayMac(key: Uint8Array, mutation: Relayable, mac: string): Promise<boolean> {
  const bytes = fromBase64Url(mac);
  return crypto.subtle.verify('HMAC', await hmacKey(key, 'verify'), bytes as BufferSource, relayMessage(mutation) as BufferSource);
}
