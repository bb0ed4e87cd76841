// When an offline unlock is allowed (docs/security.md "The lock"): pure rules, unit-tested; the
// vault applies them to the state it stores beside each member's wrapped key.
import { FREE_UNLOCK_TRIES, type DevicePolicy } from '../../../shared/device-policy';

/** Wrong passwords that cost nothing (a typo, the keyboard in the wrong mode). */
export const FREE_TRIES = FREE_UNLOCK_TRIES;
// After the province's maxFailedUnlocks wrong passwords in a row, only an online sign-in unlocks the phone.
/** The wait after each wrong try beyond the free ones: it grows, then stays at the last value. */
export const WAIT_STEPS_MS = [30_000, 60_000, 120_000, 300_000, 600_000] as const;
const DAY_MS = 86_400_000;

export interface TryState {
  /** Wrong passwords in a row since the last successful unlock. */
  failures: number;
  lastFailureAt: number | null;
}

export type UnlockBlock =
  | { kind: 'wait'; until: number }
  | { kind: 'online'; reason: 'tooManyTries' | 'stale' }
  | null;

/** How long to wait after `failures` wrong tries (0 while the tries are free). */
export function waitAfter(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return WAIT_STEPS_MS[Math.min(failures - FREE_TRIES, WAIT_STEPS_MS.length - 1)]!;
}

/**
 * What stands between the member and an offline unlock right now: nothing, a wait, or an online
 * sign-in (too many wrong tries, or the phone has not reached the server for too long).
 */
export function unlockBlock(tries: TryState, lastServerContactAt: number | null, policy: DevicePolicy, now: number): UnlockBlock {
  if (tries.failures >= policy.maxFailedUnlocks) return { kind: 'online', reason: 'tooManyTries' };
  if (lastServerContactAt === null || now - lastServerContactAt > policy.offlineDays * DAY_MS) return { kind: 'online', reason: 'stale' };
  const wait = waitAfter(tries.failures);
  if (wait > 0 && tries.lastFailureAt !== null && now < tries.lastFailureAt + wait) return { kind: 'wait', until: tries.lastFailureAt + wait };
  return null;
}
