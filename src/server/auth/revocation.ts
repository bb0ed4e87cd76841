// What a withdrawn phone is told, and what it may still do (docs/security.md "Revoke and wipe").
// A session is one sign-in on one phone (its device id). Revoking it, or disabling its account,
// makes every later request of that session answer a distinct code, so the phone knows to wipe
// itself instead of simply asking its member to sign in again. Until it has learned that, a phone
// whose revocation allows it may still push its own unsent work (the "final push"): only push
// and refresh, never pull, for FINAL_PUSH_WINDOW_MS after the revocation.
import type { SessionWithUser } from '../storage/session-types';

/** The codes of PROTOCOL.md §8 that tell a phone to push what it may, then wipe. */
export type RevocationCode = 'device_revoked' | 'account_disabled';

/**
 * `sessions.revoked_reason` values of the two administrative actions. The `_no_push` variants are
 * for a stolen phone or account, whose unsent changes must not be trusted.
 */
export const REVOKE_REASONS = {
  device: 'device_revoked',
  deviceNoPush: 'device_revoked_no_push',
  disabled: 'disabled',
  disabledNoPush: 'disabled_no_push',
} as const;

/**
 * How long after the revocation the final push stays possible. As long as a revoked session is
 * kept (main.ts REVOKED_SESSION_RETENTION_MS): a phone that was offline longer finds no session
 * and is only asked to sign in again — its data stays sealed under its member's password.
 */
export const FINAL_PUSH_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

const FINAL_PUSH_REASONS: ReadonlySet<string> = new Set([REVOKE_REASONS.device, REVOKE_REASONS.disabled]);
const DEVICE_REASONS: ReadonlySet<string> = new Set([REVOKE_REASONS.device, REVOKE_REASONS.deviceNoPush]);

/** May a session revoked for `reason` at `revokedAt` still push (and refresh to do so) at `now`? */
export function finalPushAllowed(reason: string | null, revokedAt: number, now: number): boolean {
  return reason !== null && FINAL_PUSH_REASONS.has(reason) && now < revokedAt + FINAL_PUSH_WINDOW_MS;
}

export type SessionState =
  | { kind: 'live' }
  /** Withdrawn by an administrator: answer `code`; `finalPush` says whether pushes still go through. */
  | { kind: 'withdrawn'; code: RevocationCode; finalPush: boolean }
  /** Ended otherwise (sign-out, password reset, expiry, reuse): sign in again. */
  | { kind: 'ended' };

export function sessionState(session: SessionWithUser, now: number): SessionState {
  if (session.expiresAt <= now) return { kind: 'ended' };
  const finalPush = session.revokedAt !== null && finalPushAllowed(session.revokedReason, session.revokedAt, now);
  // A disabled account's every session is withdrawn, whatever ended it before.
  if (session.user.disabled) return { kind: 'withdrawn', code: 'account_disabled', finalPush: finalPush && session.revokedReason === REVOKE_REASONS.disabled };
  if (session.revokedAt === null) return { kind: 'live' };
  if (session.revokedReason !== null && DEVICE_REASONS.has(session.revokedReason)) return { kind: 'withdrawn', code: 'device_revoked', finalPush };
  return { kind: 'ended' };
}
