// A small world for the auth and sync HTTP suites: two communes of one province, one of another
// province, accounts of every role, and helpers to sign in, push and pull through app.inject().
// Accounts are made with the real code (src/server/accounts.ts) at a low scrypt cost: the KDF
// cost is a deployment parameter, not what these tests are about.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildAppOptions } from '../../src/server/app';
import { createCommune, createUser } from '../../src/server/accounts';
import type { ScryptCost } from '../../src/server/auth/password';
import { loadConfig } from '../../src/server/config';
import type { SyncStore } from '../../src/server/storage/types';
import { seedAllProvinces } from '../../src/server/sync/seed';
import type { SyncRequests } from '../../src/server/sync/sync-requests';
import type { Role } from '../../src/shared/permissions';
import { formatHlc, type Hlc } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import { CURRENT_SCHEMA_VERSION, type PullResponse, type PushResponse } from '../../src/shared/sync/protocol';

export const TEST_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery';

export const COMMUNE_A = { id: 'xa-a-test', name: 'Xã A (thử)', provinceId: 'quang-ngai' };
export const COMMUNE_B = { id: 'xa-b-test', name: 'Xã B (thử)', provinceId: 'quang-ngai' };
export const COMMUNE_K = { id: 'xa-kon-tum-test', name: 'Xã Kon Tum (thử)', provinceId: 'kon-tum' };

export const ACCOUNTS = {
  memberA: { role: 'member', communeId: COMMUNE_A.id },
  member2A: { role: 'member', communeId: COMMUNE_A.id },
  leaderA: { role: 'leader', communeId: COMMUNE_A.id },
  reviewerA: { role: 'reviewer', communeId: COMMUNE_A.id },
  memberB: { role: 'member', communeId: COMMUNE_B.id },
  leaderB: { role: 'leader', communeId: COMMUNE_B.id },
  adminQN: { role: 'admin', provinceId: 'quang-ngai' },
  adminKT: { role: 'admin', provinceId: 'kon-tum' },
} as const satisfies Record<string, { role: Role; communeId?: string; provinceId?: string }>;
export type AccountName = keyof typeof ACCOUNTS;

export interface Session {
  name: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
  communeId: string | null;
}

/** Creates the communes and accounts (and seeds their provinces' reference data). */
export async function populate(store: SyncStore): Promise<Record<AccountName, string>> {
  for (const commune of [COMMUNE_A, COMMUNE_B, COMMUNE_K]) await createCommune(store, commune);
  const ids = {} as Record<AccountName, string>;
  for (const [name, account] of Object.entries(ACCOUNTS) as [AccountName, (typeof ACCOUNTS)[AccountName]][]) {
    const user = await createUser(
      store,
      {
        username: name,
        password: PASSWORD,
        role: account.role,
        ...('communeId' in account ? { communeId: account.communeId } : { provinceId: account.provinceId }),
      },
      { cost: TEST_COST },
    );
    ids[name] = user.id;
  }
  await seedAllProvinces(store);
  return ids;
}

export async function makeApp(
  store: SyncStore,
  env: Record<string, string> = {},
  logLines?: string[],
  syncRequests?: SyncRequests,
  auth?: BuildAppOptions['auth'],
): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', DIST_DIR: '/nonexistent-dist', SYNC_RATE_LIMIT: '0', WRITE_QUOTA_USER: '0', WRITE_QUOTA_COMMUNE: '0', WRITE_QUOTA_USER_BYTES: '0', WRITE_QUOTA_COMMUNE_BYTES: '0', ...env });
  const app = buildApp({
    config,
    store,
    ...(syncRequests ? { syncRequests } : {}),
    ...(auth ? { auth } : {}),
    logger: logLines ? { level: 'info', stream: { write: (line) => void logLines.push(line) } } : { level: 'silent' },
  });
  await app.ready();
  return app;
}

let addressCounter = 0;
/** A fresh client address, so one test's failed logins never count against another's. */
export function freshAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

