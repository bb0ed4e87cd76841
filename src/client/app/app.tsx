import { useEffect, type ReactElement } from 'react';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './routes';
import { LockGate } from './lock-gate';
import { log } from '../lib/log';

export function App(): ReactElement {
  // The sync engine loads after the first render: it is not needed to paint the first screen.
  useEffect(() => {
    import('../sync/runtime')
      .then(({ startSyncRuntime }) => startSyncRuntime())
      .catch((error: unknown) => log.error('sync engine failed to start', error));
  }, []);
  return (
    <BrowserRouter>
      <LockGate>
        <AppRoutes />
      </LockGate>
    </BrowserRouter>
  );
}
