// The lock in front of every screen (docs/security.md "The lock"). Its check reads the session from
// IndexedDB, so it is a lazy chunk: until it has answered, the app shows the static shell that
// index.html painted (top bar, home without anything read from IndexedDB, bottom navigation;
// docs/first-visit.md) — never a screen that could display a citizen's details on a locked phone.
import { lazy, Suspense, type ReactElement, type ReactNode } from 'react';
import { OpeningShell } from './opening';

const LockCheck = lazy(async () => ({ default: (await import('./lock-check')).LockCheck }));

export function LockGate({ children }: { children: ReactNode }): ReactElement {
  return (
    <Suspense fallback={<OpeningShell />}>
      <LockCheck>{children}</LockCheck>
    </Suspense>
  );
}
