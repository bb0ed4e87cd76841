// The sign-in form's state: submitting, the failure to show (translated by the screen), success.
import { useCallback, useState } from 'react';
import { signIn, type SignInFailure } from '../../../sync/auth';
import { log } from '../../../lib/log';

export type SignInState = { status: 'idle' } | { status: 'submitting' } | { status: 'failed'; failure: SignInFailure } | { status: 'done' };

export function useSignIn(): { state: SignInState; submit: (username: string, password: string, previousPassword?: string) => void } {
  const [state, setState] = useState<SignInState>({ status: 'idle' });
  const submit = useCallback((username: string, password: string, previousPassword?: string) => {
    setState({ status: 'submitting' });
    signIn(username, password, previousPassword).then(
      (result) => setState(result.ok ? { status: 'done' } : { status: 'failed', failure: result }),
      (error: unknown) => {
        log.error('sign-in failed', error instanceof Error ? error.message : error);
        setState({ status: 'failed', failure: { reason: 'server' } });
      },
    );
  }, []);
  return { state, submit };
}
