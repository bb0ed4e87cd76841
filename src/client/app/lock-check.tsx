// Shows the lock screen instead of the app while a member is signed in and the app is locked
// (cold start, idle time in the background, "lock now"). Signing in as another member stays open.
// After a withdrawn phone's wipe, the notice of it comes first.
// Nothing here loads Dexie (docs/first-visit.md): the session, the lock and the wipe notice are
// read from modules without it, so a visit with nobody signed in builds and opens no database;
// the idle lock and the lock screen, which need it, come only for a signed-in member.
import { lazy, Suspense, useDeferredValue, useEffect, useSyncExternalStore, type ReactElement, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { storedSession, subscribeStoredSession } from '../data/session-state';
import { subscribeVault, vaultSnapshot } from '../data/vault/vault-state';
import { subscribeWipeNotice, wipeNotice, WIPED_PAGE } from '../data/wipe-notice';
import { SYNC_LOCK } from '../data/sync-keys';
import { Opening, OpeningShell } from './opening';
import { log } from '../lib/log';
import { withStrings } from '../lib/i18n';
import { useSyncStart } from './sync-start';
import { SignedInUser } from './signed-in';

const LockScreen = lazy(async () => ({ default: (await import('../features/auth/components/lock-screen')).LockScreen }));
// The notice's strings are their own namespace: a screen seen once in a phone's life stays out of the first screen's JS.
const loadWipedScreen = async () => (await withStrings('wipe', () => import('../features/auth/components/wiped-screen'))).WipedScreen;
const WipedScreen = lazy(async () => ({ default: await loadWipedScreen() }));
let preloadedWipedScreen: Awaited<ReturnType<typeof loadWipedScreen>> | undefined;
/** The page started on a notice (lock-gate.tsx reads it before this module's first render). */
const wipedAtStart = wipeNotice() !== null;

/**
 * A notice still to be read is the first screen (the page starts again at /#wiped after a wipe,
 * where index.html paints the notice's frame): lock-gate.tsx loads it before the first render, so
 * that React replaces the frame with the notice itself, not with "Đang tải…" first.
 */
export async function preloadWipedScreen(): Promise<void> {
  preloadedWipedScreen = await loadWipedScreen();
}

export function LockCheck({ children }: { children: ReactNode }): ReactElement {
  // Read before the first render (lock-gate.tsx), so the first render is the real screen
  // (docs/first-visit.md). If it could not be read, the first answer replaces the shell in a
  // background, time-sliced pass (useDeferredValue) instead of one long task; only that first
  // reveal waits — the shell until then shows no data; every later change of the session
  // (sign-in, sign-out) applies at once.
  const known = useSyncExternalStore(subscribeStoredSession, storedSession);
  const first = useDeferredValue(known);
  const session = first === undefined ? undefined : known;
  const vault = useSyncExternalStore(subscribeVault, vaultSnapshot);
  const wiped = useSyncExternalStore(subscribeWipeNotice, wipeNotice);
  // A wipe in another tab (data/device-wipe.ts) took this page's data with it, and this tab never
  // opens the database again (data/db.ts): it shows the notice at once, then, once that tab's sync
  // round — inside which the wipe runs, Clear-Site-Data included — is over, starts again on the
  // notice's page, as the wiping tab does (sync/runtime.ts), with nothing of the old page in memory.
  useEffect(() => {
    if (wiped && !wipedAtStart && 'locks' in navigator) void navigator.locks.request(SYNC_LOCK, () => window.location.replace(WIPED_PAGE));
  }, [wiped]);
  const { pathname } = useLocation();
  const signedInUserId = session?.user.id;
  // The idle lock only matters with a key to forget: for a signed-in member (it reads the phone's lock rules).
  useEffect(() => {
    if (signedInUserId === undefined) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    import('../data/vault/idle-lock')
      .then(({ startIdleLock }) => {
        if (!cancelled) stop = startIdleLock();
      })
      .catch((error: unknown) => log.warn('idle lock failed to start', error));
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [signedInUserId]);
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
    const Preloaded = preloadedWipedScreen;
    return (
      <main id="main" className="lock-shell">
        {Preloaded ? (
          <Preloaded notice={wiped} />
        ) : (
          <Suspense fallback={<Opening />}>
            <WipedScreen notice={wiped} />
          </Suspense>
        )}
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
  return <SignedInUser value={session?.user ?? null}>{children}</SignedInUser>;
}
