// GET /api/reports/province (admins: the province's communes for a period, counts only),
// GET /api/reports/compiled (admins: every commune's submitted period report and their sums,
// docs/reports.md "The province's compiled view") and
// POST /api/reports/returns (admins: a commune's report returned for correction, docs/reports.md),
// GET /api/reports/indicator-values (admins: the communes' hand-entered indicator values of a period) and
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
import { compiledReport } from '../reports/compiled-report';
import { provinceIndicatorValues } from '../reports/indicator-values';
import { returnReport, ReturnError } from '../reports/report-return';
import { returnRequestSchema } from '../../shared/reports/compiled';
import { communeInfo, provinceReport } from '../reports/province-report';
import { reportingPeriodOf, type LocalDateRange } from '../../shared/text/dates';
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
const compiledQuerySchema = z.strictObject({ start: z.string().max(10), end: z.string().max(10) });

/** A reporting period exactly (15th → 14th), or undefined: the compiled view is per period. */
function reportingPeriod(query: unknown): LocalDateRange | undefined {
  const parsed = compiledQuerySchema.safeParse(query);
  if (!parsed.success) return undefined;
  const check = checkRange(parsed.data.start, parsed.data.end);
  if (!check.ok) return undefined;
  const period = reportingPeriodOf(check.range.start);
  return period.start === check.range.start && period.end === check.range.end ? period : undefined;
}

export function registerReportRoutes(app: FastifyInstance, options: ReportRouteOptions): void {
  const { store, auth } = options;
  const now = options.now ?? Date.now;

  async function signedIn(request: FastifyRequest): Promise<UserRow> {
    return signedInUser(auth, request);
  }

  /** The signed-in province admin's province; a commune account is refused (403, audited). */
  async function provinceOf(request: FastifyRequest): Promise<string> {
    const user = await signedIn(request);
    if (!can(user.role, 'province.view') || !user.provinceId) {
      await options.audit.append({ kind: 'access.refused', actor: user, details: { action: 'province.view', role: user.role } });
      request.log.warn({ event: 'reports_forbidden', userId: user.id, role: user.role }, 'security: province report refused');
      throw new ApiError(403, 'forbidden', 'Only province accounts see the province report.');
    }
    return user.provinceId;
  }

  app.get('/api/reports/compiled', async (request, reply) => {
    const provinceId = await provinceOf(request);
    const period = reportingPeriod(request.query);
    if (!period) throw new ApiError(400, 'bad_request', 'Send ?start=yyyy-mm-15&end=yyyy-mm-14 (one reporting period).');
    return reply.header('cache-control', 'no-store').send(await compiledReport(store, provinceId, period, now()));
  });

  app.get('/api/reports/indicator-values', async (request, reply) => {
    const provinceId = await provinceOf(request);
    const period = reportingPeriod(request.query);
    if (!period) throw new ApiError(400, 'bad_request', 'Send ?start=yyyy-mm-15&end=yyyy-mm-14 (one reporting period).');
    return reply.header('cache-control', 'no-store').send(await provinceIndicatorValues(store, provinceId, period));
  });

  // The province admin returns a commune's latest report for correction, with a reason; audited.
  app.post('/api/reports/returns', { bodyLimit: 8192 }, async (request, reply) => {
    const provinceId = await provinceOf(request);
    const user = await signedIn(request);
    const body = returnRequestSchema.safeParse(request.body);
    if (!body.success) throw new ApiError(400, 'bad_request', 'Send communeId, submissionId and a reason of 3 to 1000 characters.');
    try {
      const { submission, returnedAt } = await returnReport(store, { id: user.id, provinceId }, body.data, now());
      const details = { version: Number(submission.version), periodStart: String(submission.periodStart), periodEnd: String(submission.periodEnd) };
      await options.audit.append({ kind: 'report.returned', actor: user, details, subjectId: submission.id, communeId: body.data.communeId });
      return reply.header('cache-control', 'no-store').send({ returnedAt });
    } catch (error) {
      if (error instanceof ReturnError) throw new ApiError(error.code === 'not_found' ? 404 : 409, error.code === 'not_found' ? 'not_found' : 'conflict', error.message);
      throw error;
    }
  });

  app.get('/api/reports/province', async (request, reply) => {
    const provinceId = await provinceOf(request);
    const query = provinceQuerySchema.safeParse(request.query);
    if (!query.success) throw new ApiError(400, 'bad_request', 'Send ?from=yyyy-mm-dd&to=yyyy-mm-dd.');
    const check = checkRange(query.data.from, query.data.to);
    if (!check.ok) throw new ApiError(400, 'bad_request', `The period is not valid (${check.problem}).`);
    const body = await provinceReport(store, provinceId, check.range, now());
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
