// POST /api/audit/events (a phone sends the views and exports it recorded) and GET
// /api/audit/events (a leader reads their commune's log, a province admin their province's),
// beside sync like the reports and privacy endpoints (docs/privacy.md "Audit log"; PROTOCOL.md
// "Audit"). Bodies are never logged.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditPostSchema, auditQuerySchema } from '../../shared/privacy/audit';
import type { AuthService } from '../auth/auth-service';
import { ApiError } from '../errors';
import type { AuditLog } from '../privacy/audit-log';
import { signedInUser } from './auth';

export interface AuditRouteOptions {
  audit: AuditLog;
  auth: AuthService;
}

export function registerAuditRoutes(app: FastifyInstance, { audit, auth }: AuditRouteOptions): void {
  async function signedIn(request: FastifyRequest) {
    return signedInUser(auth, request);
  }

  app.post('/api/audit/events', async (request, reply) => {
    // A withdrawn phone's final push includes its record of who viewed citizens' details.
    const user = await signedInUser(auth, request, 'push');
    const body = auditPostSchema.safeParse(request.body);
    if (!body.success) throw new ApiError(400, 'bad_request', 'Send { events: [...] } with 1 to 100 events.');
    const answer = await audit.appendFromPhone(user, body.data.events);
    if (answer.refused.length > 0) request.log.warn({ event: 'audit_events_refused', userId: user.id, refused: answer.refused.length }, 'security: audit events refused');
    return reply.header('cache-control', 'no-store').send(answer);
  });

  app.get('/api/audit/events', async (request, reply) => {
    const user = await signedIn(request);
    const query = auditQuerySchema.safeParse(request.query);
    if (!query.success) throw new ApiError(400, 'bad_request', 'Send ?before=<seq> or nothing.');
    const page = await audit.read(user, query.data.before);
    if (!page) {
      await audit.append({ kind: 'access.refused', actor: user, details: { action: 'audit.read', role: user.role } });
      request.log.warn({ event: 'audit_read_forbidden', userId: user.id, role: user.role }, 'security: audit log refused');
      throw new ApiError(403, 'forbidden', "Only a commune's leader or the province admin reads the audit log.");
    }
    return reply.header('cache-control', 'no-store').send(page);
  });
}
