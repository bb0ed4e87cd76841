// GET /api/reports/province (admins: the province's communes for a period, counts only) and
// GET /api/reports/commune (the signed-in user's commune, for the printed report's heading).
// Auth as the sync endpoints: a Bearer access token checked against the session store. The
// figures are computed with the same pure functions as the phone's dashboard (src/shared/reports).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../shared/permissions';
import { SERVICE_GROUPS, type ServiceGroup } from '../../shared/schemas/service';
import { seedServices } from '../../shared/seed';
import { provinceScope } from '../../shared/sync/registry';
import { computeActivity, groupSessionFactOf, logFactOf } from '../../shared/reports/activity';
import { checkRange, instantBounds } from '../../shared/reports/period';
import { communeRow, provinceTotals, type CommuneInfo, type CommuneRow, type ProvinceReport } from '../../shared/reports/province';
import { checklistFactOf, computeReadiness, itemStateFactOf, templateFactOf, type TemplateFact } from '../../shared/reports/readiness';
import { todayLocal, type LocalDateRange } from '../../shared/text/dates';
import type { AuthService } from '../auth/auth-service';
import { ApiError } from '../errors';
import type { UserRow } from '../storage/account-types';
import type { StoredRecord } from '../storage/record-types';
import type { SyncStore } from '../storage/types';
import { bearerToken } from './auth';

export interface ReportRouteOptions {
  store: SyncStore;
  auth: AuthService;
  now?: () => number;
}

const provinceQuerySchema = z.strictObject({ from: z.string().max(10), to: z.string().max(10) });

const notNull = <T>(value: T | null): value is T => value !== null;
const records = (rows: readonly StoredRecord[], table: StoredRecord['table']) => rows.filter((row) => row.table === table).map((row) => row.record);

export function registerReportRoutes(app: FastifyInstance, options: ReportRouteOptions): void {
  const { store, auth } = options;
  const now = options.now ?? Date.now;

  async function signedIn(request: FastifyRequest): Promise<UserRow> {
    const token = bearerToken(request);
    const user = token ? await auth.authenticate(token) : undefined;
    if (!user) throw new ApiError(401, 'unauthorized', 'Sign in first.');
    return user;
  }

  /** The catalogue group of each service code: the province's catalogue, the shipped one for codes it lacks. */
  async function serviceGroups(provinceId: string): Promise<Map<string, ServiceGroup>> {
    const groups = new Map<string, ServiceGroup>(seedServices().map((s) => [s.code, s.group]));
    for (const { record } of await store.records.listRecords({ scope: provinceScope(provinceId), tables: ['services'] })) {
      if (typeof record.code === 'string' && (SERVICE_GROUPS as readonly unknown[]).includes(record.group)) groups.set(record.code, record.group as ServiceGroup);
    }
    return groups;
  }

  async function communeFigures(commune: { id: string; name: string }, range: LocalDateRange, context: { today: string; groups: Map<string, ServiceGroup>; templates: TemplateFact[] }): Promise<CommuneRow> {
    const [activityRows, checklistRows] = await Promise.all([
      store.records.listRecords({ scope: commune.id, tables: ['assistanceLogs', 'groupSessions'], occurredAt: instantBounds(range) }),
      store.records.listRecords({ scope: commune.id, tables: ['checklists', 'checklistItems'] }),
    ]);
    const activity = computeActivity({
      range,
      today: context.today,
      logs: records(activityRows, 'assistanceLogs').map(logFactOf).filter(notNull),
      groupSessions: records(activityRows, 'groupSessions').map(groupSessionFactOf).filter(notNull),
      serviceGroups: context.groups,
    });
    const readiness = computeReadiness({
      checklists: records(checklistRows, 'checklists').map(checklistFactOf).filter(notNull),
      states: records(checklistRows, 'checklistItems').map(itemStateFactOf).filter(notNull),
      templates: context.templates,
      today: context.today,
    });
    return communeRow(commune, activity, readiness);
  }

  app.get('/api/reports/province', async (request, reply) => {
    const user = await signedIn(request);
    if (!can(user.role, 'province.view') || !user.provinceId) {
      request.log.warn({ event: 'reports_forbidden', userId: user.id, role: user.role }, 'security: province report refused');
      throw new ApiError(403, 'forbidden', 'Only province accounts see the province report.');
    }
    const query = provinceQuerySchema.safeParse(request.query);
    if (!query.success) throw new ApiError(400, 'bad_request', 'Send ?from=yyyy-mm-dd&to=yyyy-mm-dd.');
    const check = checkRange(query.data.from, query.data.to);
    if (!check.ok) throw new ApiError(400, 'bad_request', `The period is not valid (${check.problem}).`);
    const provinceId = user.provinceId;
    const today = todayLocal(now());
    const [communes, groups, templateRows] = await Promise.all([
      store.accounts.listCommunes(),
      serviceGroups(provinceId),
      store.records.listRecords({ scope: provinceScope(provinceId), tables: ['checklistTemplates'] }),
    ]);
    const templates = templateRows.map((row) => templateFactOf(row.record)).filter(notNull);
    const rows: CommuneRow[] = [];
    // One commune at a time: a province has about a hundred, and this keeps one commune's rows in memory.
    for (const commune of communes.filter((c) => c.provinceId === provinceId)) {
      rows.push(await communeFigures(commune, check.range, { today, groups, templates }));
    }
    const body: ProvinceReport = { provinceId, range: check.range, generatedAt: new Date(now()).toISOString(), communes: rows, totals: provinceTotals(rows) };
    return reply.header('cache-control', 'no-store').send(body);
  });

  app.get('/api/reports/commune', async (request, reply) => {
    const user = await signedIn(request);
    if (!can(user.role, 'reports.view') || !user.communeId) throw new ApiError(403, 'forbidden', 'Only commune accounts have a commune.');
    const commune = await store.accounts.getCommune(user.communeId);
    if (!commune) throw new ApiError(404, 'not_found', 'Not found.');
    const body: CommuneInfo = { id: commune.id, name: commune.name, provinceId: commune.provinceId };
    return reply.header('cache-control', 'no-store').send(body);
  });
}
