// POST /api/sync/push and GET /api/sync/pull (SYNC.md §4; the protocol with examples is in
// src/shared/sync/PROTOCOL.md). Both need a Bearer access token and are rate-limited per user.
import { Transform, pipeline, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TABLE_SCHEMAS } from '../../shared/schemas/tables';
import { uuidSchema } from '../../shared/sync/ids';
import {
  CURRENT_SCHEMA_VERSION,
  LIMITS,
  MIN_SCHEMA_VERSION,
  mutationSchema,
  pullQuerySchema,
  toWireRecord,
  type Change,
  type PullResponse,
  type PushResponse,
} from '../../shared/sync/protocol';
import { readScopes, redactForReader, upcastMutation, writeScope, type SyncUser } from '../../shared/sync/registry';
import { toSyncUser, type AuthService } from '../auth/auth-service';
import { RateLimiter } from '../auth/rate-limit';
import { ApiError } from '../errors';
import type { SyncStore } from '../storage/types';
import { decodeCursor, encodeCursor, scopeTag } from '../sync/cursor';
import { planPush, type IncomingMutation } from '../sync/push-plan';
import { bearerToken } from './auth';

/** Bytes on the wire (compressed or not) a push may take (sync-research §5 item 25). */
export const PUSH_WIRE_LIMIT = 1024 * 1024;
/** Bytes a push may take once inflated; counted while streaming, so a gzip bomb stops here. */
export const PUSH_INFLATED_LIMIT = 8 * 1024 * 1024;
/** What a client that is newer than this server should wait before trying again. */
const NEWER_CLIENT_RETRY_SECONDS = 300;

export interface SyncRouteOptions {
  store: SyncStore;
  auth: AuthService;
  /** Requests per user per minute (push and pull together); 0 = unlimited. */
  rateLimitPerMinute: number;
  now?: () => number;
}

/** The envelope is checked strictly; each mutation is then judged on its own (I12). */
const pushEnvelopeSchema = z.strictObject({
  clientId: z.string().min(1).max(64),
  schemaVersion: z.number().int().min(0),
  mutations: z.array(z.unknown()).max(LIMITS.pushMutations),
});

