// POST /api/sync/push and GET /api/sync/pull (docs/sync.md §4; the protocol with examples is in
// src/shared/sync/PROTOCOL.md). Both need a Bearer access token and are rate-limited per user.
import { Transform, pipeline, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readDeviceReport } from '../../shared/admin/devices';
import type { SyncUser } from '../../shared/sync/scopes';
import { toSyncUser, type Access, type AuthService } from '../auth/auth-service';
import { RateLimiter } from '../auth/rate-limit';
import { ApiError } from '../errors';
import type { AuditLog } from '../privacy/audit-log';
import { readPushRequest, type SyncRequests } from '../sync/sync-requests';
import type { WriteQuota } from '../sync/write-quota';
import { resolveRelays, type RelayChecks } from '../sync/relay';
import { checkFollowUpColleagues, type FollowUpChecks } from '../sync/follow-up-check';
import type { DeviceNote } from '../storage/session-types';
import { signedInSession } from './auth';

/** Bytes on the wire (compressed or not) a push may take (docs/sync.md §7.2 item 25). */
export const PUSH_WIRE_LIMIT = 1024 * 1024;
/** Bytes a push may take once inflated; counted while streaming, so a gzip bomb stops here. */
export const PUSH_INFLATED_LIMIT = 8 * 1024 * 1024;

export interface SyncRouteOptions {
  /** Where pushes and pulls are carried out (sync-requests.ts): in this process, or pushes on the SQLite push thread. */
  requests: SyncRequests;
  auth: AuthService;
  /** Where changes to citizens' details and refused writes are recorded (docs/privacy.md "Audit log"). */
  audit: AuditLog;
  /** Requests per user per minute (push and pull together); 0 = unlimited. */
  rateLimitPerMinute: number;
  /** Changes per member and per commune in a rolling day (docs/sync.md "Write quotas"); none when absent. */
  writeQuota?: WriteQuota;
  /** Checks relayed changes: a colleague's phone pushing the author's (docs/field-aids.md §2). */
  relay: RelayChecks;
  /** Checks whom a log's follow-up is handed to: an active colleague (sync/follow-up-check.ts). */
  followUps: FollowUpChecks;
  /**
   * Notes a sync request of a device: when it was seen, what it reported (its app version, its
   * unsent changes) and, for a pull, its last sync and its account's (docs/accounts.md "Devices").
   */
  noteSync?: (caller: { userId: string; sessionId: string }, note: DeviceNote) => Promise<void>;
  now?: () => number;
}

export function registerSyncRoutes(app: FastifyInstance, options: SyncRouteOptions): void {
  const { requests, auth } = options;
  const now = options.now ?? Date.now;
  const limiter = new RateLimiter(options.rateLimitPerMinute, 60_000, now);

  async function authorize(request: FastifyRequest, access: Access = 'any'): Promise<{ user: SyncUser; sessionId: string }> {
    const { user, sessionId } = await signedInSession(auth, request, access);
    const decision = limiter.take(user.id);
    if (!decision.ok) {
      request.log.warn({ event: 'sync_rate_limited', userId: user.id }, 'security: sync rate limited');
      throw new ApiError(429, 'too_many_requests', 'Too many sync requests; try again later.', decision.retryAfterSeconds);
    }
    return { user: toSyncUser(user), sessionId };
  }

  /** The phone's report (headers of PROTOCOL.md §4 and §5); one that does not fit is ignored, never refused. */
  function noteDevice(request: FastifyRequest, caller: { user: SyncUser; sessionId: string }, at: number, synced: boolean): Promise<void> | undefined {
    return options.noteSync?.({ userId: caller.user.id, sessionId: caller.sessionId }, { at, synced, ...readDeviceReport(request.headers) });
  }

  // Runs before @fastify/compress inflates the body (plugin hooks precede route hooks): the raw
  // bytes are capped here, the inflated ones by the route's bodyLimit.
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (request.routeOptions.url !== '/api/sync/push') return payload;
    const declared = request.headers['content-length'] === undefined ? Number.NaN : Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > PUSH_WIRE_LIMIT) throw tooLarge();
    // A declared length is enforced by Node's HTTP parser (no more bytes are read as this body),
    // so only a chunked upload, whose length is unknown, needs counting as it streams.
    if (Number.isFinite(declared)) return payload;
    const limited = new ByteLimit(PUSH_WIRE_LIMIT);
    // pipeline (not pipe): an aborted upload destroys the limiter too, so nothing waits forever.
    pipeline(payload, limited, () => undefined);
    return limited;
  });

  app.post('/api/sync/push', { bodyLimit: PUSH_INFLATED_LIMIT }, async (request, reply) => {
    const caller = await authorize(request, 'push');
    const { user } = caller;
    const relayed = await resolveRelays(readPushRequest(request.body), user, options.relay);
    const pushed = await checkFollowUpColleagues(relayed, user, options.followUps);
    const { response, refused, citizenChanges, requestChanges, overQuota } = await requests.push(user, pushed, now(), options.writeQuota);
    if (overQuota) {
      // Nothing was written; the phone keeps its outbox and waits (PROTOCOL.md §4, 429).
      // Retry-After is when the rolling day has let out enough of the oldest changes (sync-requests.ts).
      const { of, measure, retryAfterSeconds } = overQuota;
      request.log.warn({ event: 'sync_write_quota', userId: user.id, quota: of, measure }, 'security: write quota reached');
      const who = of === 'user' ? 'account' : 'commune';
      if (measure === 'bytes') throw new ApiError(429, 'bytes_quota_exceeded', `This ${who} has sent its data for today; try again later. Unsent changes are kept.`, retryAfterSeconds);
      throw new ApiError(429, 'write_quota_exceeded', `This ${who} has pushed its changes for today; try again later. Unsent changes are kept.`, retryAfterSeconds);
    }
    for (const { table, code } of refused) {
      request.log.warn({ event: 'sync_authz_rejected', userId: user.id, table, code }, 'security: mutation refused');
    }
    // After COMMIT, like the answer: a crash in between loses these rows, never a change (docs/privacy.md).
    await options.audit.appendAll([
      ...citizenChanges.map(({ recordId, change }) => ({ kind: 'citizen.changed' as const, actor: user, subjectId: recordId, details: { change } })),
      ...requestChanges.map(({ recordId, kind, step }) => ({ kind: 'rightsRequest.changed' as const, actor: user, subjectId: recordId, details: { kind, step } })),
      ...refused.map(({ table, code }) => ({ kind: 'access.refused' as const, actor: user, details: { action: `sync.${table ?? 'unknown'}.${code}`, role: user.role } })),
    ]);
    await noteDevice(request, caller, now(), false);
    return reply.send(response);
  });

  app.get('/api/sync/pull', async (request, reply) => {
    const caller = await authorize(request);
    const at = now();
    // Already JSON: the page is serialized where its rows were read.
    const page = await requests.pull(caller.user, request.query, at);
    await noteDevice(request, caller, at, true);
    return reply.type('application/json; charset=utf-8').send(page);
  });
}

function tooLarge(): Error {
  return Object.assign(new Error('request body too large'), { statusCode: 413 });
}

/** Passes bytes through and fails with 413 once more than `limit` have gone by. */
class ByteLimit extends Transform {
  private seen = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) {
      callback(tooLarge());
      return;
    }
    callback(null, chunk);
  }
}
