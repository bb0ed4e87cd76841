// A member's own credentials from the phone (docs/accounts.md "Accounts"): the first sign-in with a
// one-time code (the member chooses their password, then signs in with it as usual, so the data key
// is made exactly as at any sign-in) and changing one's password (the data key is re-wrapped with
// the new one, so unlocking offline keeps working).
import type { PasswordProblem } from '../../shared/admin/accounts';
import { getSession } from '../data/session-repository';
import { adoptKey, establishKey } from '../data/vault/vault';
import { callJson } from './api-call';
import { signIn, type SignInResult } from './auth';
import { HttpError, NetworkError } from './errors';
import { getSyncRuntime } from './runtime';
import { authResponseSchema } from './transport';

export type CredentialFailure =
  | { reason: 'wrongCode' | 'wrongPassword'; remainingAttempts?: number }
  | { reason: 'codeExpired' }
  | { reason: 'weakPassword'; problem: PasswordProblem }
  | { reason: 'tooManyAttempts'; lockedUntil?: number }
  | { reason: 'offline' | 'server' | 'signedOut' };

export type RedeemResult = SignInResult | ({ ok: false } & CredentialFailure);

export async function redeemSignInCode(username: string, code: string, password: string): Promise<RedeemResult> {
  let accessToken: string;
  try {
    accessToken = (await callJson('/api/auth/redeem-code', undefined, authResponseSchema, { username: username.trim(), code, password })).accessToken;
  } catch (error) {
    return { ok: false, ...failure(error, 'wrongCode') };
  }
  // The password is set: sign in with it the ordinary way (one session, the data key made from it).
  await getSyncRuntime().transport.logout(accessToken).catch(() => undefined);
  return signIn(username, password);
}

export async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<{ ok: true } | ({ ok: false } & CredentialFailure)> {
  const session = await getSession();
  if (!session) return { ok: false, reason: 'signedOut' };
  const { token } = getSyncRuntime();
  const sentAt = Date.now();
  let body;
  try {
    body = await token.call((value) => callJson('/api/auth/password', value, authResponseSchema, { currentPassword, newPassword }));
  } catch (error) {
    return { ok: false, ...failure(error, 'wrongPassword') };
  }
  token.set({ body, sentAt, receivedAt: Date.now() });
  adoptKey(session.user, await establishKey(session.user, newPassword, currentPassword));
  return { ok: true };
}

function failure(error: unknown, wrong: 'wrongCode' | 'wrongPassword'): CredentialFailure {
  if (error instanceof NetworkError) return { reason: 'offline' };
  if (!(error instanceof HttpError)) return { reason: 'server' };
  if (error.problem === 'code_expired') return { reason: 'codeExpired' };
  if (error.problem === 'password_common' || error.problem === 'password_username' || error.problem === 'password_length') return { reason: 'weakPassword', problem: error.problem };
  if (error.status === 429) return { reason: 'tooManyAttempts', ...(error.retryAfterMs === undefined ? {} : { lockedUntil: Date.now() + error.retryAfterMs }) };
  if (error.status === 401 || error.status === 403) return { reason: wrong, ...(error.remainingAttempts === undefined ? {} : { remainingAttempts: error.remainingAttempts }) };
  return { reason: 'server' };
}