export async function login(app: FastifyInstance, name: AccountName | (string & {}), password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password }, remoteAddress: freshAddress() });
  if (res.statusCode !== 200) throw new Error(`login ${name} → ${res.statusCode} ${res.body}`);
  const body = res.json<{ accessToken: string; refreshToken: string; user: { id: string; communeId: string | null } }>();
  return { name, userId: body.user.id, accessToken: body.accessToken, refreshToken: body.refreshToken, communeId: body.user.communeId };
}

export function bearer(session: Session): Record<string, string> {
  return { authorization: `Bearer ${session.accessToken}` };
}

let counter = 0;
/** A valid HLC at `millis` (default now), distinct per call. */
export function hlcAt(millis: number = Date.now(), node = '0123456789abcdef'): Hlc {
  counter = (counter + 1) % 0xffff;
  return formatHlc({ millis, counter, node });
}

export interface TestMutation {
  id: string;
  /** A wire table name, or anything else to test refusals. */
  table: string;
  recordId: string;
  hlc: string;
  fields: Record<string, unknown>;
}

export function mutation(table: string, recordId: string, fields: Record<string, unknown>, hlc: string = hlcAt()): TestMutation {
  return { id: uuidv7(), table, recordId, hlc, fields };
}

/** The metadata the client's data layer sends on creation (communeId/createdBy are checked, times replaced). */
export function createMeta(session: Session): Record<string, unknown> {
  const now = new Date().toISOString();
  return { communeId: session.communeId, createdBy: session.userId, createdAt: now, updatedAt: now, deleted: false };
}

export function contactFields(session: Session, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...createMeta(session), name: 'Anh Tuấn — VNPT Quảng Ngãi', phones: ['0912345678'], systems: ['qlvb'], ...extra };
}

export function logFields(session: Session, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...createMeta(session),
    serviceId: 'vneid-install-register',
    outcome: 'done',
    occurredAt: '2026-03-02T08:30:00+07:00',
    durationMin: 15,
    ...extra,
  };
}

export function push(
  app: FastifyInstance,
  session: Session,
  mutations: readonly TestMutation[],
  options: { schemaVersion?: number; clientId?: string } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: bearer(session),
    payload: { clientId: options.clientId ?? 'test-phone', schemaVersion: options.schemaVersion ?? CURRENT_SCHEMA_VERSION, mutations },
  });
}

export async function pushOk(app: FastifyInstance, session: Session, mutations: readonly TestMutation[]): Promise<PushResponse> {
  const res = await push(app, session, mutations);
  if (res.statusCode !== 200) throw new Error(`push → ${res.statusCode} ${res.body}`);
  return res.json<PushResponse>();
}

export function pull(app: FastifyInstance, session: Session, query: { cursor?: string; limit?: number } = {}, extra: Partial<InjectOptions> = {}) {
  const params = new URLSearchParams();
  if (query.cursor !== undefined) params.set('cursor', query.cursor);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  const qs = params.toString();
  return app.inject({ method: 'GET', url: `/api/sync/pull${qs ? `?${qs}` : ''}`, headers: bearer(session), ...extra });
}

/** Pulls every page from `cursor` (default: the beginning); returns the changes and the last cursor. */
export async function pullAll(app: FastifyInstance, session: Session, cursor?: string, limit = 1000): Promise<{ changes: PullResponse['changes']; cursor: string; pages: number }> {
  const changes: PullResponse['changes'] = [];
  let next = cursor;
  let pages = 0;
  for (;;) {
    const res = await pull(app, session, { ...(next !== undefined ? { cursor: next } : {}), limit });
    if (res.statusCode !== 200) throw new Error(`pull → ${res.statusCode} ${res.body}`);
    const body = res.json<PullResponse>();
    changes.push(...body.changes);
    next = body.cursor;
    pages += 1;
    if (!body.hasMore) return { changes, cursor: body.cursor, pages };
    if (pages > 10_000) throw new Error('pull never ends');
  }
}
