// When the sync engine starts (docs/first-visit.md "The sync engine at start-up"). Its chunk (the
// engine, the shared zod schemas, the repositories it writes through) is the largest piece of
// start-up work, and a first visit has nothing to sync: the engine starts only for a signed-in
// member (locked or not: unlocking then resumes syncing at once), or to revoke a server session
// that a sign-out made offline could not, and only once the first screen has painted and the
// browser is idle. Signing in starts it too: the session changes, and this effect runs again.
// The pending revocation is read without Dexie (session-state.ts): a first visit loads none.
import { useEffect } from 'react';
import { pendingLogoutStored } from '../data/session-state';
import { whenIdle } from '../lib/idle';
import { log } from '../lib/log';

/** `signedIn`: undefined while the session has not been read yet. */
export function useSyncStart(signedIn: boolean | undefined): void {
  useEffect(() => {
    if (signedIn === undefined) return;
    let cancelled = false;
    const cancel = whenIdle(() => {
      (signedIn ? Promise.resolve(true) : pendingLogoutStored())
        .then(async (needed) => {
          if (!needed || cancelled) return;
          const { startSyncRuntime } = await import('../sync/runtime');
          startSyncRuntime();
        })
        .catch((error: unknown) => log.error('sync engine failed to start', error));
    });
    return () => {
      cancelled = true;
      cancel();
    };
  }, [signedIn]);
}
