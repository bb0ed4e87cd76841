// GET /api/reports/province (admins: the province's communes for a period, counts only) and
// GET /api/reports/commune (the signed-in user's commune, for the printed report's heading).
// Auth as the sync endpoints: a Bearer access token checked against the session store. The
// figures come from the reports service (server/reports/province-report.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../shared/permissions';
import { checkRange } from '../../shared/reports/period';
import type { AuthService } from '../auth/auth-service';
import { ApiError } from '../errors';
import type { AuditLog } from '../privacy/audit-log';
import { communeInfo, provinceReport } from '../reports/province-report';
import type { UserRow } from '../storage/account-types';
import type { SyncStore } from '../storage/types';
import { signedInUser } from './auth';

export interface ReportRouteOptions {
  store: SyncStore;
  auth: AuthService;
  audit: AuditLog;
  now?: () => number;
}

const provinceQuerySchema = z.strictObject({ from: z.string().max(10), to: z.string().max(10) });

export function registerReportRoutes(app: FastifyInstance, options: ReportRouteOptions): void {
  const { store, auth } = options;
  const now = options.now ?? Date.now;

  async function signedIn(request: FastifyRequest): Promise<UserRow> {
    return signedInUser(auth, request);
  }

  app.get('/api/reports/province', async (request, reply) => {
    const user = await signedIn(request);
    if (!can(user.role, 'province.view') || !user.provinceId) {
      await options.audit.append({ kind: 'access.refused', actor: user, details: { action: 'province.view', role: user.role } });
      request.log.warn({ event: 'reports_forbidden', userId: user.id, role: user.role }, 'security: province report refused');
      throw new ApiError(403, 'forbidden', 'Only province accounts see the province report.');
    }
    const query = provinceQuerySchema.safeParse(request.query);
    if (!query.success) throw new ApiError(400, 'bad_request', 'Send ?from=yyyy-mm-dd&to=yyyy-mm-dd.');
    const check = checkRange(query.data.from, query.data.to);
    if (!check.ok) throw new ApiError(400, 'bad_request', `The period is not valid (${check.problem}).`);
    const body = await provinceReport(store, user.provinceId, check.range, now());
    return reply.header('cache-control', 'no-store').send(body);
  });

  app.get('/api/reports/commune', async (request, reply) => {
    const user = await signedIn(request);
    if (!can(user.role, 'reports.view') || !user.communeId) throw new ApiError(403, 'forbidden', 'Only commune accounts have a commune.');
    const body = await communeInfo(store, user.communeId);
    if (!body) throw new ApiError(404, 'not_found', 'Not found.');
    return reply.header('cache-control', 'no-store').send(body);
  });
}
