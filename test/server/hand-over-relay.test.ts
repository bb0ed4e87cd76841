// Relayed changes (docs/field-aids.md §2, PROTOCOL.md §4 "Relayed changes"), on a real SQLite file
// (pushes on the push thread, as the server runs) and a real PostgreSQL database. A member's phone
// receives a relay key with each sign-in; a change it hands over carries the author's MAC; the
// colleague's phone pushes it and the server plans it as the author's. Whichever phone pushes
// first, the other gets the stored answer and the record is written once, with the author's name.
// A forged or altered MAC, an author of another commune and a disabled author are refused, with
// nothing written.
import { describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/accounts';
import { setDisabled } from '../helpers/disable-account';
import { relayKeyBytes, relayMacs } from '../../src/shared/handover/relay';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { PushResponse } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { onPushThread, scopeRows, serverWorld } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { COMMUNE_A, PASSWORD, TEST_COST, freshAddress, logFields, login, mutation, push, pushOk, type Session, type TestMutation } from './sync-fixtures';

type Relayed = TestMutation & { relay?: { author: string; mac: string } };

function relaySuite<F extends StoreFixture>(factory: () => Promise<F>, options: Parameters<typeof serverWorld<F>>[2] = {}): void {
  const world = serverWorld(factory, ['memberA', 'member2A', 'memberB', 'adminQN'], options);

  /** The relay key a sign-in hands the phone (PROTOCOL.md §2). */
  async function relayKeyOf(username: string): Promise<Uint8Array> {
    const res = await world.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD }, remoteAddress: freshAddress() });
    const key = relayKeyBytes(res.json<{ relayKey?: string }>().relayKey);
    if (!key) throw new Error(`no relay key for ${username}`);
    return key;
  }

  /** `count` new logs by `author`, each with the author's MAC (as the author's phone exports them). */
  async function handedOver(author: Session, count: number, key?: Uint8Array): Promise<Relayed[]> {
    const logs = Array.from({ length: count }, (_, i) => mutation('assistanceLogs', uuidv7(), logFields(author, { durationMin: 10 + i })));
    const macs = await relayMacs(key ?? (await relayKeyOf(author.name)), logs);
    return logs.map((log, i) => ({ ...log, relay: { author: author.userId, mac: macs[i]! } }));
  }

  const logRows = async () => (await scopeRows(world.store, COMMUNE_A.id)).filter((row) => row.table === 'assistanceLogs');
  const rowsOf = async (mutations: readonly TestMutation[]) => {
    const ids = new Set(mutations.map((m) => m.recordId));
    return (await logRows()).filter((row) => ids.has(row.record.id));
  };
  const refusals = (response: PushResponse) => response.rejected.map(({ code, message }) => `${code} ${message}`);

  it('a sign-in hands a commune member their relay key, the same each time; an admin gets none', async () => {
    expect(await relayKeyOf('memberA')).toEqual(await relayKeyOf('memberA'));
    expect(await relayKeyOf('memberA')).not.toEqual(await relayKeyOf('member2A'));
    const admin = await world.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'adminQN', password: PASSWORD }, remoteAddress: freshAddress() });
    expect(admin.json<{ relayKey?: string }>().relayKey).toBeUndefined();
  });

  it("the colleague's phone pushes first: applied as the author's; the author's own push of the same ids gets the stored answer", async () => {
    const logs = await handedOver(world.memberA, 3);
    const relayed = await pushOk(world.app, world.member2A, logs);
    expect(relayed.rejected).toEqual([]);
    expect(relayed.acked).toEqual(logs.map((m) => m.id));
    const stored = await rowsOf(logs);
    expect(stored.map((row) => row.record.createdBy)).toEqual(logs.map(() => world.memberA.userId));
    const seqs = stored.map((row) => row.rowSeq);
    // The author's phone comes online later and pushes its outbox (no relay: its own changes).
    const own = await pushOk(world.app, world.memberA, logs.map(({ relay: _relay, ...m }) => m));
    expect(own).toMatchObject({ acked: logs.map((m) => m.id), rejected: [] });
    expect((await rowsOf(logs)).map((row) => row.rowSeq)).toEqual(seqs);
  });

  it("the author's phone pushes first: the colleague's relayed push of the same ids gets the stored answer, nothing applied twice", async () => {
    const logs = await handedOver(world.memberA, 2);
    await pushOk(world.app, world.memberA, logs.map(({ relay: _relay, ...m }) => m));
    const seqs = (await rowsOf(logs)).map((row) => row.rowSeq);
    const relayed = await pushOk(world.app, world.member2A, logs);
    expect(relayed).toMatchObject({ acked: logs.map((m) => m.id), rejected: [] });
    expect((await rowsOf(logs)).map((row) => row.rowSeq)).toEqual(seqs);
    // Without the relay, the colleague presenting the author's ids learns nothing (I8).
    const bare = await pushOk(world.app, world.member2A, logs.map(({ relay: _relay, ...m }) => m));
    expect(refusals(bare)).toEqual(['forbidden sync.duplicateMutationId', 'forbidden sync.duplicateMutationId']);
  });

  it('a forged MAC, a MAC of other fields and a MAC under the pusher’s own key are refused; nothing written', async () => {
    const [forged, altered, ownKey] = await handedOver(world.memberA, 3);
    forged!.relay!.mac = `${forged!.relay!.mac.slice(0, -2)}${forged!.relay!.mac.endsWith('AA') ? 'BA' : 'AA'}`;
    altered!.fields = { ...altered!.fields, durationMin: 90 };
    // member2A signs with their own key but names memberA as the author.
    ownKey!.relay!.mac = (await relayMacs(await relayKeyOf('member2A'), [ownKey!]))[0]!;
    const res = await pushOk(world.app, world.member2A, [forged!, altered!, ownKey!]);
    expect(res.acked).toEqual([]);
    expect(refusals(res)).toEqual(['forbidden sync.relayNotValid', 'forbidden sync.relayNotValid', 'forbidden sync.relayNotValid']);
    expect(await rowsOf([forged!, altered!, ownKey!])).toEqual([]);
  });

  it("an author of another commune is refused, even with that author's true MAC; nothing written", async () => {
    const foreign = await handedOver(world.memberB, 1);
    const res = await pushOk(world.app, world.memberA, foreign);
    expect(refusals(res)).toEqual(['forbidden sync.relayAuthorNotActive']);
    expect(await rowsOf(foreign)).toEqual([]);
    expect((await scopeRows(world.store, 'xa-b-test')).filter((row) => row.record.id === foreign[0]!.recordId)).toEqual([]);
  });

  it('parallel pushes of the same ids by the author and the colleague apply each change once, as the author’s', async () => {
    for (let round = 0; round < 8; round += 1) {
      const logs = await handedOver(world.memberA, 2);
      const [mine, theirs] = await Promise.all([push(world.app, world.memberA, logs.map(({ relay: _relay, ...m }) => m)), push(world.app, world.member2A, logs)]);
      expect([mine.statusCode, theirs.statusCode]).toEqual([200, 200]);
      expect(mine.json<PushResponse>()).toMatchObject({ acked: logs.map((m) => m.id), rejected: [] });
      expect(theirs.json<PushResponse>()).toMatchObject({ acked: logs.map((m) => m.id), rejected: [] });
      const stored = await rowsOf(logs);
      expect(stored).toHaveLength(2);
      expect(stored.map((row) => row.record.createdBy)).toEqual([world.memberA.userId, world.memberA.userId]);
    }
  });

  it('a disabled author is refused; nothing written', async () => {
    const leaving = await createUser(world.store, { username: 'leaving-member', password: PASSWORD, role: 'member', communeId: COMMUNE_A.id }, { cost: TEST_COST });
    const author = await login(world.app, 'leaving-member');
    const logs = await handedOver(author, 1);
    await setDisabled(world.store, leaving.username, true);
    const res = await pushOk(world.app, world.member2A, logs);
    expect(refusals(res)).toEqual(['forbidden sync.relayAuthorNotActive']);
    expect(await rowsOf(logs)).toEqual([]);
  });
}

describe('relayed changes on SQLite (pushes on the push thread, as the server runs)', () => {
  relaySuite(() => sqliteFixture(), { serverStore: onPushThread() });
});

describePostgres('relayed changes on PostgreSQL', () => {
  relaySuite(() => postgresFixture());
});
