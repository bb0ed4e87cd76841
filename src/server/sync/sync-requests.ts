// What a push and a pull do once the caller is authenticated: read the request, talk to the store,
// build the answer. No HTTP here: the route keeps auth, rate limits and replies, and reads the push
// (readPushRequest); its writing (pushChanges) runs in process on PostgreSQL and on the push
// thread on SQLite (push-thread.ts).
// The protocol with examples is src/shared/sync/PROTOCOL.md.
import { z } from 'zod';
import { requestStepsOf, type RequestStep } from '../../shared/privacy/rights-requests';
import type { RightsRequestKind } from '../../shared/schemas/rights-request';
import { TABLE_SCHEMAS, type SyncTable } from '../../shared/schemas/tables';
import { uuidSchema } from '../../shared/sync/ids';
import {
  CURRENT_SCHEMA_VERSION,
  LIMITS,
  MIN_SCHEMA_VERSION,
  mutationSchema,
  pullQuerySchema,
  type PushResponse,
} from '../../shared/sync/protocol';
import { upcastMutation } from '../../shared/sync/registry';
import { readScopes, writeScope, type SyncUser } from '../../shared/sync/scopes';
import { ApiError } from '../errors';
import { purgeBatch, type PurgeBatch } from '../privacy/retention-purge';
import { canonicalJson } from '../../shared/sync/canonical-json';
import type { PushPlan, PushState, RecordStore, StoredRecord } from '../storage/record-types';
import { pullResponseJson } from './pull-json';
import { decodeCursor, encodeCursor, scopeTag } from './cursor';
import { planPush, type IncomingMutation } from './push-plan';
import { excessOf, NO_WRITE_QUOTA, QUOTA_WINDOW_MS, retryAfterSeconds, sizeOf, type OverQuota, type QuotaExcess, type WriteQuota } from './write-quota';

/** What a client that is newer than this server should wait before trying again. */
const NEWER_CLIENT_RETRY_SECONDS = 300;

/** The envelope is checked strictly; each mutation is then judged on its own (I12). */
const pushEnvelopeSchema = z.strictObject({
  clientId: z.string().min(1).max(64),
  schemaVersion: z.number().int().min(0),
  mutations: z.array(z.unknown()).max(LIMITS.pushMutations),
});

/** Refusals the operator should see in the security log (who tried to write what they may not). */
export interface RefusedWrite {
  table: SyncTable | undefined;
  code: string;
}

/** A log whose citizen section this push added, changed or removed (for the audit log). */
export interface CitizenChange {
  recordId: string;
  change: 'added' | 'changed' | 'removed';
}

/** A step a push took on a request of the register (for the audit log: who and when is the push's). */
export interface RequestChange {
  recordId: string;
  kind: RightsRequestKind;
  step: RequestStep;
}

export interface PushResult {
  response: PushResponse;
  /**
   * The push would take its member or commune over a write quota: nothing was written, and the
   * route answers 429 (docs/sync.md "Write quotas"). Which quota, and when a retry may succeed.
   */
  overQuota?: OverQuota;
  refused: RefusedWrite[];
  citizenChanges: CitizenChange[];
  requestChanges: RequestChange[];
}

/** The request handling both transports share: in-process, or on the SQLite sync thread. */
export interface SyncRequests {
  /** The request was read on the caller's thread (readPushRequest); this writes it. */
  push: (user: SyncUser, request: PushRequest, now: number, quota?: WriteQuota) => Promise<PushResult>;
  /** The page as JSON text, ready to send (built where the rows are read). */
  pull: (user: SyncUser, query: unknown, now: number) => Promise<string>;
  /**
   * One batch of the retention purge (docs/privacy.md "Retention"), written where pushes are
   * written, so on SQLite it queues with them on the one writer instead of contending for the lock.
   */
  purge: (batch: PurgeBatch) => Promise<number>;
  close: () => Promise<void>;
}

/** The store's own process answers: PostgreSQL (its work is in the database) and tests. */
export function inProcessSyncRequests(store: RecordStore): SyncRequests {
  return {
    push: (user, request, now, quota) => pushChanges(store, user, request, now, quota),
    pull: (user, query, now) => pullChanges(store, user, query, now),
    purge: (batch) => purgeBatch(store, batch),
    close: () => Promise.resolve(),
  };
}

/** A push as read from its body: the envelope checked, each mutation well-formed or judged malformed. */
export interface PushRequest {
  clientId: string;
  mutations: IncomingMutation[];
}

/**
 * Reads a push body (protocol checks only, no database): throws ApiError for a request that cannot
 * be taken — a bad envelope or mutation id (400), an app too old (426) or newer than this server (503).
 */
export function readPushRequest(body: unknown): PushRequest {
  const envelope = pushEnvelopeSchema.safeParse(body);
  if (!envelope.success) throw new ApiError(400, 'bad_request', describeIssue(envelope.error.issues[0]));
  const { clientId, schemaVersion } = envelope.data;
  if (schemaVersion < MIN_SCHEMA_VERSION) {
    throw new ApiError(426, 'client_too_old', `This app is too old for the server (data format ${schemaVersion} < ${MIN_SCHEMA_VERSION}); update it. Unsent changes are kept.`);
  }
  if (schemaVersion > CURRENT_SCHEMA_VERSION) {
    // A newer app than this server (a deployment in progress): wait, do not drop anything.
    throw new ApiError(503, 'unavailable', 'The server is older than this app; try again later.', NEWER_CLIENT_RETRY_SECONDS);
  }
  return { clientId, mutations: envelope.data.mutations.map((raw, index) => readMutation(raw, index, schemaVersion)) };
}

