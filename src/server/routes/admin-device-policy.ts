// The province's rules for its phones' lock (docs/security.md "The province's settings"):
//   GET /api/admin/device-policy   the province's policy and the defaults
//   PUT /api/admin/device-policy   the province admin sets the whole policy
// The province admin only, always in their own province (the scope comes from the account); the
// body checked by the shared schema; every change in the audit log. Phones receive the policy with
// their next sign-in or token refresh.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DEFAULT_DEVICE_POLICY, devicePolicyChangeSchema, type DevicePolicy, type DevicePolicySetting } from '../../shared/device-policy';
import { can } from '../../shared/permissions';
import type { AuthService } from '../auth/auth-service';
import { devicePolicyOf, setDevicePolicy } from '../auth/device-policy';
import { ApiError } from '../errors';
import type { AuditLog } from '../privacy/audit-log';
import type { SyncStore } from '../storage/types';
import { signedInUser } from './auth';

export interface AdminDevicePolicyRouteOptions {
  store: SyncStore;
  auth: AuthService;
  audit: AuditLog;
}

export function registerAdminDevicePolicyRoutes(app: FastifyInstance, options: AdminDevicePolicyRouteOptions): void {
  const { store, auth, audit } = options;

  async function provinceAdmin(request: FastifyRequest) {
    const user = await signedInUser(auth, request);
    if (!can(user.role, 'devicePolicy.manage') || !user.provinceId) {
      await audit.append({ kind: 'access.refused', actor: user, details: { action: 'devicePolicy.manage', role: user.role } });
      throw new ApiError(403, 'forbidden', "Only the province admin sets the phones' lock rules.");
    }
    return { ...user, provinceId: user.provinceId };
  }

  const answer = (policy: DevicePolicy): DevicePolicySetting => ({ policy, defaults: DEFAULT_DEVICE_POLICY });

  app.get('/api/admin/device-policy', async (request, reply) => {
    const user = await provinceAdmin(request);
    return reply.header('cache-control', 'no-store').send(answer(await devicePolicyOf(store, user.provinceId)));
  });

  app.put('/api/admin/device-policy', { bodyLimit: 4096 }, async (request, reply) => {
    const user = await provinceAdmin(request);
    const body = devicePolicyChangeSchema.safeParse(request.body);
    if (!body.success) {
      const field = body.error.issues[0]?.path[0];
      throw new ApiError(400, 'bad_request', `Send lockAfterMinutes, offlineDays and maxFailedUnlocks as whole numbers in their ranges${typeof field === 'string' ? ` (${field})` : ''}.`);
    }
    const from = await devicePolicyOf(store, user.provinceId);
    await setDevicePolicy(store, user.provinceId, body.data);
    const changed = (Object.keys(body.data) as (keyof DevicePolicy)[]).filter((field) => from[field] !== body.data[field]);
    if (changed.length > 0) await audit.append({ kind: 'devicePolicy.changed', actor: user, details: { from, to: body.data } });
    return reply.header('cache-control', 'no-store').send(answer(body.data));
  });
}
