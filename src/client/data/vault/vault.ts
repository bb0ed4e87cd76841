// The member's data key while the app is unlocked, and the lock around it (docs/security.md).
// The key lives only in memory (vault-state.ts): a reload, a cold start or the idle lock forgets it.
// On disk, beside each member's wrapped key, is the count of wrong passwords, so closing the tab
// does not reset the growing wait.
import { db } from '../db';
import { hasFields } from '../../../shared/has-fields';
import { getSession, type SessionUser } from '../session-repository';
import { SYNC_KEYS } from '../sync-keys';
import { createDataKey, isWrappedKey, KDF_ITERATIONS, rewrapDataKey, unlockDataKey, WrongSecretError, type WrappedKey } from './crypto';
import { unlockBlock, type TryState, type UnlockBlock } from './lock-policy';
import { DEFAULT_DEVICE_POLICY, readPolicy, type DevicePolicy } from '../../../shared/device-policy';
import { adopt, forgetQuietly, keyFor, scopeOf } from './vault-state';

export { currentDataKey, keyFor, keyForUserId, lockThisTab, lockVault, subscribeVault, vaultSnapshot } from './vault-state';

export { WrongSecretError };

interface VaultRecord extends TryState {
  wrapped: WrappedKey;
}

const POLICY_KEY = 'devicePolicy';
/** User Timing entry of each unlock (derive + unwrap), read by the bench. */
export const UNLOCK_TIMING = 'vault:unlock';

/** No readable key for this member on this phone: only an online sign-in can store one. */
const STALE: UnlockBlock = { kind: 'online', reason: 'stale' };
const recordKey = (user: Pick<SessionUser, 'id' | 'communeId' | 'provinceId'>): string => `vault:${user.id}:${scopeOf(user)}`;

function isVaultRecord(value: unknown): value is VaultRecord {
  return hasFields(value, 'wrapped', 'failures') && isWrappedKey(value.wrapped) && typeof value.failures === 'number';
}

/** Something needs the data key while the app is locked (the screen shows the lock instead). */
export class LockedError extends Error {
  override readonly name = 'LockedError';
  constructor() {
    super('errors.locked');
  }
}

/** The password changed on the server since this phone's key was made: the old one is needed once. */
export class PreviousPasswordNeededError extends Error {
  override readonly name = 'PreviousPasswordNeededError';
}

/** The signed-in member's data key, or LockedError. */
export async function requireKey(): Promise<CryptoKey> {
  const session = await getSession();
  const key = session ? keyFor(session.user) : undefined;
  if (!key) throw new LockedError();
  return key;
}

// ---------------------------------------------------------------------------------------------
// On disk.

async function readRecord(user: SessionUser): Promise<VaultRecord | undefined> {
  const row = await db.settings.get(recordKey(user));
  return isVaultRecord(row?.value) ? row.value : undefined;
}

/** The province's rules as last received (defaults until then). */
export async function readDevicePolicy(): Promise<DevicePolicy> {
  const row = await db.settings.get(POLICY_KEY);
  return readPolicy(row?.value) ?? DEFAULT_DEVICE_POLICY;
}

/**
 * Keeps the policy a server sent (with a sign-in or a refresh) for the lock to apply, offline too.
 * Something that is no policy (an older server sends none) leaves the last one in place.
 */
export async function saveDevicePolicy(received: unknown): Promise<void> {
  const policy = readPolicy(received);
  if (policy) await db.settings.put({ key: POLICY_KEY, value: policy });
}

/** When this phone last heard from the server for the signed-in member: sign-in or sync. */
async function lastServerContact(): Promise<number | null> {
  const [session, success] = await Promise.all([getSession(), db.syncState.get(SYNC_KEYS.lastSuccessAt)]);
  const times = [session?.signedInAt, typeof success?.value === 'string' ? success.value : undefined]
    .map((at) => (at ? Date.parse(at) : Number.NaN))
    .filter((at) => !Number.isNaN(at));
  return times.length > 0 ? Math.max(...times) : null;
}

