// POST /api/auth/login | refresh | logout (docs/sync.md §4, docs/privacy.md checklist items 6–11, 24).
// The refresh token is returned in the JSON body (non-browser clients) and set as an HttpOnly,
// SameSite=Strict cookie (the PWA), so no script-readable store in the browser ever holds it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loginRequestSchema, refreshRequestSchema } from '../../shared/sync/protocol';
import type { Access, AuthService, IssuedTokens } from '../auth/auth-service';
import type { RevocationCode } from '../auth/revocation';
import type { UserRow } from '../storage/account-types';
import { REFRESH_TOKEN_TTL_MS } from '../auth/tokens';
import { deviceNameOf } from '../auth/device-name';
import { ApiError } from '../errors';

/**
 * Over HTTPS the cookie is `__Host-sts_refresh`: the prefix makes the browser refuse it unless it
 * is Secure, host-only and Path=/, so a sibling subdomain cannot plant or overwrite it. Browsers
 * reject a `__Host-` cookie with any other Path, hence Path=/ there; over plain HTTP (development,
 * loopback) the cookie is `sts_refresh` scoped to /api/auth.
 */
export const REFRESH_COOKIE_SECURE = '__Host-sts_refresh';
export const REFRESH_COOKIE_PLAIN = 'sts_refresh';
const AUTH_BODY_LIMIT = 16 * 1024;

export function registerAuthRoutes(app: FastifyInstance, auth: AuthService): void {
  app.post('/api/auth/login', { bodyLimit: AUTH_BODY_LIMIT }, async (request, reply) => {
    const parsed = loginRequestSchema.safeParse(request.body);
    if (!parsed.success) throw new ApiError(400, 'bad_request', 'Send { "username", "password" }.');
    const result = await auth.login(parsed.data.username, parsed.data.password, request.ip, deviceNameOf(request.headers['user-agent']));
    if (result.kind === 'busy') {
      request.log.warn({ event: 'login_busy', ip: request.ip }, 'security: too many password checks waiting');
      throw new ApiError(503, 'unavailable', 'The server is busy; try again in a moment.', result.retryAfterSeconds);
    }
    if (result.kind === 'rate_limited') {
      request.log.warn({ event: 'login_rate_limited', by: 'account', ip: request.ip }, 'security: login rate limited');
      throw new ApiError(429, 'too_many_requests', 'Too many failed sign-ins for this account; try again later.', result.retryAfterSeconds);
    }
    if (result.kind === 'invalid') {
      if (result.slowedAddress) request.log.warn({ event: 'login_address_slowed', ip: request.ip }, 'security: many failed sign-ins from one address');
      request.log.warn({ event: 'login_failed', userId: result.userId, ip: request.ip, remainingAttempts: result.remainingAttempts }, 'security: login failed');
      // The tries left travel with every failure (the phone warns before the lock); the last one
      // also says when the lock lifts.
      throw new ApiError(401, 'unauthorized', 'Wrong username or password.', result.retryAfterSeconds, { remainingAttempts: result.remainingAttempts });
    }
    request.log.info({ event: 'login_ok', userId: result.user.id, sessionId: result.sessionId, ip: request.ip }, 'security: login ok');
    return sendTokens(request, reply, result);
  });

  app.post('/api/auth/refresh', { bodyLimit: AUTH_BODY_LIMIT }, async (request, reply) => {
    const parsed = refreshRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw new ApiError(400, 'bad_request', 'Send { "refreshToken" } or the refresh cookie.');
    const token = parsed.data.refreshToken ?? readRefreshCookie(request);
    if (!token) throw new ApiError(401, 'unauthorized', 'Sign in first.');
    const result = await auth.refresh(token);
    if (result.kind === 'reused') {
      request.log.warn({ event: 'refresh_reuse', userId: result.userId, sessionId: result.sessionId, ip: request.ip }, 'security: refresh token reused; session revoked');
    }
    if (result.kind === 'withdrawn') throw withdrawn(request, result.code);
    if (result.kind !== 'ok') {
      clearRefreshCookie(request, reply);
      throw new ApiError(401, 'unauthorized', 'The session has ended; sign in again.');
    }
    return sendTokens(request, reply, result);
  });

  // A withdrawn phone, after its own wipe, asks the browser to clear whatever else the origin
  // stores (docs/security.md "Revoke and wipe"). Only with the refresh cookie of a withdrawn
  // session: the cookie is SameSite=Strict, so another site cannot make a member's browser wipe
  // a working phone's unsent changes.
  app.post('/api/auth/wipe', { bodyLimit: AUTH_BODY_LIMIT }, async (request, reply) => {
    const token = readRefreshCookie(request);
    const code = token ? await auth.withdrawal(token) : undefined;
    if (!code) throw new ApiError(403, 'forbidden', 'Only a withdrawn device is wiped.');
    request.log.warn({ event: 'device_wiped', code, ip: request.ip }, 'security: a withdrawn device wiped itself');
    clearRefreshCookie(request, reply);
    reply.header('clear-site-data', '"cache", "storage"');
    return reply.code(204).send();
  });

  app.post('/api/auth/logout', { bodyLimit: AUTH_BODY_LIMIT }, async (request, reply) => {
    const parsed = refreshRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw new ApiError(400, 'bad_request', 'Send { "refreshToken" }, the refresh cookie or a Bearer token.');
    const sessionId = await auth.logout({ refreshToken: parsed.data.refreshToken ?? readRefreshCookie(request), accessToken: bearerToken(request) });
    clearRefreshCookie(request, reply);
    if (!sessionId) throw new ApiError(401, 'unauthorized', 'Sign in first.');
    request.log.info({ event: 'logout', sessionId, ip: request.ip }, 'security: logout');
    return reply.code(204).send();
  });
}

