// A member's own credentials (docs/accounts.md "Accounts"): redeeming a one-time sign-in code to
// choose a password (the first sign-in, or after a reset), and changing one's password. Both end
// in a fresh session, like a login; both are limited like logins (docs/sign-in-and-sessions.md):
// the attempt is counted before the secret is checked, so parallel guesses never exceed the limit.
import type { ChangePasswordInput, PasswordProblem, RedeemCodeInput } from '../../shared/admin/accounts';
import type { AuditLog } from '../privacy/audit-log';
import type { UserRow } from '../storage/account-types';
import type { SyncStore } from '../storage/types';
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS, type AuthService, type IssuedTokens } from './auth-service';
import { HashGateFullError } from './hash-gate';
import { DEFAULT_SCRYPT_COST, hashPassword, passwordProblemCode, verifyPassword, type ScryptCost } from './password';
import { hashSignInCode, sameCodeHash } from './sign-in-code';

export type CredentialResult =
  | ({ kind: 'ok' } & IssuedTokens)
  | { kind: 'weak'; problem: PasswordProblem }
  /** The account (or code) is locked for a while: nothing was checked. */
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'busy'; retryAfterSeconds: number }
  /** A wrong code or current password: the tries left, and when the lock lifts once none are left. */
  | { kind: 'invalid'; remainingAttempts: number; retryAfterSeconds: number | undefined }
  /** The right code, too late: the member asks for a new one. */
  | { kind: 'expired' };

export interface CredentialsOptions {
  store: SyncStore;
  auth: AuthService;
  audit: AuditLog;
  now?: () => number;
  /** The KDF cost of new passwords (tests lower it). */
  cost?: ScryptCost;
}

type Attempt = { kind: 'ok'; remaining: number; lockedFor: number } | { kind: 'rate_limited'; retryAfterSeconds: number };

export class Credentials {
  private readonly store: SyncStore;
  private readonly now: () => number;

  constructor(private readonly options: CredentialsOptions) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
  }

  /** `deviceName`: the phone's, from its user agent (the new session is one device). */
  async redeemCode(input: RedeemCodeInput, deviceName: string | null = null): Promise<CredentialResult> {
    const problem = passwordProblemCode(input.password, input.username);
    if (problem) return { kind: 'weak', problem };
    const codeKey = `code:${input.username.trim().toLowerCase()}`;
    const attempt = await this.reserve(codeKey);
    if (attempt.kind !== 'ok') return attempt;
    const user = await this.store.accounts.findUserByUsername(input.username);
    const stored = user ? await this.store.accounts.getSignInCode(user.id) : undefined;
    const codeHash = hashSignInCode(input.code);
    if (!user || user.disabled || !stored || !sameCodeHash(stored.codeHash, codeHash)) return invalid(attempt);
    if (stored.expiresAt <= this.now()) return { kind: 'expired' };
    const passwordHash = await this.hash(input.password);
    if (typeof passwordHash !== 'string') return passwordHash;
    // One transaction: of two redemptions of one code at once, exactly one finds it.
    const outcome = await this.store.accounts.redeemSignInCode(user.id, codeHash, passwordHash, this.now());
    if (outcome === 'expired') return { kind: 'expired' };
    if (outcome === 'invalid') return invalid(attempt);
    // A member locked out by forgotten passwords starts afresh with the new one.
    await this.store.sessions.clearLoginFailures(codeKey);
    await this.store.sessions.clearLoginFailures(`account:${user.username.toLowerCase()}`);
    await this.options.audit.append({ kind: 'account.codeRedeemed', actor: user, subjectId: user.id, details: {} });
    return { kind: 'ok', ...(await this.options.auth.startSession(user, deviceName)) };
  }

  /** The signed-in member's new password; every other session ends, this phone gets a new one. */
  async changePassword(user: UserRow, input: ChangePasswordInput, deviceName: string | null = null): Promise<CredentialResult> {
    const problem = passwordProblemCode(input.newPassword, user.username);
    if (problem) return { kind: 'weak', problem };
    // The login's own key: guessing the current password here spends the same tries as signing in.
    const key = `account:${user.username.toLowerCase()}`;
    const attempt = await this.reserve(key);
    if (attempt.kind !== 'ok') return attempt;
    let passwordOk: boolean;
    try {
      passwordOk = await this.options.auth.gate.run(() => verifyPassword(input.currentPassword, user.passwordHash));
    } catch (error) {
      if (error instanceof HashGateFullError) return { kind: 'busy', retryAfterSeconds: error.retryAfterSeconds };
      throw error;
    }
    if (!passwordOk) return invalid(attempt);
    const passwordHash = await this.hash(input.newPassword);
    if (typeof passwordHash !== 'string') return passwordHash;
    await this.store.accounts.setPassword(user.id, passwordHash, this.now());
    await this.store.sessions.clearLoginFailures(key);
    await this.options.audit.append({ kind: 'account.passwordChanged', actor: user, subjectId: user.id, details: {} });
    return { kind: 'ok', ...(await this.options.auth.startSession(user, deviceName)) };
  }

  /** Counts the attempt as a failure before the check (a success takes it back), as the login does. */
  private async reserve(key: string): Promise<Attempt> {
    const now = this.now();
    const since = now - LOGIN_WINDOW_MS;
    await this.store.sessions.recordLoginFailure([key], now, since);
    const reserved = (await this.store.sessions.recentLoginFailures([key], since)).get(key) ?? { count: 1, oldest: now };
    const lockedFor = Math.max(1, Math.ceil((reserved.oldest + LOGIN_WINDOW_MS - now) / 1000));
    if (reserved.count > LOGIN_MAX_FAILURES) return { kind: 'rate_limited', retryAfterSeconds: lockedFor };
    return { kind: 'ok', remaining: LOGIN_MAX_FAILURES - reserved.count, lockedFor };
  }

  private async hash(password: string): Promise<string | { kind: 'busy'; retryAfterSeconds: number }> {
    try {
      return await this.options.auth.gate.run(() => hashPassword(password, this.options.cost ?? DEFAULT_SCRYPT_COST));
    } catch (error) {
      if (error instanceof HashGateFullError) return { kind: 'busy', retryAfterSeconds: error.retryAfterSeconds };
      throw error;
    }
  }
}

function invalid(attempt: { remaining: number; lockedFor: number }): CredentialResult {
  return { kind: 'invalid', remainingAttempts: attempt.remaining, retryAfterSeconds: attempt.remaining === 0 ? attempt.lockedFor : undefined };
}
