// /api/admin/accounts*: the accounts console over HTTP (docs/accounts.md "Accounts"). The same
// Bearer sign-in as sync; scoping, auditing and the roster live in the service
// (admin/accounts.ts). Answers are never cached and never hold a hash, a token or citizen data.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { accountListQuerySchema, createAccountSchema, updateAccountSchema } from '../../shared/admin/accounts';
import { idSchema } from '../../shared/schemas/common';
import { AccountsRefusal, type AccountsService } from '../admin/accounts';
import type { AuthService } from '../auth/auth-service';
import { RateLimiter } from '../auth/rate-limit';
import { ApiError } from '../errors';
import type { UserRow } from '../storage/account-types';
import { signedInSession } from './auth';

/** Console requests per user per minute: a person at a screen, never a script's flood. */
export const ADMIN_RATE_LIMIT_PER_MINUTE = 120;
const BODY_LIMIT = 16 * 1024;

const STATUS = { forbidden: 403, not_found: 404, conflict: 409, bad_request: 400 } as const;

export interface AdminAccountRouteOptions {
  auth: AuthService;
  accounts: AccountsService;
  now?: () => number;
}

/** The signed-in caller of a console route, with the session (the device) the request came from. */
export type ConsoleCaller = UserRow & { sessionId: string };

/**
 * Signs in the caller of a console route (a withdrawn phone gets its own code, routes/auth.ts) and
 * counts the request against their limit.
 */
export function adminGuard(auth: AuthService, now: () => number = Date.now): (request: FastifyRequest) => Promise<ConsoleCaller> {
  const limiter = new RateLimiter(ADMIN_RATE_LIMIT_PER_MINUTE, 60_000, now);
  return async (request) => {
    const { user, sessionId } = await signedInSession(auth, request);
    const decision = limiter.take(user.id);
    if (!decision.ok) {
      request.log.warn({ event: 'admin_rate_limited', userId: user.id }, 'security: console rate limited');
      throw new ApiError(429, 'too_many_requests', 'Too many requests; try again later.', decision.retryAfterSeconds);
    }
    return { ...user, sessionId };
  };
}

/** Runs a service call and turns its refusal into the API's error (logged without the body). */
export async function refusalsAsErrors<T>(request: FastifyRequest, user: UserRow, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AccountsRefusal)) throw error;
    if (error.code === 'forbidden' || error.code === 'not_found') {
      request.log.warn({ event: 'admin_refused', userId: user.id, role: user.role, route: request.routeOptions.url }, 'security: console action refused');
    }
    throw new ApiError(STATUS[error.code], error.code, error.message);
  }
}

/** The `:id` of a console path; one that is no id names nothing (404). */
export function pathId(request: FastifyRequest): string {
  const parsed = idSchema.safeParse((request.params as { id?: unknown }).id);
  if (!parsed.success) throw new ApiError(404, 'not_found', 'No such account, device or commune.');
  return parsed.data;
}

export function registerAdminAccountRoutes(app: FastifyInstance, { auth, accounts, now }: AdminAccountRouteOptions): void {
  const signedIn = adminGuard(auth, now);

  app.get('/api/admin/accounts', async (request, reply) => {
    const user = await signedIn(request);
    const query = accountListQuerySchema.safeParse(request.query);
    if (!query.success) throw new ApiError(400, 'bad_request', 'Filters: q, communeId, role, disabled=true|false, staleDays, offset.');
    const page = await refusalsAsErrors(request, user, () => accounts.list(user, query.data));
    return reply.header('cache-control', 'no-store').send(page);
  });

  app.get('/api/admin/communes', async (request, reply) => {
    const user = await signedIn(request);
    const communes = await refusalsAsErrors(request, user, () => accounts.communes(user));
    return reply.header('cache-control', 'no-store').send(communes);
  });

  app.post('/api/admin/accounts', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const user = await signedIn(request);
    const body = createAccountSchema.safeParse(request.body);
    if (!body.success) throw new ApiError(400, 'bad_request', 'Send { username, displayName, role, communeId?, phone? }.');
    const created = await refusalsAsErrors(request, user, () => accounts.create(user, body.data));
    request.log.info({ event: 'account_created', userId: user.id, accountId: created.account.id }, 'admin: account created');
    return reply.code(201).header('cache-control', 'no-store').send(created);
  });

  app.post('/api/admin/accounts/:id/code', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const user = await signedIn(request);
    const id = pathId(request);
    const code = await refusalsAsErrors(request, user, () => accounts.issueCode(user, id));
    request.log.info({ event: 'sign_in_code_issued', userId: user.id, accountId: id }, 'admin: sign-in code issued');
    return reply.header('cache-control', 'no-store').send(code);
  });

  app.patch('/api/admin/accounts/:id', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const user = await signedIn(request);
    const id = pathId(request);
    const body = updateAccountSchema.safeParse(request.body);
    if (!body.success) throw new ApiError(400, 'bad_request', 'Send one or more of { role, disabled, displayName, phone }.');
    const account = await refusalsAsErrors(request, user, () => accounts.update(user, id, body.data));
    request.log.info({ event: 'account_updated', userId: user.id, accountId: id }, 'admin: account updated');
    return reply.header('cache-control', 'no-store').send({ account });
  });
}
