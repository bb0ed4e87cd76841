// Unlocks the app's vault for a test user with a key made at once (no PBKDF2: the real derivation
// is tested in src/client/data/vault). One key for the whole test file stands for the phone's:
// tests that sign several members in on one database read each other's records as the app would
// after a re-pull under the new member's key.
import { adoptKey } from '../../src/client/data/vault/vault';
import type { SessionUser } from '../../src/client/data/session-repository';

let key: Promise<CryptoKey> | undefined;

export function testDataKey(): Promise<CryptoKey> {
  key ??= crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  return key;
}

export async function unlockTestVault(user: SessionUser): Promise<void> {
  adoptKey(user, await testDataKey());
}
