import type { ReactElement } from 'react';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './routes';
import type { LoadedLockCheck } from './lock-gate';

// The lock check is loaded, and the session read, before the first render (lock-gate.tsx, main.tsx).
// The sync engine is started by the lock check once it knows who is signed in (sync-start.ts).
export function App({ lock }: { lock: LoadedLockCheck }): ReactElement {
  return (
    <BrowserRouter>
      <lock.LockCheck>
        <AppRoutes />
      </lock.LockCheck>
    </BrowserRouter>
  );
}
