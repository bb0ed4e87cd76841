// Sign-in, token refresh with rotation, sign-out and the access check of every API call. HTTP
// details (status codes, cookies) stay in routes/auth.ts; this file is the policy.
import { randomUUID } from 'node:crypto';
import type { SyncUser } from '../../shared/sync/scopes';
import type { UserRow } from '../storage/account-types';
import { META_KEYS, type SyncStore } from '../storage/types';
import { DEFAULT_HASH_GATE, HashGate, HashGateFullError, type HashGateOptions, type HashTicket } from './hash-gate';
import type { DevicePolicy } from '../../shared/device-policy';
import { devicePolicyOf } from './device-policy';
import { verifyPassword } from './password';
import { relayKeyText } from './relay-key';
import { finalPushAllowed, sessionState, type RevocationCode } from './revocation';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  REFRESH_GRACE_MS,
  REFRESH_TOKEN_TTL_MS,
  SESSION_MAX_AGE_MS,
  hashRefreshToken,
  newAuthSecret,
  newRefreshToken,
  claimsCurrent,
  signAccessToken,
  successorRefreshToken,
  verifyAccessToken,
  type AccessClaims,
} from './tokens';

/**
 * Sign-in limits (docs/sign-in-and-sessions.md). Per account, strict: the 11th attempt within 15
 * minutes is refused, even with the right password. Per address, loose: offices and villages share
 * one address behind NAT, so an address is never refused — past 100 failures in 15 minutes each of
 * its attempts waits a little before its check, and the operator's log says so.
 */
export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const ADDRESS_SLOW_AFTER_FAILURES = 100;
export const ADDRESS_SLOW_DELAY_MS = 2_000;
/** Access tokens whose signature is remembered as checked (one per active phone is plenty). */
const VERIFIED_TOKENS_KEPT = 10_000;

/** The user as the login response describes it (docs/sync.md §4). */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRow['role'];
  communeId: string | null;
  /** The admin's province, or the province of the user's commune (shared userSchema: optional, never null). */
  provinceId?: string;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: PublicUser;
  sessionId: string;
  /** The province's rules for the phone's lock, sent with every sign-in and refresh (docs/security.md). */
  devicePolicy: DevicePolicy;
  /** A commune member's relay key, for handing changes over without a network (relay-key.ts). */
  relayKey?: string;
}

export type LoginResult =
  | ({ kind: 'ok' } & IssuedTokens)
  /** The account is locked: no password was checked. */
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /** Too many password checks waiting on this server: nothing was checked or counted. */
  | { kind: 'busy'; retryAfterSeconds: number }
  /** Wrong: the tries left before the lock, and when it lifts once none are left. */
  | { kind: 'invalid'; userId: string | undefined; remainingAttempts: number; retryAfterSeconds: number | undefined; slowedAddress: boolean };

export type RefreshResult =
  | ({ kind: 'ok' } & IssuedTokens)
  | { kind: 'reused' | 'invalid'; userId: string | undefined; sessionId: string | undefined }
  /** The phone was withdrawn (auth/revocation.ts): it must wipe itself. */
  | { kind: 'withdrawn'; code: RevocationCode; userId: string; sessionId: string };

/** What an API call may do: `push` is the one thing a withdrawn phone may still do. */
export type Access = 'any' | 'push';

export type Authentication = { kind: 'ok'; user: UserRow; sessionId: string } | { kind: 'refused'; code: 'unauthorized' | RevocationCode };

export interface AuthServiceOptions {
  store: SyncStore;
  /** AUTH_SECRET; when undefined a key is generated once and kept in the database (shared by instances). */
  secret: string | undefined;
  now?: () => number;
  /** The password check (tests count its calls). */
  verify?: typeof verifyPassword;
  /** How many password checks run at once and wait in line. */
  hashing?: HashGateOptions;
  /** How long an address past ADDRESS_SLOW_AFTER_FAILURES waits before each check. */
  addressDelayMs?: number;
}

export function toPublicUser(user: UserRow): PublicUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    communeId: user.communeId,
    ...(user.provinceId ? { provinceId: user.provinceId } : {}),
  };
}

export function toSyncUser(user: UserRow): SyncUser {
  return { id: user.id, role: user.role, communeId: user.communeId, provinceId: user.provinceId };
}

export class AuthService {
  private readonly store: SyncStore;
  private readonly now: () => number;
  private secret: Promise<Buffer> | undefined;
  private readonly configuredSecret: string | undefined;
  private readonly verify: typeof verifyPassword;
  /** The one line for password hashing on this server (sign-ins, redeemed codes, changed passwords). */
  readonly gate: HashGate;
  private readonly addressDelayMs: number;

