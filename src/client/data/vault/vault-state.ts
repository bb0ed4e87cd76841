// The member's data key in this tab's memory while the app is unlocked, shared with the phone's
// other tabs (docs/security.md "The lock"). Apart from vault.ts (the wrapped keys on disk, Dexie)
// so that the lock check follows the lock on every start without loading Dexie (docs/first-visit.md).
import type { SessionUser } from '../session-state';

interface Unlocked {
  userId: string;
  scope: string;
  key: CryptoKey;
}

/** One key per member and commune (an admin's scope is the province). */
export const scopeOf = (user: Pick<SessionUser, 'communeId' | 'provinceId'>): string => user.communeId ?? `province:${user.provinceId ?? ''}`;

let unlocked: Unlocked | null = null;
/** A stable snapshot for React's useSyncExternalStore: a new object only when the state changes. */
let snapshot: { unlockedUserId: string | null } = { unlockedUserId: null };
const listeners = new Set<() => void>();
// Tabs of the app on one phone share the lock: "lock now" locks them all, and a tab opened while
// another is unlocked receives the key from it (a CryptoKey can be posted between same-origin
// pages without ever being extractable). When every tab is closed, the key is gone.
type VaultMessage = { type: 'lock' } | { type: 'ask' } | { type: 'key'; userId: string; scope: string; key: CryptoKey };
// The channel opens on first use, not at import (an open channel keeps a Node process that imports
// the data layer from exiting): the lock check's first render reads vaultSnapshot, so a tab asks
// the others for the key as it starts (reading a key before that finds none either way: the answer
// is asynchronous); an unlock or a lock joins them too. A tab whose first act is "lock now" asks for
// nothing: the key would come back after the lock.
let channel: BroadcastChannel | null | undefined;

function otherTabs(askForKey = true): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  const opened = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('so-tay-so-vault');
  channel = opened;
  opened?.addEventListener('message', (event: MessageEvent<VaultMessage>) => {
    const message = event.data;
    if (message.type === 'lock') forget();
    else if (message.type === 'ask' && unlocked) opened.postMessage({ type: 'key', ...unlocked } satisfies VaultMessage);
    else if (message.type === 'key' && !unlocked && message.key instanceof CryptoKey) {
      unlocked = { userId: message.userId, scope: message.scope, key: message.key };
      publish();
    }
  });
  if (askForKey) opened?.postMessage({ type: 'ask' } satisfies VaultMessage);
  return opened;
}

function publish(): void {
  snapshot = { unlockedUserId: unlocked?.userId ?? null };
  for (const listener of listeners) listener();
}

function forget(): void {
  if (!unlocked) return;
  unlocked = null;
  publish();
}

export function subscribeVault(listener: () => void): () => void {
  otherTabs();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function vaultSnapshot(): { unlockedUserId: string | null } {
  otherTabs();
  return snapshot;
}

/** The data key of `user` when the app is unlocked for them, else undefined. */
export function keyFor(user: Pick<SessionUser, 'id' | 'communeId' | 'provinceId'>): CryptoKey | undefined {
  return unlocked && unlocked.userId === user.id && unlocked.scope === scopeOf(user) ? unlocked.key : undefined;
}

/** The data key of the member `userId` when the app is unlocked for them (drafts are per member). */
export function keyForUserId(userId: string): CryptoKey | undefined {
  return unlocked?.userId === userId ? unlocked.key : undefined;
}

/**
 * The data key of the member the app is unlocked for (the signed-in one: the lock screen stands
 * before the app for anyone else), or undefined while locked. Synced records are sealed with it.
 */
export function currentDataKey(): CryptoKey | undefined {
  return unlocked?.key;
}

/** Locks this tab and every other tab of the app on this phone. */
export function lockVault(): void {
  forget();
  otherTabs(false)?.postMessage({ type: 'lock' } satisfies VaultMessage);
}

/** Locks this tab only (its idle time ran out; another tab may be in use). */
export function lockThisTab(): void {
  forget();
}

/** Unlocks this tab for `user` with their data key. */
export function adopt(user: SessionUser, key: CryptoKey): void {
  otherTabs();
  unlocked = { userId: user.id, scope: scopeOf(user), key };
  publish();
}

/**
 * Forgets `user`'s key without telling the lock: with no session left there is nothing to lock,
 * and the screen reporting the sign-out must not be replaced by the lock for a moment.
 */
export function forgetQuietly(user: Pick<SessionUser, 'id' | 'communeId' | 'provinceId'>): void {
  if (keyFor(user)) unlocked = null;
}
