// Every error leaves the server as `{ "error": { "code", "message" } }` (docs/sync.md §4).
// Messages are generic on purpose: no stack, SQL or token ever reaches a client
// (docs/privacy.md checklist #14); the details go to the server log instead.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  /** A withdrawn phone (auth/revocation.ts): push what it may, then wipe. */
  | 'device_revoked'
  | 'account_disabled'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'client_too_old'
  | 'too_many_requests'
  /** A push over the member's or the commune's changes for the day (docs/sync.md "Write quotas"). */
  | 'write_quota_exceeded'
  /** A push over the bytes of changes the member or the commune may send in a day (same section). */
  | 'bytes_quota_exceeded'
  | 'internal'
  | 'not_built'
  | 'unavailable';

/** Facts a client shows beside the message (the shared errorBodySchema lists them). */
export interface ErrorDetails {
  /** A failed sign-in: tries left before the account is locked. */
  remainingAttempts?: number;
  /** Why a new password or a sign-in code was refused (shared PASSWORD_PROBLEMS, or code_expired). */
  problem?: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string } & ErrorDetails;
}

/** Throw from a route to answer with a specific status and code. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    /** Sent as Retry-After: when the client may try again. */
    readonly retryAfterSeconds?: number,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * A service's refusal: a code the route turns into a status, and a sentence an admin can act on.
 * Each service names its own subclass and codes (AccountsRefusal, ReferenceError, ReturnError).
 */
export class Refusal<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode, message: string, details?: ErrorDetails): ErrorBody {
  return { error: { code, message, ...details } };
}

export function sendError(reply: FastifyReply, statusCode: number, code: ErrorCode, message: string, details?: ErrorDetails): FastifyReply {
  return reply.code(statusCode).type('application/json; charset=utf-8').send(errorBody(code, message, details));
}

/** Client errors raised by Fastify and its plugins, mapped to our codes and fixed wording. */
const CLIENT_ERRORS: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'bad_request', message: 'The request is malformed.' },
  401: { code: 'unauthorized', message: 'Sign in first.' },
  403: { code: 'forbidden', message: 'Not allowed.' },
  404: { code: 'not_found', message: 'Not found.' },
  406: { code: 'bad_request', message: 'Cannot produce an acceptable response.' },
  409: { code: 'conflict', message: 'Conflict.' },
  413: { code: 'too_large', message: 'The request body is too large.' },
  415: { code: 'unsupported_media_type', message: 'Send JSON (Content-Type: application/json), optionally gzip-compressed.' },
  429: { code: 'too_many_requests', message: 'Too many requests; try again later.' },
};

const INTERNAL = errorBody('internal', 'Something went wrong on the server.');

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      return sendError(reply, error.statusCode, error.code, error.message, error.details);
    }
    // Schema validation: the message names the field and rule, never the value, so it is safe and useful.
    if (error.validation) {
      return sendError(reply, 400, 'bad_request', error.message);
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    const known = CLIENT_ERRORS[status];
    if (status >= 400 && status < 500) {
      request.log.info({ code: error.code, statusCode: status }, 'client error');
      return known ? sendError(reply, status, known.code, known.message) : sendError(reply, status, 'bad_request', 'The request cannot be processed.');
    }
    // The last resort: log everything for the operator, tell the client nothing specific.
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).type('application/json; charset=utf-8').send(INTERNAL);
  });
}
