// The vault on fake-indexeddb with real WebCrypto.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db';
import { saveSession, type SessionUser } from '../session-repository';
import { adoptKey, establishKey, keyFor, lockVault, PreviousPasswordNeededError, readDevicePolicy, readUnlockBlock, saveDevicePolicy, unlockOffline, vaultSnapshot, WrongSecretError } from './vault';
import { FREE_TRIES } from './lock-policy';
import { DEFAULT_DEVICE_POLICY } from '../../../shared/device-policy';

const A: SessionUser = { id: '0197c1a2-0000-7000-8000-0000000000a1', username: 'a', displayName: 'Chị A', role: 'member', communeId: 'xa-1' };
const B: SessionUser = { ...A, id: '0197c1a2-0000-7000-8000-0000000000b2', username: 'b', displayName: 'Anh B' };
const NOW = Date.now();
// The real count is tested in crypto.test.ts; here it would only slow the suite down.
const FAST = 1_000;

async function signedIn(user: SessionUser, password: string): Promise<void> {
  await saveSession({ user, signedInAt: new Date(NOW).toISOString() });
  adoptKey(user, await establishKey(user, password, undefined, FAST));
  lockVault();
}

beforeEach(async () => {
  lockVault();
  await db.delete();
  await db.open();
});

describe('vault', () => {
  it('makes a key at the first online sign-in and unlocks offline with the same password', async () => {
    await signedIn(A, 'mật khẩu của A');
    expect(vaultSnapshot().unlockedUserId).toBeNull();
    expect(keyFor(A)).toBeUndefined();
    await expect(unlockOffline(A, 'mật khẩu của A', NOW)).resolves.toEqual({ ok: true });
    expect(vaultSnapshot().unlockedUserId).toBe(A.id);
    expect(keyFor(A)?.extractable).toBe(false);
    expect(keyFor(B)).toBeUndefined();
    // Nothing on disk holds the key in a usable form.
    const stored = JSON.stringify(await db.settings.toArray(), (_, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
    expect(stored).not.toContain('CryptoKey');
  });

  it('counts wrong passwords across reloads: free tries, then a growing wait, then an online sign-in', async () => {
    await signedIn(A, 'right');
    let at = NOW;
    for (let i = 0; i < FREE_TRIES; i++) await expect(unlockOffline(A, 'wrong', at)).resolves.toEqual({ ok: false, wrong: true });
    await expect(unlockOffline(A, 'right', at + 1_000)).resolves.toMatchObject({ ok: false, block: { kind: 'wait' } });
    for (let i = FREE_TRIES; i < DEFAULT_DEVICE_POLICY.maxFailedUnlocks; i++) {
      const block = await readUnlockBlock(A, at);
      if (block?.kind === 'wait') at = block.until;
      await expect(unlockOffline(A, 'wrong', at)).resolves.toEqual({ ok: false, wrong: true });
    }
    await expect(unlockOffline(A, 'right', at + 86_400_000)).resolves.toEqual({ ok: false, block: { kind: 'online', reason: 'tooManyTries' } });
    expect(keyFor(A)).toBeUndefined();
    // An online sign-in (the server checked the password) clears the count.
    await establishKey(A, 'right', undefined, FAST);
    await expect(unlockOffline(A, 'right', at + 86_400_000)).resolves.toEqual({ ok: true });
  });

  it('a right password after a few wrong ones resets the count', async () => {
    await signedIn(A, 'right');
    await unlockOffline(A, 'wrong', NOW);
    await unlockOffline(A, 'wrong', NOW);
    await expect(unlockOffline(A, 'right', NOW)).resolves.toEqual({ ok: true });
    lockVault();
    await unlockOffline(A, 'wrong', NOW);
    await unlockOffline(A, 'wrong', NOW);
    await expect(unlockOffline(A, 'right', NOW)).resolves.toEqual({ ok: true });
  });

  it('refuses an offline unlock on a phone that has not reached the server for the province\'s days', async () => {
    await signedIn(A, 'right');
    await saveDevicePolicy({ lockAfterMinutes: 5, offlineDays: 3, maxFailedUnlocks: 10 });
    await expect(unlockOffline(A, 'right', NOW + 4 * 86_400_000)).resolves.toEqual({ ok: false, block: { kind: 'online', reason: 'stale' } });
    await expect(unlockOffline(A, 'right', NOW + 2 * 86_400_000)).resolves.toEqual({ ok: true });
  });

  it("keeps the last policy a server sent, ignores what is no policy, and applies its count of wrong tries", async () => {
    await signedIn(A, 'right');
    await saveDevicePolicy({ lockAfterMinutes: 2, offlineDays: 7, maxFailedUnlocks: 4, comingLater: true });
    await saveDevicePolicy(undefined);
    await saveDevicePolicy({ lockAfterMinutes: 0, offlineDays: 7, maxFailedUnlocks: 4 });
    await expect(readDevicePolicy()).resolves.toEqual({ lockAfterMinutes: 2, offlineDays: 7, maxFailedUnlocks: 4 });
    let at = NOW;
    for (let i = 0; i < 4; i++) {
      const block = await readUnlockBlock(A, at);
      if (block?.kind === 'wait') at = block.until;
      await expect(unlockOffline(A, 'wrong', at)).resolves.toEqual({ ok: false, wrong: true });
    }
    await expect(unlockOffline(A, 'right', at + 86_400_000)).resolves.toEqual({ ok: false, block: { kind: 'online', reason: 'tooManyTries' } });
  });

  it('gives each member on a shared phone their own key', async () => {
    await signedIn(A, 'pa');
    await signedIn(B, 'pb');
    await expect(unlockOffline(B, 'pa', NOW)).resolves.toEqual({ ok: false, wrong: true });
    await expect(unlockOffline(B, 'pb', NOW)).resolves.toEqual({ ok: true });
    expect(keyFor(A)).toBeUndefined();
  });

  it('after a password change on the server, keeps the same key with the previous password', async () => {
    await signedIn(A, 'old');
    await saveSession({ user: A, signedInAt: new Date(NOW).toISOString() });
    await expect(establishKey(A, 'new', undefined, FAST)).rejects.toBeInstanceOf(PreviousPasswordNeededError);
    await expect(establishKey(A, 'new', 'not the old one', FAST)).rejects.toBeInstanceOf(WrongSecretError);
    await establishKey(A, 'new', 'old', FAST);
    await expect(unlockOffline(A, 'old', NOW)).resolves.toEqual({ ok: false, wrong: true });
    await expect(unlockOffline(A, 'new', NOW)).resolves.toEqual({ ok: true });
  });
});
