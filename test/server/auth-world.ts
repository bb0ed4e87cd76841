// One sign-in world per suite, for the auth suites (sign-in, tokens, sessions, limits): a real
// database (a SQLite file or a PostgreSQL database), migrated and populated with sync-fixtures.ts'
// communes and accounts, and the app over it with a fixed AUTH_SECRET and its log kept. A suite
// registers it once at its top and reads `world.app`, `world.store` inside its tests; the fields
// are set by the suite's beforeAll, before any test runs.
import { createHmac } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe } from 'vitest';
import type { BuildAppOptions } from '../../src/server/app';
import type { SyncStore } from '../../src/server/storage/types';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture, type StoreFixtureFactory } from './store-fixtures';
import { freshAddress, makeApp, populate, pull, type Session } from './sync-fixtures';

export const SECRET = 'test-secret-of-at-least-thirty-two-characters';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token with any header and claims, signed with `secret` by HMAC-SHA256. */
export function forge(header: Record<string, unknown>, claims: Record<string, unknown>, secret = SECRET): string {
  const body = `${b64(header)}.${b64(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** A token's parts, unsigned: header and claims as base64url JSON (to build tampered tokens). */
export const encodePart = b64;

export interface AuthWorld {
  store: SyncStore;
  app: FastifyInstance;
  /** A POST from a fresh client address unless one is given (one test's failures never count against another's). */
  post: (url: string, payload: unknown, headers?: Record<string, string>, remoteAddress?: string) => Promise<LightMyRequestResponse>;
  /** The status of a pull with this access token. */
  pullStatus: (session: Pick<Session, 'accessToken'>) => Promise<number>;
  /** Starts reading the server's log here: the function returned gives what was logged since, and nothing before. */
  logFrom: () => () => string;
}

export function authWorld(factory: StoreFixtureFactory, auth?: BuildAppOptions['auth']): AuthWorld {
  let fixture: StoreFixture | undefined;
  const lines: string[] = [];
  // Filled field by field in beforeAll: no test reads it before then.
  const world = {
    post: (url, payload, headers = {}, remoteAddress = freshAddress()) =>
      world.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers, remoteAddress }),
    pullStatus: async (session) => (await pull(world.app, session as Session)).statusCode,
    logFrom: () => {
      const start = lines.length;
      return () => lines.slice(start).join('');
    },
  } as AuthWorld;

  beforeAll(async () => {
    fixture = await factory();
    world.store = fixture.open();
    await world.store.migrate();
    await populate(world.store);
    world.app = await makeApp(world.store, { AUTH_SECRET: SECRET }, lines, undefined, auth);
  });

  afterAll(async () => {
    await world.app?.close();
    await fixture?.dispose();
  });

  return world;
}

/** Registers `suite` twice: "<title> on SQLite", and "<title> on PostgreSQL" when there is one. */
export function onBothDatabases(title: string, suite: (factory: StoreFixtureFactory) => void): void {
  describe(`${title} on SQLite`, () => suite(sqliteFixture));
  describePostgres(`${title} on PostgreSQL`, () => suite(postgresFixture));
}
