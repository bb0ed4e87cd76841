// Home: what a team member needs first — the common tasks, one tap away. It lives in app/
// because it composes pieces of several features (follow-ups due, sync status, …).
import { lazy, Suspense, useContext, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Screen } from '../components/ui/screen';
import { withStrings } from '../lib/i18n';
import { useOnline } from '../hooks/use-online';
import { FIELD_ACTIONS } from './nav-items';
import { QuickActionList } from './nav-lists';
import { SignedInContext } from './signed-in';

// Lazy: the follow-ups card reads IndexedDB through the assistance repository (zod, Dexie), which
// must not weigh on the first paint; and it is loaded only for a signed-in member (signed-in.ts).
// It renders nothing when nothing is due.
const FollowUpsWidget = lazy(async () => ({ default: (await withStrings('assistance', () => import('../features/assistance/components/follow-ups-widget'))).FollowUpsWidget }));
// The sign-in call to action is lazy for the same reason (it reads the session from IndexedDB).
const SignInCard = lazy(async () => ({ default: (await import('../features/auth/components/sign-in-card')).SignInCard }));
// The storage warning (browser refused to keep the data while changes wait): lazy, it reads IndexedDB.
const StorageWarning = lazy(async () => ({ default: (await withStrings('sync', () => import('../features/sync/components/storage-warning'))).StorageWarning }));
// The signed-in role's quick actions, swapped in place for the painted ones (nav-items.ts).
const RoleQuickActions = lazy(async () => ({ default: (await import('./role-nav')).RoleQuickActions }));

export function HomeScreen(): ReactElement {
  const signedIn = useContext(SignedInContext);
  return (
    <HomeIntro actions={<Suspense fallback={<QuickActionList actions={FIELD_ACTIONS} />}><RoleQuickActions /></Suspense>}>
      {/* Below the quick actions: they appear once IndexedDB has answered, and above them they
          would push the tiles down under the user's thumb (a layout shift; docs/first-visit.md). */}
      <Suspense fallback={null}><SignInCard /></Suspense>
      <Suspense fallback={null}><StorageWarning /></Suspense>
      {signedIn && <Suspense fallback={null}><FollowUpsWidget /></Suspense>}
    </HomeIntro>
  );
}

/**
 * Home without anything read from IndexedDB: what index.html paints before any script, and what
 * the app shows while it has not yet checked the lock (lock-gate.tsx) — the same, so nothing moves.
 */
export function HomeIntro({ actions, children }: { actions?: ReactNode; children?: ReactNode }): ReactElement {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <Screen title={t('home.title')}>
      <p className="lead">{t('home.greeting')} {t('home.intro')}</p>
      {!online && <p className="notice" role="status">{t('home.offlineNow')}</p>}
      <h2>{t('home.quickActions')}</h2>
      {actions ?? <QuickActionList actions={FIELD_ACTIONS} />}
      {children}
    </Screen>
  );
}
