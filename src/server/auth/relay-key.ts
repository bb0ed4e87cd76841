// A member's relay key (docs/field-aids.md §2): HMAC(server secret, "relay:" + user id). Derived
// again whenever it is needed, so nothing is stored; it changes with AUTH_SECRET (bundles made
// before such a change are then refused, never applied in the wrong name).
import { createHmac } from 'node:crypto';

export function relayKeyOf(secret: Buffer, userId: string): Buffer {
  return createHmac('sha256', secret).update(`relay:${userId}`).digest();
}

/** The key as it travels to the member's phone with each sign-in and refresh (base64url). */
export function relayKeyText(secret: Buffer, userId: string): string {
  return relayKeyOf(secret, userId).toString('base64url');
}
