// The layout around every screen: skip link, title bar, the screen, bottom navigation.
import { lazy, Suspense, type ReactElement } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BottomNav } from './bottom-nav';
import { UpdatePrompt } from './update-prompt';
import { ErrorBoundary } from './error-boundary';
import { withStrings } from '../lib/i18n';
import { useSignedInRole } from './signed-in';
import { VisitorSyncBadge } from '../features/sync/components/sync-badge-link';

// A signed-in member's live badge is lazy, with its strings: it reads IndexedDB and follows the
// engine. A visitor's says only "sign in to sync", in React's first render, with nothing to load
// (docs/first-visit.md).
const SyncStatusBadge = lazy(async () => ({ default: (await withStrings('sync', () => import('../features/sync/components/sync-status-badge'))).SyncStatusBadge }));

export function AppShell(): ReactElement {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const signedIn = useSignedInRole() !== null;
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <header className="top-bar">
        <span className="brand">{t('app.name')}</span>
        {signedIn ? <Suspense fallback={null}><SyncStatusBadge /></Suspense> : <VisitorSyncBadge />}
      </header>
      <UpdatePrompt />
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={pathname} fallback={<ScreenError />}>
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      <BottomNav />
    </div>
  );
}

function ScreenError(): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="screen">
      <h1>{t('app.name')}</h1>
      <p role="alert">{t('app.loadError')}</p>
      <button type="button" className="button primary" onClick={() => window.location.reload()}>{t('app.reload')}</button>
    </section>
  );
}
