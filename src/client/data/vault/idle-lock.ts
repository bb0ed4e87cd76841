// Locks the app when it has been in the background for the province's idle time (docs/security.md).
// Only this tab locks (another tab may be in use; each tab in the background locks itself). The timer drops the key from memory as soon as it fires; timers are slowed down in background
// tabs, so the elapsed time is also checked when the app comes back to the foreground.
import { lockThisTab, readDevicePolicy } from './vault';

export function startIdleLock(doc: Document = document, now: () => number = Date.now): () => void {
  let hiddenAt: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let limitMs = Number.POSITIVE_INFINITY;

  const onChange = (): void => {
    if (doc.visibilityState === 'hidden') {
      hiddenAt = now();
      void readDevicePolicy().then((policy) => {
        limitMs = policy.lockAfterMinutes * 60_000;
        clearTimeout(timer);
        if (hiddenAt !== null) timer = setTimeout(lockThisTab, Math.max(0, hiddenAt + limitMs - now()));
      });
      return;
    }
    clearTimeout(timer);
    if (hiddenAt !== null && now() - hiddenAt >= limitMs) lockThisTab();
    hiddenAt = null;
  };
  doc.addEventListener('visibilitychange', onChange);
  return () => {
    clearTimeout(timer);
    doc.removeEventListener('visibilitychange', onChange);
  };
}
