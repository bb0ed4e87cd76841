// Boot: language first (so the first render is in the user's language), the lock check and the
// session (so the first render is the real screen), then render, then the service worker and the
// request for persistent storage.
import './lib/zod-jitless';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { loadLockCheck } from './app/lock-gate';
import { preloadScreen } from './app/routes';
import { initI18n } from './lib/i18n';
import { loadSavedLanguage } from './lib/language';
import { registerServiceWorker } from './lib/pwa';
import { requestPersistentStorage } from './data/storage-info';
import { log } from './lib/log';
import { whenIdle, yieldToMain } from './lib/idle';

async function boot(): Promise<void> {
  // A deep link's lazy screen (sign-in), fetched beside the start-up work so that React's first
  // render is that screen (routes.tsx). From the next task, not in the one that evaluates the
  // entry: inserting its preloads there made that task a fifth longer (docs/first-visit.md).
  const screen = yieldToMain().then(() => preloadScreen(window.location.pathname));
  await initI18n(await loadSavedLanguage());
  await yieldToMain();
  const lock = await loadLockCheck();
  await screen;
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from index.html');
  // The static shell in index.html is already on screen (docs/first-visit.md): React may build the
  // real one in slices (a transition yields to the browser every few ms) instead of one long task
  // that would leave a tap on the painted shell unanswered. Until React commits, the shell's links
  // are plain links: a tap loads the page it names.
  const reactRoot = createRoot(root);
  startTransition(() => {
    reactRoot.render(
      <StrictMode>
        <App lock={lock} />
      </StrictMode>,
    );
  });
  // Neither is needed by the first screen: after it, when the browser is idle, not in the task
  // that starts React's render (docs/first-visit.md).
  whenIdle(() => {
    registerServiceWorker();
    requestPersistentStorage().catch((error: unknown) => log.warn('persistent storage request failed', error));
  });
}

boot().catch((error: unknown) => log.error('boot failed', error));
