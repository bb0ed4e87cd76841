// Home: what a team member needs first — the common tasks, one tap away. It lives in app/
// because it composes pieces of several features (follow-ups due, sync status, …).
import { lazy, Suspense, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Screen } from '../components/ui/screen';
import { withStrings } from '../lib/i18n';
import { useOnline } from '../hooks/use-online';
import { FIELD_ACTIONS } from './nav-items';
import { QuickActionList } from './nav-lists';
import { quickActionsFor } from './role-items';
import { useSignedInRole } from './signed-in';
import { SignInCard } from '../features/auth/components/sign-in-card';

// Lazy: the follow-ups card reads IndexedDB through the assistance repository (zod, Dexie), which
// must not weigh on the first paint; and it is loaded only for a signed-in member (signed-in.ts).
// It renders nothing when nothing is due.
const FollowUpsWidget = lazy(async () => ({ default: (await withStrings('assistance', () => import('../features/assistance/components/follow-ups-widget'))).FollowUpsWidget }));
// The storage warning (browser refused to keep the data while changes wait): lazy, it reads
// IndexedDB; only for a signed-in member (it says nothing to anyone else).
const StorageWarning = lazy(async () => ({ default: (await withStrings('sync', () => import('../features/sync/components/storage-warning'))).StorageWarning }));

export function HomeScreen(): ReactElement {
  // The role's quick actions from the first render: the lock check has read the session
  // (signed-in.ts); for anybody but the province's reviewer or admin they are the painted ones.
  const role = useSignedInRole();
  return (
    <HomeIntro actions={<QuickActionList actions={quickActionsFor(role ?? undefined)} />}>
      {/* Below the quick actions: the cards that are not in the painted shell, and the ones that
          appear once IndexedDB has answered; above them they would push the tiles down under the
          user's thumb (a layout shift; docs/first-visit.md). */}
      {role === null && <SignInCard />}
      {role !== null && <Suspense fallback={null}><StorageWarning /></Suspense>}
      {role !== null && <Suspense fallback={null}><FollowUpsWidget /></Suspense>}
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
