// Service-worker registration with a user-accepted update (workbox-window).
// A new version waits until the user taps "update": reloading by surprise would drop an
// unsaved form (docs/product.md: update prompts mid-form train users to ignore them).
// workbox-window is imported after the first render so it never delays the first screen.
import { useSyncExternalStore } from 'react';
import { log } from './log';

type Listener = () => void;
let applyUpdate: (() => void) | null = null;
const listeners = new Set<Listener>();
const notify = () => listeners.forEach((listener) => listener());

/**
 * Not while the notice of a wipe is unread (data/wipe-notice.ts): the wipe removed the service
 * worker, and one registered again would answer the next start with its copy of index.html, whose
 * first paint is Home, where the server answers with the notice's page (docs/security.md). The
 * notice's screen registers it once the notice is read.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  Promise.all([import('workbox-window'), import('../data/wipe-notice')])
    .then(async ([{ Workbox }, { wipeNotice }]) => {
      if (wipeNotice()) return;
      const wb = new Workbox('/sw.js', { scope: '/' });
      wb.addEventListener('waiting', () => {
        applyUpdate = () => {
          wb.addEventListener('controlling', () => window.location.reload());
          wb.messageSkipWaiting();
        };
        notify();
      });
      await wb.register();
    })
    .catch((error: unknown) => log.warn('service worker registration failed', error));
}

export function dismissUpdate(): void {
  applyUpdate = null;
  notify();
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The pending update's apply function, or null when the app is current. */
export function usePendingUpdate(): (() => void) | null {
  return useSyncExternalStore(subscribe, () => applyUpdate, () => null);
}