  constructor(options: AuthServiceOptions) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.configuredSecret = options.secret;
    this.verify = options.verify ?? verifyPassword;
    this.gate = new HashGate(options.hashing ?? DEFAULT_HASH_GATE);
    this.addressDelayMs = options.addressDelayMs ?? ADDRESS_SLOW_DELAY_MS;
  }

  /** The HMAC key, read once (the database is asked lazily: buildApp is synchronous). */
  key(): Promise<Buffer> {
    this.secret ??= (
      this.configuredSecret !== undefined ? Promise.resolve(this.configuredSecret) : this.store.ensureMeta(META_KEYS.authSecret, newAuthSecret())
    ).then((text) => Buffer.from(text, 'utf8'));
    // A failed read (database down) must not be cached forever.
    this.secret.catch(() => (this.secret = undefined));
    return this.secret;
  }

  /** `deviceName`: the phone's name read from its user agent (device-name.ts), kept with the session. */
  async login(username: string, password: string, address: string, deviceName: string | null = null): Promise<LoginResult> {
    const now = this.now();
    const since = now - LOGIN_WINDOW_MS;
    const accountKey = `account:${username.trim().toLowerCase()}`;
    const addressKey = `address:${address}`;
    const lockedFor = (oldest: number) => Math.max(1, Math.ceil((oldest + LOGIN_WINDOW_MS - now) / 1000));
    const before = await this.store.sessions.recentLoginFailures([accountKey, addressKey], since);
    const account = before.get(accountKey) ?? { count: 0, oldest: now };
    if (account.count >= LOGIN_MAX_FAILURES) return { kind: 'rate_limited', retryAfterSeconds: lockedFor(account.oldest) };
    // A place in line for the password check before anything is counted: a full line refuses
    // (503) without spending one of the member's tries.
    let ticket: HashTicket;
    try {
      ticket = this.gate.enter();
    } catch (error) {
      if (error instanceof HashGateFullError) return { kind: 'busy', retryAfterSeconds: error.retryAfterSeconds };
      throw error;
    }
    let user: UserRow | undefined;
    try {
      // The attempt is recorded as a failure before its check and counted after: of any number
      // of parallel guesses, only those that see at most the limit — never more than the limit
      // — reach the password check. A right password takes its record back (clearLoginFailures).
      await this.store.sessions.recordLoginFailure([accountKey], now, since);
      const reserved = (await this.store.sessions.recentLoginFailures([accountKey], since)).get(accountKey) ?? { count: 1, oldest: now };
      if (reserved.count > LOGIN_MAX_FAILURES) return { kind: 'rate_limited', retryAfterSeconds: lockedFor(reserved.oldest) };
      const slowedAddress = (before.get(addressKey)?.count ?? 0) >= ADDRESS_SLOW_AFTER_FAILURES;
      if (slowedAddress) await new Promise((resolve) => setTimeout(resolve, this.addressDelayMs));
      user = await this.store.accounts.findUserByUsername(username);
      await ticket.ready;
      // Always run the KDF, also for unknown users, so timing does not tell which usernames exist.
      const passwordOk = await this.verify(password, user?.passwordHash);
      if (!user || !passwordOk || user.disabled) {
        await this.store.sessions.recordLoginFailure([addressKey], now, since);
        const remainingAttempts = LOGIN_MAX_FAILURES - reserved.count;
        return { kind: 'invalid', userId: user?.id, remainingAttempts, retryAfterSeconds: remainingAttempts === 0 ? lockedFor(reserved.oldest) : undefined, slowedAddress };
      }
    } finally {
      ticket.release();
    }
    await this.store.sessions.clearLoginFailures(accountKey);
    return { kind: 'ok', ...(await this.startSession(user, deviceName)) };
  }

  /**
   * A new session (refresh-token family) on every sign-in (ASVS 7.2.4): a login, a redeemed code, a
   * changed password. Each is one device of the devices console (docs/accounts.md "Devices").
   */
  async startSession(user: UserRow, deviceName: string | null = null): Promise<IssuedTokens> {
    const now = this.now();
    const sessionId = randomUUID();
    const refreshToken = newRefreshToken();
    await this.store.sessions.createSession({
      sessionId,
      userId: user.id,
      tokenHash: hashRefreshToken(refreshToken),
      now,
      tokenExpiresAt: now + REFRESH_TOKEN_TTL_MS,
      sessionExpiresAt: now + SESSION_MAX_AGE_MS,
      deviceName,
    });
    return this.issue(user, sessionId, refreshToken, now);
  }

  async refresh(refreshToken: string): Promise<RefreshResult> {
    const now = this.now();
    // Derived, not random: a retry of this refresh gets the same successor (REFRESH_GRACE_MS).
    const next = successorRefreshToken(refreshToken, await this.key());
    const outcome = await this.store.sessions.rotateRefreshToken({
      oldHash: hashRefreshToken(refreshToken),
      newHash: hashRefreshToken(next),
      now,
      tokenExpiresAt: now + REFRESH_TOKEN_TTL_MS,
      graceMs: REFRESH_GRACE_MS,
      acceptRevoked: finalPushAllowed,
    });
    if (outcome.kind === 'unknown') return { kind: 'invalid', userId: undefined, sessionId: undefined };
    const ids = { userId: outcome.userId, sessionId: outcome.sessionId };
    if (outcome.kind === 'reused' || outcome.kind === 'expired') return { kind: outcome.kind === 'reused' ? 'reused' : 'invalid', ...ids };
    const session = await this.store.sessions.getSession(outcome.sessionId);
    if (!session) return { kind: 'invalid', ...ids };
    const state = sessionState(session, now);
    // A withdrawn phone that may still push gets tokens (its pull will tell it to wipe); the
    // others learn at once.
    const issued = outcome.kind === 'rotated' || outcome.kind === 'retried';
    if (state.kind === 'withdrawn' && !(issued && state.finalPush)) return { kind: 'withdrawn', code: state.code, ...ids };
    if (state.kind === 'ended' || !issued) return { kind: 'invalid', ...ids };
    return { kind: 'ok', ...(await this.issue(session.user, outcome.sessionId, next, now)) };
  }

  /** The code a withdrawn phone is told, from its refresh token (the wipe, routes/auth.ts); undefined for any other. */
  async withdrawal(refreshToken: string): Promise<RevocationCode | undefined> {
    const sessionId = await this.store.sessions.findSessionByRefreshHash(hashRefreshToken(refreshToken));
    const session = sessionId ? await this.store.sessions.getSession(sessionId) : undefined;
    const state = session ? sessionState(session, this.now()) : undefined;
    return state?.kind === 'withdrawn' ? state.code : undefined;
  }

  /** Ends the session named by a refresh token or an access token; returns its id, or undefined when neither names one. */
  async logout(tokens: { refreshToken?: string | undefined; accessToken?: string | undefined }): Promise<string | undefined> {
    let sessionId: string | undefined;
    if (tokens.refreshToken) sessionId = await this.store.sessions.findSessionByRefreshHash(hashRefreshToken(tokens.refreshToken));
    if (!sessionId && tokens.accessToken) sessionId = verifyAccessToken(tokens.accessToken, await this.key(), this.now())?.sid;
    if (sessionId) await this.store.sessions.revokeSession(sessionId, 'logout', this.now());
    return sessionId;
  }

  /**
   * The user behind a Bearer token, or why not. The session is checked on every call (one
   * primary-key read), so sign-out, a password reset or a disabled account take effect at once
   * instead of when the 15-minute token expires (docs/privacy.md checklist item 8); a withdrawn
   * phone is told so with its own code (auth/revocation.ts), and may only push.
   */
  async authorize(accessToken: string, access: Access = 'any'): Promise<Authentication> {
    const now = this.now();
    const claims = await this.verified(accessToken, now);
    if (!claims) return { kind: 'refused', code: 'unauthorized' };
    const session = await this.store.sessions.getSession(claims.sid);
    if (!session || session.user.id !== claims.sub) return { kind: 'refused', code: 'unauthorized' };
    const state = sessionState(session, now);
    const ok = { kind: 'ok', user: session.user, sessionId: session.sessionId } as const;
    if (state.kind === 'live') return ok;
    if (state.kind === 'withdrawn') return access === 'push' && state.finalPush ? ok : { kind: 'refused', code: state.code };
    return { kind: 'refused', code: 'unauthorized' };
  }

  /**
   * A phone sends the same token with every request for 15 minutes: its signature is checked
   * once (an HMAC and two JSON decodes) and remembered; the validity window is checked each time.
   */
  private async verified(accessToken: string, now: number): Promise<AccessClaims | undefined> {
    const known = this.verifiedTokens.get(accessToken);
    if (known) return claimsCurrent(known, now) ? known : undefined;
    const claims = verifyAccessToken(accessToken, await this.key(), now);
    if (claims) {
      // Bounded: forgetting them all costs one HMAC per token on the next request, nothing more.
      if (this.verifiedTokens.size >= VERIFIED_TOKENS_KEPT) this.verifiedTokens.clear();
      this.verifiedTokens.set(accessToken, claims);
    }
    return claims;
  }

  private readonly verifiedTokens = new Map<string, AccessClaims>();

  private async issue(user: UserRow, sessionId: string, refreshToken: string, now: number): Promise<IssuedTokens> {
    return {
      accessToken: signAccessToken({ sub: user.id, sid: sessionId }, await this.key(), now),
      refreshToken,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      user: toPublicUser(user),
      sessionId,
      devicePolicy: await devicePolicyOf(this.store, user.provinceId),
      ...(user.communeId ? { relayKey: relayKeyText(await this.key(), user.id) } : {}),
    };
  }
}
