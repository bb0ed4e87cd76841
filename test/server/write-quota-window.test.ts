// The bytes half of the write quotas and the Retry-After of a refusal (docs/sync.md "Write
// quotas"), on a real SQLite file (pushes on the push thread, as the server runs) and a real
// PostgreSQL database: a push that would take its member or its commune over the bytes of changes
// of the last day is answered 429 `bytes_quota_exceeded` and writes nothing; racing pushes never
// pass it together; and Retry-After says when the rolling day has let out enough of the oldest
// changes for the push to fit — not a fixed hour.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/server/errors';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { PushResponse } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { onPushThread, scopeRows, serverWorld } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { COMMUNE_A, contactFields, login, makeApp, mutation, push, type Session, type TestMutation } from './sync-fixtures';

const HOUR_MS = 60 * 60 * 1000;
const NOTE = 'Liên hệ qua tổ trưởng thôn. '.repeat(40);

function windowSuite<F extends StoreFixture>(factory: () => Promise<F>, options: Parameters<typeof serverWorld<F>>[2] = {}): void {
  const world = serverWorld(factory, [], options);
  let bytesApp: FastifyInstance;
  let countApp: FastifyInstance;
  let memberBytesApp: FastifyInstance;
  let member: Session;
  let colleague: Session;
  let leader: Session;
  // The bytes of one contact with NOTE as the server counts them: its fields as JSON, in UTF-8.
  let size = 0;

  const contacts = (session: Session, count: number) => Array.from({ length: count }, () => mutation('contacts', uuidv7(), contactFields(session, { note: NOTE })));
  const stored = async () => (await scopeRows(world.store, COMMUNE_A.id)).filter((row) => row.table === 'contacts').length;
  /** Moves the day of some remembered changes back, as if they had been pushed `hours` ago. */
  const age = (mutations: readonly TestMutation[], hours: number) =>
    world.fixture.exec(`UPDATE applied_mutations SET applied_at = applied_at - ${hours * HOUR_MS} WHERE mutation_id IN (${mutations.map((m) => `'${m.id}'`).join(', ')})`);
  const retryAfter = (res: { headers: Record<string, unknown> }) => Number(res.headers['retry-after']);

  beforeAll(async () => {
    [member, colleague, leader] = await Promise.all([login(world.app, 'memberA'), login(world.app, 'member2A'), login(world.app, 'leaderA')]);
    size = Buffer.byteLength(JSON.stringify(contactFields(member, { note: NOTE })));
    // Ten such changes a member and sixteen a commune fit in a day; the count quotas are off.
    const env = { WRITE_QUOTA_USER_BYTES: String(Math.floor(10.5 * size)), WRITE_QUOTA_COMMUNE_BYTES: String(Math.floor(16.5 * size)) };
    bytesApp = await makeApp(world.store, env, undefined, world.server?.sync);
    memberBytesApp = await makeApp(world.store, { ...env, WRITE_QUOTA_COMMUNE_BYTES: '0' }, undefined, world.server?.sync);
    countApp = await makeApp(world.store, { WRITE_QUOTA_USER: '12', WRITE_QUOTA_USER_BYTES: '0', WRITE_QUOTA_COMMUNE_BYTES: '0' }, undefined, world.server?.sync);
  });

  afterAll(async () => {
    await bytesApp?.close();
    await countApp?.close();
    await memberBytesApp?.close();
  });

  it("a push over the member's bytes of the day is refused whole with 429 bytes_quota_exceeded; nothing stored; a retry is not counted", async () => {
    const first = contacts(member, 6);
    expect((await push(bytesApp, member, first)).json<PushResponse>().acked).toHaveLength(6);
    const before = await stored();
    const over = await push(bytesApp, member, contacts(member, 5));
    expect(over.statusCode).toBe(429);
    expect(over.json<ErrorBody>().error.code).toBe('bytes_quota_exceeded');
    expect(await stored()).toBe(before);
    // The same six again (a lost answer): acknowledged, their bytes not counted twice.
    expect((await push(bytesApp, member, first)).json<PushResponse>().acked).toHaveLength(6);
    expect((await push(bytesApp, member, contacts(member, 4))).statusCode).toBe(200);
    expect((await push(bytesApp, member, contacts(member, 1))).statusCode).toBe(429);
  });

  it("the commune's bytes count every member: a colleague is refused once the commune's day is full", async () => {
    // The commune holds the member's ten so far: five more fit (15 of 16.5), two more do not.
    expect((await push(bytesApp, leader, contacts(leader, 5))).statusCode).toBe(200);
    const over = await push(bytesApp, colleague, contacts(colleague, 2));
    expect(over.statusCode).toBe(429);
    expect(over.json<ErrorBody>().error.code).toBe('bytes_quota_exceeded');
  });

  it('pushes racing in parallel never pass the bytes quota together', async () => {
    const other = await login(bytesApp, 'memberB');
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => push(bytesApp, other, contacts(other, 3))))).map((res) => res.statusCode).sort();
    // Ten changes' bytes a day: exactly three pushes of three fit, whatever their order.
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429, 429, 429, 429, 429]);
  });

  it('Retry-After is when enough of the oldest changes leave the rolling day (bytes)', async () => {
    // Commune B is full from the race above: this app counts only the member's bytes.
    const other = await login(memberBytesApp, 'leaderB');
    const early = contacts(other, 6);
    const late = contacts(other, 4);
    expect((await push(memberBytesApp, other, early)).statusCode).toBe(200);
    expect((await push(memberBytesApp, other, late)).statusCode).toBe(200);
    await age(early, 20);
    await age(late, 2);
    // One more needs the oldest change out: it leaves in 4 hours.
    expect(retryAfter(await push(memberBytesApp, other, contacts(other, 1)))).toBeCloseTo(4 * 3600, -2);
    // Seven more need seven out: the early six leave in 4 hours, the seventh (2 h old) in 22.
    expect(retryAfter(await push(memberBytesApp, other, contacts(other, 7)))).toBeCloseTo(22 * 3600, -2);
    // Eleven never fit in a day's ten: wait the whole day.
    expect(retryAfter(await push(memberBytesApp, other, contacts(other, 11)))).toBe(24 * 3600);
  });

  it('Retry-After is when enough of the oldest changes leave the rolling day (changes)', async () => {
    const other = await login(countApp, 'reviewerA');
    const early = Array.from({ length: 8 }, () => mutation('contacts', uuidv7(), contactFields(other)));
    const late = Array.from({ length: 4 }, () => mutation('contacts', uuidv7(), contactFields(other)));
    // A reviewer may not write contacts: refused changes count all the same (docs/sync.md).
    expect((await push(countApp, other, early)).statusCode).toBe(200);
    expect((await push(countApp, other, late)).statusCode).toBe(200);
    await age(early, 21);
    await age(late, 1);
    const over = await push(countApp, other, contacts(other, 1));
    expect(over.statusCode).toBe(429);
    expect(over.json<ErrorBody>().error.code).toBe('write_quota_exceeded');
    expect(retryAfter(over)).toBeCloseTo(3 * 3600, -2);
    expect(retryAfter(await push(countApp, other, contacts(other, 9)))).toBeCloseTo(23 * 3600, -2);
  });
}

describe('write quotas, bytes and Retry-After, on SQLite (pushes on the push thread, as the server runs)', () => {
  windowSuite(() => sqliteFixture(), { serverStore: onPushThread() });
});

describePostgres('write quotas, bytes and Retry-After, on PostgreSQL', () => {
  windowSuite(() => postgresFixture());
});
