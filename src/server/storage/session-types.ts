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
  /** Revokes a live session; true when this call did it (false: already revoked or unknown). */
  revokeSession(sessionId: string, reason: string, now: number): Promise<boolean>;

  // ---------- devices (one per session, docs/accounts.md "Devices") ----------
  /**
   * Notes a sync request of the session: when it was seen, and what the phone reported. Written
   * only when something changed or the noted times are older than `notedBefore`.
   */
  noteDevice(sessionId: string, note: DeviceNote, notedBefore: number): Promise<void>;
  /** The sessions of a province's or a commune's accounts not expired at `now`, revoked or not. */
  listDevices(scope: { provinceId: string } | { communeId: string }, now: number): Promise<DeviceRow[]>;
  /** One device of listDevices, whatever its scope (the caller checks it). */
  getDevice(sessionId: string, now: number): Promise<DeviceRow | undefined>;
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

export interface DeviceNote {
  at: number;
  /** A pull (the end of a sync round) also moves the last sync. */
  synced: boolean;
  appVersion?: string | undefined;
  unsynced?: number | undefined;
}

/** A session as the devices console reads it, with its user. */
export interface DeviceRow {
  sessionId: string;
  deviceName: string | null;
  createdAt: number;
  lastSeenAt: number;
  lastSyncAt: number | null;
  appVersion: string | null;
  unsyncedCount: number | null;
  revokedAt: number | null;
  revokedReason: string | null;
  user: Pick<UserRow, 'id' | 'username' | 'displayName' | 'role' | 'communeId' | 'provinceId' | 'disabled'>;
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
  /** From the user agent (auth/device-name.ts); null when it says nothing usable. */
  deviceName?: string | null;
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
  /** How long a replaced token still gets its unused successor again (auth/tokens.ts REFRESH_GRACE_MS); 0 when absent. */
  graceMs?: number;
  /** Whether a revoked session may still rotate (a withdrawn phone's final push, auth/revocation.ts). */
  acceptRevoked?: (reason: string | null, revokedAt: number, now: number) => boolean;
}

export type RefreshOutcome =
  | { kind: 'rotated'; sessionId: string; userId: string }
  /** A retry within the grace window: the successor already stored is issued again, nothing written. */
  | { kind: 'retried'; sessionId: string; userId: string }
  | { kind: 'reused'; sessionId: string; userId: string }
  | { kind: 'expired' | 'revoked'; sessionId: string; userId: string }
  | { kind: 'unknown' };
