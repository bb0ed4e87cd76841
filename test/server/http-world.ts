// One server world per suite, for the HTTP suites (sync, audit, privacy): a real database (a SQLite
// file or a PostgreSQL database), migrated and populated with sync-fixtures.ts' communes and accounts,
// the app over it, and a signed-in session for each account the suite names. A suite registers it
// once at its top and reads `world.app`, `world.store`, `world.memberA`… inside its tests; the fields
// are set by the suite's beforeAll, before any test runs.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { openServerStore, type ServerStore } from '../../src/server/compose';
import type { SyncStore } from '../../src/server/storage/types';
import type { PullResponse } from '../../src/shared/sync/protocol';
import type { StoreFixture } from './store-fixtures';
import { login, makeApp, populate, type AccountName, type Session } from './sync-fixtures';

export type ServerWorld<F extends StoreFixture> = {
  fixture: F;
  /** Set when the suite runs the store as main.ts does (see onPushThread). */
  server: ServerStore | undefined;
  store: SyncStore;
  app: FastifyInstance;
  /** Each account's user id, as populate() created it. */
  ids: Record<AccountName, string>;
} & Record<AccountName, Session>;

export interface WorldOptions<F extends StoreFixture> {
  /** The store as the server opens it; without it the fixture's own store, pushes in process. */
  serverStore?: (fixture: F) => ServerStore;
  /** Runs once the server has stopped, before the database is deleted (e.g. to read its files). */
  afterClose?: (fixture: F) => void;
}

/** SQLite as main.ts opens it: pushes on the push thread's connection, pulls on this one. */
export function onPushThread(onError: (error: Error) => void = (error) => {
  throw error;
}): (fixture: { file: string }) => ServerStore {
  return (fixture) => openServerStore({ kind: 'sqlite', file: fixture.file }, onError);
}

export function serverWorld<F extends StoreFixture>(factory: () => Promise<F>, accounts: readonly AccountName[], options: WorldOptions<F> = {}): ServerWorld<F> {
  // Filled field by field in beforeAll: no test reads it before then.
  const world = {} as ServerWorld<F>;

  beforeAll(async () => {
    world.fixture = await factory();
    world.server = options.serverStore?.(world.fixture);
    await world.server?.ready;
    world.store = world.server?.store ?? world.fixture.open();
    await world.store.migrate();
    world.ids = await populate(world.store);
    world.app = await makeApp(world.store, {}, undefined, world.server?.sync);
    for (const name of accounts) world[name] = await login(world.app, name);
  });

  afterAll(async () => {
    await world.app?.close();
    await world.server?.sync.close();
    await world.server?.store.close();
    if (world.fixture) options.afterClose?.(world.fixture);
    await world.fixture?.dispose();
  });

  return world;
}

/** Every record of a commune as the store holds it, with row_seq. */
export async function scopeRows(store: SyncStore, scope: string) {
  return (await store.records.pull({ scopes: [{ scope, after: 0 }], limit: 100_000 })).scopes[0]!.rows;
}

export const findIn = (changes: PullResponse['changes'], id: string) => changes.find((change) => change.id === id);

/** Consent evidence as a member's phone records it. */
export function consentBy(session: Session) {
  return { method: 'spoken', noticeVersion: '2026-01', recordedAt: '2026-03-02T08:00:00+07:00', recordedBy: session.userId };
}
