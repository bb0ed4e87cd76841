// The lock in front of every screen (docs/security.md "The lock"). Its check reads the session from
// IndexedDB, so it is loaded apart from the first chunk: until it has answered, the page shows the
// static shell that index.html painted (top bar, home without anything read from IndexedDB, bottom
// navigation; docs/first-visit.md) — never a screen that could display a citizen's details on a
// locked phone.
import type { LockCheck } from './lock-check';
import { loadStoredSession } from '../data/session-state';
import { yieldToMain } from '../lib/idle';
import { log } from '../lib/log';

/** The lock check, loaded with what its first render reads. */
export interface LoadedLockCheck {
  LockCheck: typeof LockCheck;
}

/**
 * Loads the lock check and what its first render reads, before React renders anything (main.tsx):
 * the first render is then the real screen, not a copy of the painted shell that a second render
 * replaces (docs/first-visit.md). Short tasks with a yield to the browser between them, instead of
 * one long one: the session (the bare IndexedDB API: no Dexie, whoever is signed in), the lock
 * check's own modules, the wipe notice (the first `localStorage` read of the page).
 */
export async function loadLockCheck(): Promise<LoadedLockCheck> {
  // A session that cannot be read leaves the lock check on the painted shell until it is (another
  // tab's change, or the next start, reads it again; lock-check.tsx).
  const session = loadStoredSession().catch((error: unknown) => log.warn('the stored session could not be read', error));
  const [, { LockCheck, preloadWipedScreen }, { wipeNotice }] = await Promise.all([session, import('./lock-check'), import('../data/wipe-notice')]);
  await yieldToMain();
  // Nearly always none; after a wipe, the notice is the first screen (lock-check.tsx).
  if (wipeNotice()) await preloadWipedScreen().catch((error: unknown) => log.warn('the wipe notice could not be loaded', error));
  await yieldToMain();
  return { LockCheck };
}