export function registerSyncRoutes(app: FastifyInstance, options: SyncRouteOptions): void {
  const { store, auth } = options;
  const now = options.now ?? Date.now;
  const limiter = new RateLimiter(options.rateLimitPerMinute, 60_000, now);

  async function authorize(request: FastifyRequest, reply: FastifyReply): Promise<SyncUser> {
    const token = bearerToken(request);
    const user = token ? await auth.authenticate(token) : undefined;
    if (!user) throw new ApiError(401, 'unauthorized', 'Sign in first.');
    const decision = limiter.take(user.id);
    if (!decision.ok) {
      reply.header('retry-after', String(decision.retryAfterSeconds));
      request.log.warn({ event: 'sync_rate_limited', userId: user.id }, 'security: sync rate limited');
      throw new ApiError(429, 'too_many_requests', 'Too many sync requests; try again later.');
    }
    return toSyncUser(user);
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
    const user = await authorize(request, reply);
    const envelope = pushEnvelopeSchema.safeParse(request.body);
    if (!envelope.success) throw new ApiError(400, 'bad_request', describeIssue(envelope.error.issues[0]));
    const { clientId, schemaVersion } = envelope.data;
    if (schemaVersion < MIN_SCHEMA_VERSION) {
      throw new ApiError(426, 'client_too_old', `This app is too old for the server (data format ${schemaVersion} < ${MIN_SCHEMA_VERSION}); update it. Unsent changes are kept.`);
    }
    if (schemaVersion > CURRENT_SCHEMA_VERSION) {
      // A newer app than this server (a deployment in progress): wait, do not drop anything.
      reply.header('retry-after', String(NEWER_CLIENT_RETRY_SECONDS));
      throw new ApiError(503, 'unavailable', 'The server is older than this app; try again later.');
    }
    const mutations = envelope.data.mutations.map((raw, index) => readMutation(raw, index, schemaVersion));
    const scope = writeScope(user, user.communeId ? 'commune' : 'province');
    const time = now();
    if (!scope || mutations.length === 0) {
      // No scope (cannot happen for a valid account) or nothing to do: answer without a transaction.
      const outcomes = mutations.map((m) => ({ id: m.id, code: 'forbidden', message: 'sync.notAllowed' }));
      return reply.send({ acked: [], rejected: outcomes, serverTime: new Date(time).toISOString() } satisfies PushResponse);
    }
    const committed = await store.push({
      scope,
      userId: user.id,
      clientId,
      mutationIds: mutations.map((m) => m.id),
      recordKeys: mutations.flatMap((m) => (m.kind === 'valid' ? [{ table: m.table, id: m.recordId }] : [])),
      now: time,
      plan: (state) => planPush({ user, scope, mutations, now: time }, state),
    });
    // Only now, after COMMIT, is anything acknowledged.
    const response: PushResponse = { acked: [], rejected: [], serverTime: new Date(time).toISOString() };
    for (const { mutationId, outcome, table } of committed.plan.outcomes) {
      if (outcome.status === 'acked') {
        response.acked.push(mutationId);
        continue;
      }
      response.rejected.push({ id: mutationId, code: outcome.code, message: outcome.message });
      if (outcome.code === 'forbidden' || outcome.code === 'wrong_commune' || outcome.code === 'immutable_field') {
        request.log.warn({ event: 'sync_authz_rejected', userId: user.id, table, code: outcome.code }, 'security: mutation refused');
      }
    }
    return reply.send(response);
  });

  app.get('/api/sync/pull', async (request, reply) => {
    const user = await authorize(request, reply);
    const query = pullQuerySchema.safeParse(request.query);
    if (!query.success) throw new ApiError(400, 'bad_request', describeIssue(query.error.issues[0]));
    const { commune, province } = readScopes(user);
    const tag = scopeTag(commune, province);
    let after = { c: 0, p: 0 };
    let cursorEpoch: string | undefined;
    if (query.data.cursor !== undefined) {
      const decoded = decodeCursor(query.data.cursor);
      if (decoded.kind === 'malformed') throw new ApiError(400, 'bad_request', 'Unknown cursor: pull without one to start over.');
      if (decoded.kind === 'ok' && decoded.cursor.s === tag) {
        after = { c: decoded.cursor.c, p: decoded.cursor.p };
        cursorEpoch = decoded.cursor.epoch;
      }
    }
    // Reference data first: logs and checklists refer to services and templates.
    const order = [
      ...(province ? [{ scope: province, key: 'p' as const }] : []),
      ...(commune ? [{ scope: commune, key: 'c' as const }] : []),
    ];
    const read = (from: { c: number; p: number }) =>
      store.pull({ scopes: order.map(({ scope, key }) => ({ scope, after: from[key] })), limit: query.data.limit });
    let page = await read(after);
    // A cursor from another epoch (restored or re-seeded database), or one beyond what the scope
    // holds (a restore that kept the epoch), would skip records: start that client over (I6, §5).
    const stale = cursorEpoch !== undefined && (cursorEpoch !== page.epoch || page.scopes.some((s, i) => after[order[i]!.key] > s.headSeq));
    if (stale) {
      after = { c: 0, p: 0 };
      page = await read(after);
    }
    const changes: Change[] = [];
    const next = { ...after };
    page.scopes.forEach((scopePage, index) => {
      for (const row of scopePage.rows) {
        const record = toWireRecord(redactForReader(user, row.table, row.record));
        changes.push({ table: row.table, id: row.record.id, record });
        next[order[index]!.key] = row.rowSeq;
      }
    });
    const response: PullResponse = {
      changes,
      cursor: encodeCursor({ epoch: page.epoch, c: next.c, p: next.p, s: tag }),
      hasMore: page.scopes.some((s) => s.hasMore),
      serverTime: new Date(now()).toISOString(),
    };
    return reply.send(response);
  });
}

/** One mutation of the envelope: well-formed, or malformed but named by a valid id (else the push is refused). */
function readMutation(raw: unknown, index: number, schemaVersion: number): IncomingMutation {
  const id = (raw as { id?: unknown } | null)?.id;
  if (!uuidSchema.safeParse(id).success) throw new ApiError(400, 'bad_request', `mutations[${index}].id must be a lowercase UUID.`);
  const parsed = mutationSchema.safeParse(raw);
  if (!parsed.success) return { id: id as string, kind: 'malformed', message: validationKeyOf(parsed.error.issues[0]) };
  const { table, recordId, hlc } = parsed.data;
  const upcast = upcastMutation(schemaVersion, CURRENT_SCHEMA_VERSION, { table, recordId, fields: parsed.data.fields });
  if (!(upcast.table in TABLE_SCHEMAS)) return { id: id as string, kind: 'malformed', message: 'validation.invalidOption' };
  return { id: id as string, kind: 'valid', table, recordId: upcast.recordId, hlc, fields: { ...upcast.fields } };
}

type Issue = z.core.$ZodIssue | undefined;

/** The shared validation key closest to a protocol-level issue. */
function validationKeyOf(issue: Issue): string {
  if (!issue) return 'validation.invalidType';
  if (issue.code === 'unrecognized_keys') return 'validation.unknownField';
  if (issue.code === 'invalid_value') return 'validation.invalidOption';
  if (issue.path[0] === 'recordId') return 'validation.uuid';
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'validation.required';
  return 'validation.invalidType';
}

/** Names the field and the rule, never the value (PRIVACY-SECURITY B.2 item 14). */
function describeIssue(issue: Issue): string {
  if (!issue) return 'The request is malformed.';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `${where}: ${issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message}`;
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
