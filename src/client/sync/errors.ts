// What can go wrong talking to the server, sorted by what the engine must do about it
// (docs/sync.md §3 "Errors"). A network error or a timeout means "outcome unknown": the server may
// have applied a push whose answer was lost, so the same mutation ids are sent again.

/** The server answered with a non-2xx status. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    /** The `error.code` of the body, when the body had one. */
    readonly code: string,
    message: string,
    /** From Retry-After (429, 503), in milliseconds from now. */
    readonly retryAfterMs?: number,
    /** A failed sign-in: the tries left before the account is locked for a while. */
    readonly remainingAttempts?: number,
    /** Why a new password or a sign-in code was refused (docs/accounts.md). */
    readonly problem?: string,
  ) {
    super(message);
  }
}

/** No answer: offline, connection dropped, DNS, timeout. Outcome unknown. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(
    message: string,
    readonly timedOut = false,
  ) {
    super(message);
  }
}

/** An answer that does not follow the contract (src/shared/sync/protocol.ts). Outcome unknown. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** The refresh token was refused: the user must sign in again. The outbox is kept. */
export class SignedOutError extends Error {
  override readonly name = 'SignedOutError';
  constructor(message = 'Signed out: sign in again to sync') {
    super(message);
  }
}

/**
 * This device or its member's account was withdrawn (PROTOCOL.md §2 "A withdrawn phone"): push
 * what the server still takes, then wipe the phone (withdrawal.ts). Never a refresh-and-retry.
 */
export class WithdrawnError extends Error {
  override readonly name = 'WithdrawnError';
  constructor(readonly code: 'device_revoked' | 'account_disabled') {
    super(`Withdrawn: ${code}`);
  }
}

/** The WithdrawnError an HTTP error stands for, if it is one. */
export function withdrawnError(error: unknown): WithdrawnError | undefined {
  if (error instanceof WithdrawnError) return error;
  if (error instanceof HttpError && error.status === 401 && (error.code === 'device_revoked' || error.code === 'account_disabled')) return new WithdrawnError(error.code);
  return undefined;
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
