// Shows the lock screen instead of the app while a member is signed in and the app is locked
// (cold start, idle time in the background, "lock now"). Signing in as another member stays open.
// After a withdrawn phone's wipe, the notice of it comes first.
import { lazy, Suspense, useDeferredValue, useEffect, useSyncExternalStore, type ReactElement, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useSession } from '../hooks/use-session';
import { subscribeVault, vaultSnapshot } from '../data/vault/vault';
import { subscribeWipeNotice, wipeNotice } from '../data/device-wipe';
import { startIdleLock } from '../data/vault/idle-lock';
import { Opening, OpeningShell } from './opening';
import { log } from '../lib/log';
import { withStrings } from '../lib/i18n';
import { useSyncStart } from './sync-start';
import { SignedInRole } from './signed-in';
import type { Session } from '../data/session-repository';

const LockScreen = lazy(async () => ({ default: (await import('../features/auth/components/lock-screen')).LockScreen }));
// The notice's strings are their own namespace: a screen seen once in a phone's life stays out of the first screen's JS.
const WipedScreen = lazy(async () => ({ default: (await withStrings('wipe', () => import('../features/auth/components/wiped-screen'))).WipedScreen }));

/** `initialSession`: the session read before the first render (lock-gate.tsx); undefined if it could not be. */
export function LockCheck({ initialSession, children }: { initialSession: Session | null | undefined; children: ReactNode }): ReactElement {
  const live = useSession();
  // Until the live query answers, the session read before the first render: the first render is
  // the real screen (docs/first-visit.md). If it could not be read, the live query's first answer
  // replaces the shell in a background, time-sliced pass (useDeferredValue) instead of one long
  // task; only that first reveal waits — the shell until then shows no data; every later change
  // of the session (sign-in, sign-out) applies at once.
  const known = live === undefined ? initialSession : live;
  const first = useDeferredValue(known);
  const session = first === undefined ? undefined : known;
  const vault = useSyncExternalStore(subscribeVault, vaultSnapshot);
  const wiped = useSyncExternalStore(subscribeWipeNotice, wipeNotice);
  const { pathname } = useLocation();
  useEffect(() => startIdleLock(), []);
  useSyncStart(session === undefined ? undefined : session !== null);
  // After an unlock: seal what a release before encryption left in plaintext (docs/security.md).
  const unlockedUserId = vault.unlockedUserId;
  useEffect(() => {
    if (unlockedUserId === null) return;
    import('../data/draft-repository')
      .then(({ sealPlainDrafts }) => sealPlainDrafts(unlockedUserId))
      .catch((error: unknown) => log.warn('sealing old drafts failed', error));
    import('../data/seal-migration')
      .then(({ sealPlainRecords }) => sealPlainRecords())
      .catch((error: unknown) => log.warn('sealing old records failed', error));
    // The phone's retention limit applies offline too (docs/privacy.md "Retention").
    import('../data/retention-purge')
      .then(({ purgeOldDetails }) => purgeOldDetails())
      .catch((error: unknown) => log.warn('purging old citizen details failed', error));
  }, [unlockedUserId]);

  // A withdrawn phone wiped itself (docs/security.md): say why and what was lost, before anything else.
  if (wiped) {
    return (
      <main id="main" className="lock-shell">
        <Suspense fallback={<Opening />}>
          <WipedScreen notice={wiped} />
        </Suspense>
      </main>
    );
  }
  if (session === undefined) return <OpeningShell />;
  const locked = session !== null && vault.unlockedUserId !== session.user.id;
  if (locked && pathname !== '/sign-in') {
    return (
      <main id="main" className="lock-shell">
        <Suspense fallback={<Opening />}>
          <LockScreen user={session.user} />
        </Suspense>
      </main>
    );
  }
  return <SignedInRole value={session?.user.role ?? null}>{children}</SignedInRole>;
}
