// The session store: refresh-token families and the login rate limit's failures. Both databases
// implement it (sqlite/sessions.ts, postgres/sessions.ts) and pass the same contract suite.
import type { UserRow } from './account-types';

export interface SessionStore {
  createSession(session: NewSession): Promise<void>;
  /** The session and its user, for checking an access token; undefined when unknown. */
  getSession(sessionId: string): Promise<SessionWithUser | undefined>;
  /**
   * Atomically replaces a refresh token by a new one in the same session. A token that was
   * already replaced is a reuse: the whole session is revoked (docs/privacy.md checklist item 7).
   */
  rotateRefreshToken(rotation: RefreshRotation): Promise<RefreshOutcome>;
  /** The session a refresh token belongs to, whatever its state (for logout). */
  findSessionByRefreshHash(tokenHash: string): Promise<string | undefined>;
  revokeSession(sessionId: string, reason: string, now: number): Promise<void>;
  /**
   * Deletes refresh tokens expired by `now`, and sessions expired by `now` or revoked before
   * `revokedBefore` (with their tokens). Returns how many of each went.
   */
  pruneSessions(now: number, revokedBefore: number): Promise<{ sessions: number; tokens: number }>;

  // ---------- login rate limit ----------
  /** Failures per key since `since`, with the oldest one's time (to compute Retry-After). */
  recentLoginFailures(keys: readonly string[], since: number): Promise<Map<string, LoginFailures>>;
  /** Records a failure under every key and forgets failures older than `forgetBefore`. */
  recordLoginFailure(keys: readonly string[], at: number, forgetBefore: number): Promise<void>;
  clearLoginFailures(key: string): Promise<void>;
}

export interface LoginFailures {
  count: number;
  oldest: number;
}

export interface NewSession {
  sessionId: string;
  userId: string;
  tokenHash: string;
  now: number;
  tokenExpiresAt: number;
  sessionExpiresAt: number;
}

export interface SessionWithUser {
  sessionId: string;
  expiresAt: number;
  revokedAt: number | null;
  /** Why it was revoked (auth/revocation.ts REVOKE_REASONS, 'logout', 'password_reset', 'refresh_reuse'…). */
  revokedReason: string | null;
  user: UserRow;
}

export interface RefreshRotation {
  oldHash: string;
  newHash: string;
  now: number;
  /** Expiry of the new token (never beyond the session's own). */
  tokenExpiresAt: number;
  /** Whether a revoked session may still rotate (a withdrawn phone's final push, auth/revocation.ts). */
  acceptRevoked?: (reason: string | null, revokedAt: number, now: number) => boolean;
}

export type RefreshOutcome =
  | { kind: 'rotated'; sessionId: string; userId: string }
  | { kind: 'reused'; sessionId: string; userId: string }
  | { kind: 'expired' | 'revoked'; sessionId: string; userId: string }
  | { kind: 'unknown' };
