// What shows while the lock check has not answered yet, never a screen with data: the static
// shell's frame and home (OpeningShell) before the session is known, the app's name while the
// lock screen's chunk loads. Its own file so the gate and its lazy check both use it without
// importing each other.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { BottomNav } from './bottom-nav';
import { HomeIntro } from './home-screen';

export function Opening(): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="screen">
      <h1>{t('app.name')}</h1>
      <p role="status">{t('app.loading')}</p>
    </section>
  );
}

/**
 * The frame and home of the static shell in index.html, with the same markup
 * (static-shell.test.tsx): React replacing the painted shell moves nothing (docs/first-visit.md).
 */
export function OpeningShell(): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <header className="top-bar">
        <span className="brand">{t('app.name')}</span>
      </header>
      <main id="main" tabIndex={-1}>
        <HomeIntro />
      </main>
      <BottomNav />
    </div>
  );
}
