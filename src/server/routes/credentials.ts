// POST /api/auth/redeem-code (a member's first sign-in with a one-time code: they choose their
// password and are signed in) and POST /api/auth/password (a signed-in member changes their own
// password; every other session ends and this one is renewed). Both answer like a login
// (docs/accounts.md "Accounts"). Bodies hold secrets and are never logged.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { changePasswordSchema, redeemCodeSchema } from '../../shared/admin/accounts';
import type { AuthService } from '../auth/auth-service';
import type { CredentialResult, Credentials } from '../auth/credentials';
import { ApiError } from '../errors';
import { deviceNameOf } from '../auth/device-name';
import { sendTokens, signedInUser } from './auth';

const BODY_LIMIT = 16 * 1024;

export function registerCredentialRoutes(app: FastifyInstance, auth: AuthService, credentials: Credentials): void {
  app.post('/api/auth/redeem-code', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const parsed = redeemCodeSchema.safeParse(request.body);
    if (!parsed.success) throw new ApiError(400, 'bad_request', 'Send { "username", "code", "password" } (a code of 12 letters and digits, a password of 8 to 128 characters).');
    const result = await credentials.redeemCode(parsed.data, deviceNameOf(request.headers['user-agent']));
    const tokens = answer(request, result, 'code');
    request.log.info({ event: 'code_redeemed', userId: tokens.user.id, sessionId: tokens.sessionId, ip: request.ip }, 'security: sign-in code redeemed');
    return sendTokens(request, reply, tokens);
  });

  app.post('/api/auth/password', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    // A withdrawn phone is told so with its own code, as on every route.
    const user = await signedInUser(auth, request);
    const parsed = changePasswordSchema.safeParse(request.body);
    if (!parsed.success) throw new ApiError(400, 'bad_request', 'Send { "currentPassword", "newPassword" } (8 to 128 characters).');
    const result = await credentials.changePassword(user, parsed.data, deviceNameOf(request.headers['user-agent']));
    const tokens = answer(request, result, 'password');
    request.log.info({ event: 'password_changed', userId: user.id, sessionId: tokens.sessionId, ip: request.ip }, 'security: password changed; other sessions ended');
    return sendTokens(request, reply, tokens);
  });
}

/** The tokens of a success, or the ApiError of a refusal. A wrong current password is 403, not 401: the session itself is fine. */
function answer(request: FastifyRequest, result: CredentialResult, what: 'code' | 'password') {
  switch (result.kind) {
    case 'ok':
      return result;
    case 'weak':
      throw new ApiError(400, 'bad_request', 'Choose another password.', undefined, { problem: result.problem });
    case 'busy':
      throw new ApiError(503, 'unavailable', 'The server is busy; try again in a moment.', result.retryAfterSeconds);
    case 'rate_limited':
      request.log.warn({ event: `${what}_rate_limited`, ip: request.ip }, 'security: too many wrong tries');
      throw new ApiError(429, 'too_many_requests', 'Too many wrong tries for this account; try again later.', result.retryAfterSeconds);
    case 'expired':
      throw new ApiError(401, 'unauthorized', 'The sign-in code has expired; ask for a new one.', undefined, { problem: 'code_expired' });
    case 'invalid':
      request.log.warn({ event: `${what}_failed`, ip: request.ip, remainingAttempts: result.remainingAttempts }, 'security: wrong sign-in code or password');
      if (what === 'code') throw new ApiError(401, 'unauthorized', 'Wrong username or sign-in code.', result.retryAfterSeconds, { remainingAttempts: result.remainingAttempts });
      throw new ApiError(403, 'forbidden', 'The current password is wrong.', result.retryAfterSeconds, { remainingAttempts: result.remainingAttempts, problem: 'wrong_password' });
  }
}