/** Applies a push in one write transaction and reports each mutation's outcome, after COMMIT. */
export async function pushChanges(store: RecordStore, user: SyncUser, request: PushRequest, time: number, quota: WriteQuota = NO_WRITE_QUOTA): Promise<PushResult> {
  const { clientId, mutations } = request;
  const scope = writeScope(user, user.communeId ? 'commune' : 'province');
  const serverTime = new Date(time).toISOString();
  if (!scope || mutations.length === 0) {
    // No scope (cannot happen for a valid account) or nothing to do: answer without a transaction.
    const outcomes = mutations.map((m) => ({ id: m.id, code: 'forbidden', message: 'sync.notAllowed' }));
    return { response: { acked: [], rejected: outcomes, serverTime }, refused: [], citizenChanges: [], requestChanges: [] };
  }
  let citizenChanges: CitizenChange[] = [];
  let requestChanges: RequestChange[] = [];
  let overQuota: PushResult['overQuota'];
  const quotaOn = quota.perUserPerDay > 0 || quota.perCommunePerDay > 0 || quota.bytesPerUserPerDay > 0 || quota.bytesPerCommunePerDay > 0;
  const quotaKeys = { userId: user.id, communeId: user.communeId ?? null, since: time - QUOTA_WINDOW_MS };
  const sizes = new Map(mutations.map((m) => [m.id, sizeOf(m)]));
  let excess: QuotaExcess | undefined;
  const committed = await store.push({
    scope,
    userId: user.id,
    clientId,
    mutationIds: mutations.map((m) => m.id),
    recordKeys: mutations.flatMap((m) => (m.kind === 'valid' ? [{ table: m.table, id: m.recordId }] : [])),
    now: time,
    sizes,
    ...(quotaOn ? { quota: quotaKeys } : {}),
    plan: (state) => {
      // Decided after the scope's lock (records.ts): two racing pushes of one member or commune
      // are counted one after the other, so together they never pass the quota.
      excess = quotaOn ? excessOf(quota, state, mutations, sizes) : undefined;
      if (excess) return { remember: [], writes: [], outcomes: [] };
      const plan = planPush({ user, scope, mutations, now: time }, state);
      citizenChanges = citizenChangesOf(state, plan.writes);
      requestChanges = requestChangesOf(state, plan.writes);
      return plan;
    },
  });
  // Nothing was written: when the window frees enough is read after the transaction (the push's
  // lock is not held for it; a later push only makes the answer a little early).
  if (excess) overQuota = { of: excess.of, measure: excess.measure, retryAfterSeconds: await retryAfterSeconds(store, quotaKeys, excess, time) };
  // Only now, after COMMIT, is anything acknowledged.
  const result: PushResult = { response: { acked: [], rejected: [], serverTime }, refused: [], citizenChanges, requestChanges, ...(overQuota ? { overQuota } : {}) };
  for (const { mutationId, outcome, table } of committed.plan.outcomes) {
    if (outcome.status === 'acked') {
      result.response.acked.push(mutationId);
      continue;
    }
    result.response.rejected.push({ id: mutationId, code: outcome.code, message: outcome.message });
    if (outcome.code === 'forbidden' || outcome.code === 'wrong_commune' || outcome.code === 'immutable_field') {
      result.refused.push({ table, code: outcome.code });
    }
  }
  return result;
}

/** The logs whose citizen section the planned writes change, compared with the stored state. */
function citizenChangesOf(state: PushState, writes: PushPlan['writes']): CitizenChange[] {
  const before = new Map(state.records.filter((row) => row.table === 'assistanceLogs').map((row) => [row.record.id, row.record.citizen ?? null]));
  const changes: CitizenChange[] = [];
  for (const { table, record } of writes) {
    if (table !== 'assistanceLogs') continue;
    const old = before.get(record.id) ?? null;
    const now = record.citizen ?? null;
    if (canonicalJson(old) === canonicalJson(now)) continue;
    changes.push({ recordId: record.id, change: old === null ? 'added' : now === null ? 'removed' : 'changed' });
  }
  return changes;
}

/** The steps the planned writes take on the register's requests, compared with the stored state. */
function requestChangesOf(state: PushState, writes: PushPlan['writes']): RequestChange[] {
  const before = new Map(state.records.filter((row) => row.table === 'rightsRequests').map((row) => [row.record.id, row.record]));
  return writes.flatMap(({ table, record }) =>
    table === 'rightsRequests' ? requestStepsOf(before.get(record.id), record).map((step) => ({ recordId: record.id, kind: record.kind as RightsRequestKind, step })) : [],
  );
}

/** The page as JSON text (pull-json.ts), equal to JSON.stringify of its PullResponse. */
export async function pullChanges(store: RecordStore, user: SyncUser, rawQuery: unknown, time: number): Promise<string> {
  const query = pullQuerySchema.safeParse(rawQuery);
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
  const rows: StoredRecord[] = [];
  const next = { ...after };
  page.scopes.forEach((scopePage, index) => {
    rows.push(...scopePage.rows);
    const last = scopePage.rows.at(-1);
    if (last) next[order[index]!.key] = last.rowSeq;
  });
  return pullResponseJson(user, rows, {
    cursor: encodeCursor({ epoch: page.epoch, c: next.c, p: next.p, s: tag }),
    hasMore: page.scopes.some((s) => s.hasMore),
    serverTime: new Date(time).toISOString(),
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
  const { relay } = parsed.data;
  return { id: id as string, kind: 'valid', table, recordId: upcast.recordId, hlc, fields: { ...upcast.fields }, ...(relay ? { relay } : {}) };
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

/** Names the field and the rule, never the value (docs/privacy.md checklist item 14). */
function describeIssue(issue: Issue): string {
  if (!issue) return 'The request is malformed.';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `${where}: ${issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message}`;
}
