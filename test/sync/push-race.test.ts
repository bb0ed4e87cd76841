// [I8] Two pushes racing on one record id from two communes, or on one mutation id from two
// accounts of two communes, get the per-mutation answer a serial run gives — one acked, the other
// rejected (`wrong_commune`, or the duplicate mutation id) — never a 500. Pushes of two communes
// lock two different scope rows, so on PostgreSQL both may pass their reads before either
// inserts; the loser then meets the winner's row in a unique index. Two server instances (two
// connection pools) on one database; SQLite runs the same trials for comparison.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStore } from '../../src/server/storage/types';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { PushResponse } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture, type StoreFixtureFactory } from '../server/store-fixtures';
import { contactFields, login, makeApp, mutation, populate, push, type Session } from '../server/sync-fixtures';

const TRIALS = 40;
const SECRET = 'push-race-test-secret-0123456789abcdef';

function raceSuite(factory: StoreFixtureFactory, instances: number): void {
  let fixture: StoreFixture;
  let stores: SyncStore[];
  let apps: FastifyInstance[];
  let memberA: Session;
  let memberB: Session;

  beforeAll(async () => {
    fixture = await factory();
    stores = Array.from({ length: instances }, () => fixture.open());
    await stores[0]!.migrate();
    await populate(stores[0]!);
    apps = await Promise.all(stores.map((store) => makeApp(store, { AUTH_SECRET: SECRET })));
    memberA = await login(apps[0]!, 'memberA');
    memberB = await login(apps[0]!, 'memberB');
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await fixture.dispose();
  });

  /** Pushes both at once, each through its own instance; returns each one's status and outcome. */
  async function race(a: ReturnType<typeof mutation>, b: ReturnType<typeof mutation>) {
    const answers = await Promise.all([push(apps[0]!, memberA, [a]), push(apps[apps.length - 1]!, memberB, [b])]);
    return answers.map((res) => {
      if (res.statusCode !== 200) return { status: res.statusCode, result: { status: 'error', body: res.body } };
      const body = res.json<PushResponse>();
      return { status: res.statusCode, result: body.acked.length === 1 ? { status: 'acked' } : { status: 'rejected', ...body.rejected[0] } };
    });
  }

  it(`[I8] one record id from two communes at once, ${TRIALS} trials: one acked, the other wrong_commune, never a 500`, async () => {
    const statuses: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const id = uuidv7();
      const answers = await race(mutation('contacts', id, contactFields(memberA)), mutation('contacts', id, contactFields(memberB)));
      statuses.push(...answers.map((answer) => answer.status));
      expect(answers.map((answer) => answer.status), JSON.stringify(answers)).toEqual([200, 200]);
      const outcomes = answers.map((answer) => answer.result as { status: string });
      expect(outcomes.map((outcome) => outcome.status).sort(), JSON.stringify(outcomes)).toEqual(['acked', 'rejected']);
      expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ code: 'wrong_commune' });
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
  });

  it(`[I8] one mutation id from two accounts of two communes at once, ${TRIALS} trials: one acked, the other refused as a duplicate id, never a 500`, async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const a = mutation('contacts', uuidv7(), contactFields(memberA));
      const b = { ...mutation('contacts', uuidv7(), contactFields(memberB)), id: a.id };
      const answers = await race(a, b);
      expect(answers.map((answer) => answer.status), JSON.stringify(answers)).toEqual([200, 200]);
      const outcomes = answers.map((answer) => answer.result as { status: string });
      expect(outcomes.map((outcome) => outcome.status).sort(), JSON.stringify(outcomes)).toEqual(['acked', 'rejected']);
      expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ code: 'forbidden', message: 'sync.duplicateMutationId' });
    }
  });
}

describe('[I8] racing pushes on SQLite', () => {
  raceSuite(sqliteFixture, 1);
});

describePostgres('[I8] racing pushes on PostgreSQL', () => {
  raceSuite(postgresFixture, 2);
});
