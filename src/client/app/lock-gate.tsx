// The lock in front of every screen (docs/security.md "The lock"). Its check reads the session from
// IndexedDB, so it is loaded apart from the first chunk: until it has answered, the page shows the
// static shell that index.html painted (top bar, home without anything read from IndexedDB, bottom
// navigation; docs/first-visit.md) — never a screen that could display a citizen's details on a
// locked phone.
import type { Session } from '../data/session-repository';
import type { LockCheck } from './lock-check';
import { yieldToMain } from '../lib/idle';

/** The lock check, and the session as stored when it was loaded (undefined: it could not be read). */
export interface LoadedLockCheck {
  LockCheck: typeof LockCheck;
  session: Session | null | undefined;
}

/**
 * Loads the lock check and what its first render reads, before React renders anything (main.tsx):
 * the first render is then the real screen, not a copy of the painted shell that a second render
 * replaces (docs/first-visit.md). Short tasks with a yield to the browser between them, instead of
 * one long one: Dexie and the database's schema, opening the database and reading the session, the
 * lock check's own modules (the vault, zod), the wipe notice (the first `localStorage` read of the
 * page).
 */
export async function loadLockCheck(): Promise<LoadedLockCheck> {
  const { getSession } = await import('../data/session-repository');
  await yieldToMain();
  // A session that cannot be read now is read by the lock check's live query (it shows the shell meanwhile).
  const session = await getSession().then(
    (stored) => stored ?? null,
    () => undefined,
  );
  await yieldToMain();
  const [{ LockCheck }, { wipeNotice }] = await Promise.all([import('./lock-check'), import('../data/device-wipe')]);
  await yieldToMain();
  wipeNotice();
  await yieldToMain();
  return { LockCheck, session };
}
