// /api/admin/communes (POST, PATCH …/:id): the province admin's communes over HTTP (docs/accounts.md
// "Communes"). The list (GET) is the accounts console's (admin-accounts.ts). The same sign-in, rate
// limit and refusals as the other console routes; scoping, races and auditing live in the service
// (admin/communes.ts). Answers are never cached.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createCommuneSchema, updateCommuneSchema } from '../../shared/admin/communes';
import { communeIdSchema } from '../../shared/schemas/common';
import type { CommunesService } from '../admin/communes';
import type { AuthService } from '../auth/auth-service';
import { ApiError } from '../errors';
import { adminGuard, refusalsAsErrors } from './admin-accounts';

const BODY_LIMIT = 4 * 1024;

export interface AdminCommuneRouteOptions {
  auth: AuthService;
  communes: CommunesService;
  now?: () => number;
}

function communeIdOf(request: FastifyRequest): string {
  const parsed = communeIdSchema.safeParse((request.params as { id?: unknown }).id);
  if (!parsed.success) throw new ApiError(404, 'not_found', 'No such commune.');
  return parsed.data;
}

export function registerAdminCommuneRoutes(app: FastifyInstance, { auth, communes, now }: AdminCommuneRouteOptions): void {
  const signedIn = adminGuard(auth, now);

  app.post('/api/admin/communes', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const caller = await signedIn(request);
    const body = createCommuneSchema.safeParse(request.body);
    if (!body.success) throw new ApiError(400, 'bad_request', 'Send { id, name }: id in lower-case letters, digits and single dashes.');
    const created = await refusalsAsErrors(request, caller, () => communes.create(caller, body.data));
    request.log.info({ event: 'commune_created', userId: caller.id, communeId: created.commune.id }, 'admin: commune created');
    return reply.code(201).header('cache-control', 'no-store').send(created);
  });

  app.patch('/api/admin/communes/:id', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const caller = await signedIn(request);
    const id = communeIdOf(request);
    const body = updateCommuneSchema.safeParse(request.body);
    if (!body.success) throw new ApiError(400, 'bad_request', 'Send { basedOn } with either { name } or { active }.');
    const changed = await refusalsAsErrors(request, caller, () => communes.update(caller, id, body.data));
    request.log.info({ event: 'commune_updated', userId: caller.id, communeId: id, disabledAccounts: changed.disabledAccounts }, 'admin: commune updated');
    return reply.header('cache-control', 'no-store').send(changed);
  });
}