/** What stands in the way of an offline unlock for `user` now (see lock-policy.ts). */
export async function readUnlockBlock(user: SessionUser, now: number = Date.now()): Promise<UnlockBlock> {
  const [record, contact, policy] = await Promise.all([readRecord(user), lastServerContact(), readDevicePolicy()]);
  // No key on this phone yet (a profile from before the lock existed): the first sign-in makes it.
  if (!record) return { kind: 'online', reason: 'stale' };
  return unlockBlock(record, contact, policy, now);
}

export type UnlockResult = { ok: true } | { ok: false; block: UnlockBlock } | { ok: false; wrong: true };

/**
 * Offline unlock with the account password. The try is counted BEFORE the password is checked
 * (and forgotten again on success), so parallel tries, or a tab closed mid-check, still count.
 */
export async function unlockOffline(user: SessionUser, password: string, now: number = Date.now()): Promise<UnlockResult> {
  const started = performance.now();
  const key = recordKey(user);
  const [contact, policy] = await Promise.all([lastServerContact(), readDevicePolicy()]);
  const counted = await db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(key);
    if (!isVaultRecord(row?.value)) return { block: STALE };
    const block = unlockBlock(row.value, contact, policy, now);
    if (block) return { block };
    const record: VaultRecord = { ...row.value, failures: row.value.failures + 1, lastFailureAt: now };
    await db.settings.put({ key, value: record });
    return { record };
  });
  if (!counted.record) return { ok: false, block: counted.block ?? null };
  let dataKey: CryptoKey;
  try {
    dataKey = await unlockDataKey(password, counted.record.wrapped);
  } catch (error) {
    if (error instanceof WrongSecretError) return { ok: false, wrong: true };
    throw error;
  }
  await resetTries(key);
  adopt(user, dataKey);
  try {
    performance.measure(UNLOCK_TIMING, { start: started, end: performance.now() });
  } catch {
    // User Timing missing: unlocking never depends on it.
  }
  return { ok: true };
}

async function resetTries(key: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(key);
    if (isVaultRecord(row?.value)) await db.settings.put({ key, value: { ...row.value, failures: 0, lastFailureAt: null } });
  });
}

/**
 * After the server accepted `password` for `user` (an online sign-in): unlocks the member's key,
 * or makes it on their first sign-in on this phone. If the password changed on the server since
 * the key was made, the previous password re-wraps it (PreviousPasswordNeededError without it;
 * WrongSecretError when it is wrong). Resets the wrong-try count. Does not unlock the app yet:
 * `adoptKey` does, once the sign-in is complete.
 */
export async function establishKey(
  user: SessionUser,
  password: string,
  previousPassword?: string,
  // A new key's PBKDF2 cost; unlocking always uses the count stored with the key. Tests pass a small one.
  iterations: number = KDF_ITERATIONS,
): Promise<CryptoKey> {
  const key = recordKey(user);
  const record = await readRecord(user);
  if (!record) {
    const made = await createDataKey(password, iterations);
    await db.settings.put({ key, value: { wrapped: made.stored, failures: 0, lastFailureAt: null } satisfies VaultRecord });
    return made.key;
  }
  try {
    const dataKey = await unlockDataKey(password, record.wrapped);
    await resetTries(key);
    return dataKey;
  } catch (error) {
    if (!(error instanceof WrongSecretError)) throw error;
  }
  if (previousPassword === undefined) throw new PreviousPasswordNeededError('the password changed since this phone made its key');
  const wrapped = await rewrapDataKey(previousPassword, record.wrapped, password, iterations);
  await db.settings.put({ key, value: { wrapped, failures: 0, lastFailureAt: null } satisfies VaultRecord });
  return unlockDataKey(password, wrapped);
}

/** Unlocks the app for `user` with a key from establishKey. */
export function adoptKey(user: SessionUser, key: CryptoKey): void {
  adopt(user, key);
}

/**
 * Forgets a member's key, in memory and on disk, once their session and data have left the phone
 * (sign-out, wipe). The lock's snapshot is not republished: with no session there is nothing to
 * lock, and the screen reporting the sign-out must not be replaced by the lock for a moment.
 */
export async function deleteMemberKey(user: SessionUser): Promise<void> {
  forgetQuietly(user);
  await db.settings.delete(recordKey(user));
}
