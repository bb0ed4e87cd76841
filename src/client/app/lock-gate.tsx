// The lock in front of every screen (docs/security.md "The lock"). Its check reads the session from
// IndexedDB, so it is a lazy chunk: until it has answered, the app shows the static shell that
// index.html painted (top bar, home without anything read from IndexedDB, bottom navigation;
// docs/first-visit.md) — never a screen that could display a citizen's details on a locked phone.
import { lazy, Suspense, type ReactElement, type ReactNode } from 'react';
import { OpeningShell } from './opening';
import { yieldToMain } from '../lib/idle';

// Three tasks instead of one long one (docs/first-visit.md): Dexie and the database's schema, then
// the lock check's own modules (the vault, zod for the phone's rules), then React's render. The
// price is one more fetch after the first; the painted shell is on screen meanwhile.
const LockCheck = lazy(async () => {
  await import('../data/session-repository');
  await yieldToMain();
  const { LockCheck: check } = await import('./lock-check');
  await yieldToMain();
  return { default: check };
});

export function LockGate({ children }: { children: ReactNode }): ReactElement {
  return (
    <Suspense fallback={<OpeningShell />}>
      <LockCheck>{children}</LockCheck>
    </Suspense>
  );
}
