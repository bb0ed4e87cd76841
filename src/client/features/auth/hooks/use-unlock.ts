// The lock screen's state: what blocks an offline unlock (a wait, or an online sign-in), the
// result of the last try, and the two ways in — the password on the phone, or an online sign-in.
import { useCallback, useEffect, useState } from 'react';
import { readUnlockBlock, unlockOffline } from '../../../data/vault/vault';
import type { UnlockBlock } from '../../../data/vault/lock-policy';
import type { SessionUser } from '../../../data/session-repository';
import { signIn, type SignInFailure } from '../../../sync/auth';
import { log } from '../../../lib/log';

export type UnlockProblem = { kind: 'wrong' } | { kind: 'signIn'; failure: SignInFailure } | { kind: 'error' };

export interface UnlockState {
  /** undefined while it is being read. */
  block: UnlockBlock | undefined;
  busy: boolean;
  problem: UnlockProblem | null;
  now: number;
  submit: (password: string, previousPassword?: string) => void;
}

export function useUnlock(user: SessionUser): UnlockState {
  const [block, setBlock] = useState<UnlockBlock | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<UnlockProblem | null>(null);
  const [now, setNow] = useState(Date.now);

  const refresh = useCallback(() => {
    readUnlockBlock(user).then(
      (next) => {
        setBlock(next);
        setNow(Date.now());
      },
      (error: unknown) => log.error('reading the lock failed', error),
    );
  }, [user]);

  useEffect(refresh, [refresh]);
  // A wait counts down on screen and ends by itself.
  useEffect(() => {
    if (block?.kind !== 'wait') return undefined;
    const timer = window.setInterval(refresh, 1000);
    return () => window.clearInterval(timer);
  }, [block, refresh]);

  const submit = useCallback(
    (password: string, previousPassword?: string) => {
      setBusy(true);
      setProblem(null);
      const online = block?.kind === 'online' || previousPassword !== undefined;
      const attempt = online
        ? signIn(user.username, password, previousPassword).then((result) => (result.ok ? null : ({ kind: 'signIn', failure: result } as const)))
        : unlockOffline(user, password).then((result) => (result.ok ? null : 'wrong' in result ? ({ kind: 'wrong' } as const) : null));
      attempt
        .then((next) => setProblem(next))
        .catch((error: unknown) => {
          log.error('unlock failed', error instanceof Error ? error.message : error);
          setProblem({ kind: 'error' });
        })
        .finally(() => {
          setBusy(false);
          refresh();
        });
    },
    [block, user, refresh],
  );

  return { block, busy, problem, now, submit };
}
