// POST /api/privacy/erasures: a commune leader erases one citizen's details from the commune's
// logs on the citizen's request (docs/privacy.md "Erasure"). The body names the citizen; it is
// never logged, and the answer holds only how many logs changed.
// POST /api/privacy/citizen-history: a commune leader lists what the audit log holds about one
// citizen (docs/privacy.md "One citizen's history"); the body names the citizen, is never logged,
// and the answer names no one.
// GET /api/privacy/retention: the province's retention limit (leaders, the admin); POST: the
// province admin sets it, in the audit log (docs/privacy.md "Retention").
// GET /api/privacy/rights-requests/counts: the province admin's counts of the communes' registers of
// requests, numbers only (docs/privacy.md "Requests register").
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, type Action } from '../../shared/permissions';
import type { CitizenHistory } from '../../shared/privacy/audit';
import { erasureRequestSchema, isCitizenQuery, type ErasureResponse } from '../../shared/privacy/erasure';
import { DEFAULT_RETENTION_MONTHS, retentionChangeSchema, type RetentionSetting } from '../../shared/privacy/retention';
import type { AuthService } from '../auth/auth-service';
import { ApiError } from '../errors';
import type { AuditLog } from '../privacy/audit-log';
import { citizenHistory } from '../privacy/citizen-history';
import { eraseCitizen } from '../privacy/erase-citizen';
import { provinceRequestCounts } from '../privacy/request-counts';
import { retentionMetaKey, retentionMonths } from '../privacy/retention-purge';
import type { SyncStore } from '../storage/types';
import { signedInUser } from './auth';

export interface PrivacyRouteOptions {
  store: SyncStore;
  auth: AuthService;
  audit: AuditLog;
  now?: () => number;
}

export function registerPrivacyRoutes(app: FastifyInstance, options: PrivacyRouteOptions): void {
  const { store, auth } = options;
  const now = options.now ?? Date.now;

  app.post('/api/privacy/erasures', async (request, reply) => {
    const user = await signedInUser(auth, request);
    if (!can(user.role, 'citizen.erase') || !user.communeId) {
      await options.audit.append({ kind: 'access.refused', actor: user, details: { action: 'citizen.erase', role: user.role } });
      request.log.warn({ event: 'erasure_forbidden', userId: user.id, role: user.role }, 'security: erasure refused');
      throw new ApiError(403, 'forbidden', "Only the commune's leader erases a citizen's details.");
    }
    const body = erasureRequestSchema.safeParse(request.body);
    if (!body.success || !isCitizenQuery(body.data)) throw new ApiError(400, 'bad_request', 'Send the citizen\'s name, phone number or both.');
    const erasedLogs = await eraseCitizen(store.records, { scope: user.communeId, userId: user.id, query: body.data, now: now() });
    await options.audit.append({ kind: 'citizen.erased', actor: user, details: { logs: erasedLogs } });
    request.log.info({ event: 'citizen_erased', userId: user.id, communeId: user.communeId, erasedLogs }, 'privacy: citizen details erased');
    const answer: ErasureResponse = { erasedLogs };
    return reply.header('cache-control', 'no-store').send(answer);
  });

  app.post('/api/privacy/citizen-history', async (request, reply) => {
    const user = await signedInUser(auth, request);
    if (!can(user.role, 'audit.read') || !user.communeId) {
      await options.audit.append({ kind: 'access.refused', actor: user, details: { action: 'citizen.history', role: user.role } });
      request.log.warn({ event: 'citizen_history_forbidden', userId: user.id, role: user.role }, 'security: citizen history refused');
      throw new ApiError(403, 'forbidden', "Only the commune's leader lists a citizen's history.");
    }
    const body = erasureRequestSchema.safeParse(request.body);
    if (!body.success || !isCitizenQuery(body.data)) throw new ApiError(400, 'bad_request', "Send the citizen's name, phone number or both.");
    const answer: CitizenHistory = await citizenHistory(store.records, options.audit, { ...user, communeId: user.communeId }, body.data);
    request.log.info({ event: 'citizen_history_read', userId: user.id, communeId: user.communeId, logs: answer.logIds.length, requests: answer.requestIds.length }, 'privacy: citizen history read');
    return reply.header('cache-control', 'no-store').send(answer);
  });

  /** The signed-in user of the province, allowed `action`; a refusal is logged and audited. */
  async function provinceUser(request: FastifyRequest, action: Action, refusal = 'Only the province admin sets how long citizen details are kept.') {
    const user = await signedInUser(auth, request);
    if (!can(user.role, action) || !user.provinceId) {
      await options.audit.append({ kind: 'access.refused', actor: user, details: { action, role: user.role } });
      throw new ApiError(403, 'forbidden', refusal);
    }
    return { ...user, provinceId: user.provinceId };
  }

  app.get('/api/privacy/rights-requests/counts', async (request, reply) => {
    const user = await provinceUser(request, 'rightsRequest.counts', "Only the province admin reads the communes' counts of requests.");
    return reply.header('cache-control', 'no-store').send(await provinceRequestCounts(store, user.provinceId, now()));
  });

  app.get('/api/privacy/retention', async (request, reply) => {
    const user = await provinceUser(request, 'retention.view');
    const answer: RetentionSetting = { months: await retentionMonths(store, user.provinceId), defaultMonths: DEFAULT_RETENTION_MONTHS };
    return reply.header('cache-control', 'no-store').send(answer);
  });

  app.post('/api/privacy/retention', async (request, reply) => {
    const user = await provinceUser(request, 'retention.manage');
    const body = retentionChangeSchema.safeParse(request.body);
    if (!body.success) throw new ApiError(400, 'bad_request', `Send the number of months, 1 to ${DEFAULT_RETENTION_MONTHS}.`);
    const from = await retentionMonths(store, user.provinceId);
    await store.setMeta(retentionMetaKey(user.provinceId), String(body.data.months));
    if (from !== body.data.months) await options.audit.append({ kind: 'retention.changed', actor: user, details: { from, to: body.data.months } });
    const answer: RetentionSetting = { months: body.data.months, defaultMonths: DEFAULT_RETENTION_MONTHS };
    return reply.header('cache-control', 'no-store').send(answer);
  });
}
