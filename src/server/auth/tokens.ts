// Access and refresh tokens (docs/sync.md §4, docs/privacy.md checklist items 6–7).
// Access token: a compact JWT signed with HMAC-SHA256. Verification allows exactly one algorithm
// (`alg: none` and every other value are refused before any signature work), checks the
// signature in constant time, then `aud`, `iss`, `exp` and `nbf`. Written here with node:crypto
// rather than a library: the format is tiny and the allowlist is the point.
// Refresh token: 256 random bits from the CSPRNG, opaque to the client, stored only as SHA-256.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** A refresh token unused for this long expires; every refresh issues a new one (sliding). */
export const REFRESH_TOKEN_TTL_MS = 60 * 24 * 60 * 60 * 1000;
/** A session (one login on one device) ends after this long whatever happens: then sign in again. */
export const SESSION_MAX_AGE_MS = 180 * 24 * 60 * 60 * 1000;
export const TOKEN_ISSUER = 'so-tay-so';
export const TOKEN_AUDIENCE = 'so-tay-so-api';
/** Tolerance for `nbf` between server instances whose clocks differ slightly. */
const NOT_BEFORE_LEEWAY_SECONDS = 30;

const ALGORITHM = 'HS256';
const HEADER = Buffer.from(JSON.stringify({ alg: ALGORITHM, typ: 'JWT' })).toString('base64url');

export interface AccessClaims {
  /** The user id. */
  sub: string;
  /** The session (refresh-token family) id: revoking the session ends the access token at once. */
  sid: string;
  iss: string;
  aud: string;
  iat: number;
  nbf: number;
  exp: number;
}

function sign(input: string, secret: Buffer): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

export function signAccessToken(claims: { sub: string; sid: string }, secret: Buffer, nowMs: number = Date.now()): string {
  const iat = Math.floor(nowMs / 1000);
  const payload: AccessClaims = { ...claims, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat, nbf: iat, exp: iat + ACCESS_TOKEN_TTL_SECONDS };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${sign(body, secret).toString('base64url')}`;
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The claims of a valid token, or undefined for anything else (never throws). */
export function verifyAccessToken(token: string, secret: Buffer, nowMs: number = Date.now()): AccessClaims | undefined {
  if (token.length > 2048) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return undefined;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart) as { alg?: unknown } | undefined;
  if (header?.alg !== ALGORITHM) return undefined;
  const expected = sign(`${headerPart}.${payloadPart}`, secret);
  const actual = Buffer.from(signaturePart, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
  const claims = decodeJson(payloadPart) as Partial<AccessClaims> | undefined;
  if (!claims || typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return undefined;
  if (claims.iss !== TOKEN_ISSUER || claims.aud !== TOKEN_AUDIENCE) return undefined;
  if (typeof claims.exp !== 'number' || typeof claims.nbf !== 'number' || typeof claims.iat !== 'number') return undefined;
  return claimsCurrent(claims as AccessClaims, nowMs) ? (claims as AccessClaims) : undefined;
}

/** Whether verified claims are within their validity window at `nowMs`. */
export function claimsCurrent(claims: AccessClaims, nowMs: number): boolean {
  const now = Math.floor(nowMs / 1000);
  return claims.exp > now && claims.nbf <= now + NOT_BEFORE_LEEWAY_SECONDS;
}

/** A new refresh token: 32 bytes (256 bits) from the CSPRNG, base64url. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * How long after a refresh token was replaced it still answers with the same successor, if that
 * successor has not been used: a phone whose refresh answer was lost on 2G (its cookie still holds
 * the old token) is not signed out (docs/sign-in-and-sessions.md "Refresh grace").
 */
export const REFRESH_GRACE_MS = 5 * 60 * 1000;

/**
 * The token that replaces `token`: derived from it with the server's key, so a retry of the same
 * refresh gets the same successor, though only its hash is stored; without the key nobody can
 * compute it from a stolen old token.
 */
export function successorRefreshToken(token: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(`refresh-successor\u0000${token}`).digest('base64url');
}

/** What the database keeps instead of the token: a leaked table row cannot be replayed. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A fresh HMAC key, when AUTH_SECRET is not set. */
export function newAuthSecret(): string {
  return randomBytes(32).toString('hex');
}
