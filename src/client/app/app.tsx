import type { ReactElement } from 'react';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './routes';
import { LockGate } from './lock-gate';

// The sync engine is started by the lock check once it knows who is signed in (sync-start.ts).
export function App(): ReactElement {
  return (
    <BrowserRouter>
      <LockGate>
        <AppRoutes />
      </LockGate>
    </BrowserRouter>
  );
}
