// The member's relay key (docs/field-aids.md §2): sent by the server with each sign-in and refresh
// (PROTOCOL.md §2), kept here sealed with the member's data key, so a dump of the phone does not
// give it away. Small on purpose: the sync runtime (first screen) keeps it; the hand-over screen
// (handover-repository.ts) reads it.
import { db } from './db';
import { isSealed, open, seal } from './vault/crypto';
import { keyForUserId } from './vault/vault';

const RELAY_KEY = 'relayKey';
const relayContext = (userId: string) => `relayKey/${userId}`;
/** HMAC-SHA-256 key bytes in base64url without padding. */
const KEY_TEXT = /^[A-Za-z0-9_-]{43}$/;

interface StoredRelayKey {
  userId: string;
  sealed: unknown;
}

const stored = async (): Promise<StoredRelayKey | undefined> => (await db.syncState.get(RELAY_KEY))?.value as StoredRelayKey | undefined;

/**
 * Keeps the relay key of a sign-in or refresh. Without the member's data key (locked) it is not
 * kept: the next refresh, during a sync round (which needs the key), brings it again.
 */
export async function saveRelayKey(userId: string, text: unknown, key: CryptoKey | undefined = keyForUserId(userId)): Promise<void> {
  if (!key || typeof text !== 'string' || !KEY_TEXT.test(text)) return;
  const value: StoredRelayKey = { userId, sealed: await seal(key, text, relayContext(userId)) };
  await db.syncState.put({ key: RELAY_KEY, value });
}

/** The member's relay key as base64url text, or undefined when this phone has none for them. */
export async function readRelayKey(userId: string, key: CryptoKey): Promise<string | undefined> {
  const value = await stored();
  if (value?.userId !== userId || !isSealed(value.sealed)) return undefined;
  const text = await open(key, value.sealed, relayContext(userId));
  return typeof text === 'string' && KEY_TEXT.test(text) ? text : undefined;
}

/** True once this phone holds the member's relay key (it came with a sign-in or refresh online). */
export async function hasRelayKey(userId: string): Promise<boolean> {
  return (await stored())?.userId === userId;
}
