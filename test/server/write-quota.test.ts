// Write quotas (docs/sync.md "Write quotas"), on a real SQLite file (pushes on the push thread, as
// the server runs) and a real PostgreSQL database: a push that would take its member or its commune
// over the changes of the last day is answered 429 `write_quota_exceeded` with Retry-After and
// writes nothing; a retry of changes already applied is not counted again; and pushes racing in
// parallel never pass the quota together (the count is read under the scope's lock).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/server/errors';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { PushResponse } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { onPushThread, scopeRows, serverWorld } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { COMMUNE_A, contactFields, login, makeApp, mutation, push, type Session } from './sync-fixtures';

const PER_USER = 12;
const PER_COMMUNE = 20;

function quotaSuite<F extends StoreFixture>(factory: () => Promise<F>, options: Parameters<typeof serverWorld<F>>[2] = {}): void {
  const world = serverWorld(factory, [], options);
  let app: FastifyInstance;
  let member: Session;
  let colleague: Session;
  let leader: Session;

  beforeAll(async () => {
    app = await makeApp(world.store, { WRITE_QUOTA_USER: String(PER_USER), WRITE_QUOTA_COMMUNE: String(PER_COMMUNE) }, undefined, world.server?.sync);
    [member, colleague, leader] = await Promise.all([login(app, 'memberA'), login(app, 'member2A'), login(app, 'leaderA')]);
  });

  afterAll(async () => {
    await app?.close();
  });

  const contacts = (session: Session, count: number) => Array.from({ length: count }, (_, i) => mutation('contacts', uuidv7(), contactFields(session, { name: `Liên hệ ${i + 1}` })));
  const stored = async () => (await scopeRows(world.store, COMMUNE_A.id)).filter((row) => row.table === 'contacts').length;

  it("a push over the member's day is refused whole with 429 write_quota_exceeded and Retry-After; nothing stored; a retry of applied changes is not counted", async () => {
    const first = contacts(member, 8);
    const ok = await push(app, member, first);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<PushResponse>().acked).toHaveLength(8);
    const before = await stored();
    const over = await push(app, member, contacts(member, 5));
    expect(over.statusCode).toBe(429);
    expect(over.json<ErrorBody>().error.code).toBe('write_quota_exceeded');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(await stored()).toBe(before);
    // The same eight again (a lost answer on 2G): acknowledged, not counted twice.
    const again = await push(app, member, first);
    expect(again.statusCode).toBe(200);
    expect(again.json<PushResponse>().acked).toHaveLength(8);
    // What is left of the day still goes through, to the last change.
    expect((await push(app, member, contacts(member, 4))).statusCode).toBe(200);
    expect((await push(app, member, contacts(member, 1))).statusCode).toBe(429);
  });

  it("the commune's day counts every member: a colleague under their own quota is refused once the commune's is reached", async () => {
    // The commune has 12 (the member's) so far; 8 more reach its 20.
    expect((await push(app, leader, contacts(leader, 8))).statusCode).toBe(200);
    const over = await push(app, colleague, contacts(colleague, 1));
    expect(over.statusCode).toBe(429);
    expect(over.json<ErrorBody>().error.code).toBe('write_quota_exceeded');
  });

  it('pushes racing in parallel never pass the quota together', async () => {
    // A fresh commune day is not possible inside one test run: a member of another commune races.
    const other = await login(app, 'memberB');
    const pushes = Array.from({ length: 10 }, () => push(app, other, contacts(other, 3)));
    const statuses = (await Promise.all(pushes)).map((res) => res.statusCode).sort();
    // 12 changes a day: exactly four pushes of three fit, whatever the order they are served in.
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429, 429, 429]);
  });
}

describe('write quotas on SQLite (pushes on the push thread, as the server runs)', () => {
  quotaSuite(() => sqliteFixture(), { serverStore: onPushThread() });
});

describePostgres('write quotas on PostgreSQL', () => {
  quotaSuite(() => postgresFixture());
});
