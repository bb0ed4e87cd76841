// The sign-in form's state: submitting, the failure to show (translated by the screen), success.
// The sign-in code (the sync runtime, the network, the key derivation) is loaded on submit, not with
// the screen: a first visit paints and answers the form without it (docs/first-visit.md).
import { useCallback, useState } from 'react';
import type { SignInFailure } from '../../../sync/auth';
import { log } from '../../../lib/log';

export type SignInState = { status: 'idle' } | { status: 'submitting' } | { status: 'failed'; failure: SignInFailure } | { status: 'done' };

export function useSignIn(): { state: SignInState; submit: (username: string, password: string, previousPassword?: string) => void } {
  const [state, setState] = useState<SignInState>({ status: 'idle' });
  const submit = useCallback((username: string, password: string, previousPassword?: string) => {
    setState({ status: 'submitting' });
    import('../../../sync/auth').then(
      ({ signIn }) =>
        signIn(username, password, previousPassword).then(
          (result) => setState(result.ok ? { status: 'done' } : { status: 'failed', failure: result }),
          (error: unknown) => {
            log.error('sign-in failed', error instanceof Error ? error.message : error);
            setState({ status: 'failed', failure: { reason: 'server' } });
          },
        ),
      // The code did not arrive: before the service worker holds it, that means no network.
      (error: unknown) => {
        log.warn('sign-in code failed to load', error instanceof Error ? error.message : error);
        setState({ status: 'failed', failure: { reason: 'offline' } });
      },
    );
  }, []);
  return { state, submit };
}