const WITHDRAWN_MESSAGES: Record<RevocationCode, string> = {
  device_revoked: 'This device was revoked; its data must be wiped.',
  account_disabled: 'This account was disabled; its data must be wiped.',
};

/** A withdrawn phone's answer (auth/revocation.ts): 401 with its own code, so old apps still sign out. */
function withdrawn(request: FastifyRequest, code: RevocationCode): ApiError {
  request.log.warn({ event: 'withdrawn_session', code, ip: request.ip }, 'security: request from a withdrawn device');
  return new ApiError(401, code, WITHDRAWN_MESSAGES[code]);
}

/**
 * The signed-in user of an API call, or the 401 that says why not. `access: 'push'` lets a
 * withdrawn phone whose revocation allows it send its last unsent changes (docs/security.md).
 */
export async function signedInUser(auth: AuthService, request: FastifyRequest, access: Access = 'any'): Promise<UserRow> {
  return (await signedInSession(auth, request, access)).user;
}

/** signedInUser with the session (the device) the request came from. */
export async function signedInSession(auth: AuthService, request: FastifyRequest, access: Access = 'any'): Promise<{ user: UserRow; sessionId: string }> {
  const token = bearerToken(request);
  if (!token) throw new ApiError(401, 'unauthorized', 'Sign in first.');
  const result = await auth.authorize(token, access);
  if (result.kind === 'ok') return { user: result.user, sessionId: result.sessionId };
  if (result.code === 'unauthorized') throw new ApiError(401, 'unauthorized', 'Sign in first.');
  throw withdrawn(request, result.code);
}

export function sendTokens(request: FastifyRequest, reply: FastifyReply, tokens: IssuedTokens) {
  setRefreshCookie(request, reply, tokens.refreshToken);
  // Exactly the fields of docs/sync.md §4: nothing internal (session id, result kind) leaves.
  const body = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresIn: tokens.expiresIn, user: tokens.user, devicePolicy: tokens.devicePolicy, relayKey: tokens.relayKey };
  return reply.send(body);
}

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
  return match?.[1];
}

function isHttps(request: FastifyRequest): boolean {
  // request.protocol honours X-Forwarded-Proto only from proxies TRUST_PROXY allows.
  return request.protocol === 'https';
}

function cookieAttributes(request: FastifyRequest, maxAgeSeconds: number): string {
  const secure = isHttps(request);
  const name = secure ? REFRESH_COOKIE_SECURE : REFRESH_COOKIE_PLAIN;
  const path = secure ? '/' : '/api/auth';
  return `${name}=%VALUE%; Path=${path}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

function setRefreshCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.header('set-cookie', cookieAttributes(request, Math.floor(REFRESH_TOKEN_TTL_MS / 1000)).replace('%VALUE%', token));
}

function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('set-cookie', cookieAttributes(request, 0).replace('%VALUE%', ''));
}

/**
 * The refresh token from the request's cookies. Over HTTPS only the `__Host-` cookie counts: a
 * plain-named cookie arrives over HTTPS too, and anyone who can set one (a sibling subdomain, a
 * network that rewrote an earlier plain-HTTP answer) could otherwise fix a session of their
 * choosing on the phone. A phone signed in before a TLS proxy was added signs in once more.
 */
export function readRefreshCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  const wanted = isHttps(request) ? REFRESH_COOKIE_SECURE : REFRESH_COOKIE_PLAIN;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (name === wanted && /^[A-Za-z0-9_-]{16,512}$/.test(value)) return value;
  }
  return undefined;
}
