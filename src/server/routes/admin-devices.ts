// /api/admin/devices*: the devices console over HTTP (docs/accounts.md "Devices"). The same sign-in,
// rate limit and refusals as the accounts console (admin-accounts.ts); scoping and auditing live in
// the service (admin/devices.ts). Answers are never cached and never hold a token or citizen data.
import type { FastifyInstance } from 'fastify';
import { deviceListQuerySchema, revokeDeviceSchema } from '../../shared/admin/devices';
import type { AuthService } from '../auth/auth-service';
import type { DevicesService } from '../admin/devices';
import { ApiError } from '../errors';
import { adminGuard, pathId, refusalsAsErrors } from './admin-accounts';

const BODY_LIMIT = 16 * 1024;

export interface AdminDeviceRouteOptions {
  auth: AuthService;
  devices: DevicesService;
  now?: () => number;
}

export function registerAdminDeviceRoutes(app: FastifyInstance, { auth, devices, now }: AdminDeviceRouteOptions): void {
  const signedIn = adminGuard(auth, now);

  app.get('/api/admin/devices', async (request, reply) => {
    const caller = await signedIn(request);
    const query = deviceListQuerySchema.safeParse(request.query);
    if (!query.success) throw new ApiError(400, 'bad_request', 'Filters: q, communeId, staleDays, withdrawn=true|false, offset.');
    const page = await refusalsAsErrors(request, caller, () => devices.list(caller, query.data));
    return reply.header('cache-control', 'no-store').send(page);
  });

  app.post('/api/admin/devices/:id/revoke', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const caller = await signedIn(request);
    const id = pathId(request);
    const body = revokeDeviceSchema.safeParse(request.body ?? {});
    if (!body.success) throw new ApiError(400, 'bad_request', 'Send {} or { "finalPush": false } for a stolen phone.');
    const device = await refusalsAsErrors(request, caller, () => devices.revoke(caller, id, body.data));
    request.log.warn({ event: 'device_revoked', userId: caller.id, deviceId: id, finalPush: body.data.finalPush !== false }, 'security: device revoked');
    return reply.header('cache-control', 'no-store').send({ device });
  });
}
