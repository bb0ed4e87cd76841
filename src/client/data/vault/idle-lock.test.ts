// The idle lock applies the province's time (docs/security.md "The lock"), on fake-indexeddb with
// real WebCrypto: a tab back from the background after less than the policy's minutes stays
// unlocked, after more it is locked, and a policy received later changes the limit.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db';
import { saveSession, type SessionUser } from '../session-repository';
import { startIdleLock } from './idle-lock';
import { adoptKey, establishKey, keyFor, lockVault, saveDevicePolicy } from './vault';

const A: SessionUser = { id: '0197c1a2-0000-7000-8000-0000000000a1', username: 'a', displayName: 'Chị A', role: 'member', communeId: 'xa-1' };
const MINUTE = 60_000;

/** A document whose visibility the test sets. */
function fakeDocument() {
  const target = new EventTarget() as EventTarget & { visibilityState: DocumentVisibilityState };
  target.visibilityState = 'visible';
  return {
    doc: target as unknown as Document,
    set: async (state: DocumentVisibilityState) => {
      target.visibilityState = state;
      target.dispatchEvent(new Event('visibilitychange'));
      // Hiding reads the policy from IndexedDB before it arms the limit.
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}

beforeEach(async () => {
  lockVault();
  await db.delete();
  await db.open();
  await saveSession({ user: A, signedInAt: new Date().toISOString() });
  adoptKey(A, await establishKey(A, 'pw', undefined, 1_000));
});

describe('idle lock', () => {
  it("locks after the province's minutes in the background, not before", async () => {
    await saveDevicePolicy({ lockAfterMinutes: 2, offlineDays: 14, maxFailedUnlocks: 10 });
    let now = Date.now();
    const { doc, set } = fakeDocument();
    const stop = startIdleLock(doc, () => now);
    await set('hidden');
    now += 1.5 * MINUTE;
    await set('visible');
    expect(keyFor(A)).toBeDefined();
    await set('hidden');
    now += 2 * MINUTE;
    await set('visible');
    expect(keyFor(A)).toBeUndefined();
    stop();
  });

  it('with the default 5 minutes, 2 minutes in the background keep it unlocked', async () => {
    let now = Date.now();
    const { doc, set } = fakeDocument();
    const stop = startIdleLock(doc, () => now);
    await set('hidden');
    now += 2 * MINUTE;
    await set('visible');
    expect(keyFor(A)).toBeDefined();
    stop();
  });
});
