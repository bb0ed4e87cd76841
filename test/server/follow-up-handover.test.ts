// A follow-up handed to a colleague (docs/field-aids.md §2 "Handing over a follow-up"), on a real
// SQLite file (pushes on the push thread, as the server runs) and a real PostgreSQL database. The
// author names the colleague in the log's followUpBy; that colleague may then push the follow-up
// fields (outcome, followUpAt, followUpDone) and nothing else of the log, each other change refused
// on its own; a member not named is refused; only the author moves the follow-up to someone else.
// followUpBy must name an active member or leader of the log's commune: anyone else is refused
// (sync.followUpNotColleague), with nothing written.
import { describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/accounts';
import { setDisabled } from '../helpers/disable-account';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { PushResponse } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { consentBy, onPushThread, scopeRows, serverWorld, type WorldOptions } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { COMMUNE_A, PASSWORD, TEST_COST, login, logFields, mutation, pushOk, type Session } from './sync-fixtures';

const NOT_ALLOWED = 'forbidden sync.notAllowed';
const NOT_COLLEAGUE = 'forbidden sync.followUpNotColleague';

function followUpSuite<F extends StoreFixture>(factory: () => Promise<F>, options: WorldOptions<F> = {}): void {
  const world = serverWorld(factory, ['memberA', 'member2A', 'leaderA', 'reviewerA', 'memberB', 'adminQN'], options);
  let third: Session | undefined;

  /** A member of the same commune the follow-up is not handed to. */
  async function thirdMember(): Promise<Session> {
    if (!third) {
      await createUser(world.store, { username: 'third-member', password: PASSWORD, role: 'member', communeId: COMMUNE_A.id }, { cost: TEST_COST });
      third = await login(world.app, 'third-member');
    }
    return third;
  }

  /** memberA's open follow-up with a consenting citizen, handed to `to` (or to no one). */
  async function handedLog(to: Session | undefined): Promise<string> {
    const logId = uuidv7();
    const fields = logFields(world.memberA, {
      outcome: 'partial',
      followUpAt: '2026-03-09',
      note: 'Hẹn quay lại khi có mạng',
      citizen: { name: 'Y Blông', consent: true, consentEvidence: consentBy(world.memberA) },
      ...(to ? { followUpBy: to.userId } : {}),
    });
    const res = await pushOk(world.app, world.memberA, [mutation('assistanceLogs', logId, fields)]);
    expect(res.rejected).toEqual([]);
    return logId;
  }

  const stored = async (logId: string) => (await scopeRows(world.store, COMMUNE_A.id)).find((row) => row.record.id === logId)!.record;
  const refusals = (response: PushResponse) => response.rejected.map(({ code, message }) => `${code} ${message}`);

  it('the colleague named in followUpBy records the follow-up: outcome, a new date, done', async () => {
    const logId = await handedLog(world.member2A);
    const moved = mutation('assistanceLogs', logId, { followUpAt: '2026-03-12' });
    const done = mutation('assistanceLogs', logId, { outcome: 'done', followUpDone: true });
    const res = await pushOk(world.app, world.member2A, [moved, done]);
    expect(res).toMatchObject({ acked: [moved.id, done.id], rejected: [] });
    const record = await stored(logId);
    expect(record).toMatchObject({ outcome: 'done', followUpAt: '2026-03-12', followUpDone: true, createdBy: world.memberA.userId, followUpBy: world.member2A.userId, note: 'Hẹn quay lại khi có mạng' });
  });

  it("the colleague's change of any other field is refused on its own; the follow-up in the same push is applied", async () => {
    const logId = await handedLog(world.member2A);
    const note = mutation('assistanceLogs', logId, { note: 'Sửa ghi chú' });
    const citizen = mutation('assistanceLogs', logId, { citizen: { name: 'Người khác', consent: true, consentEvidence: consentBy(world.member2A) } });
    const service = mutation('assistanceLogs', logId, { serviceId: 'dvc-submit-online' });
    const duration = mutation('assistanceLogs', logId, { durationMin: 45 });
    const mixed = mutation('assistanceLogs', logId, { followUpDone: true, note: 'Kèm ghi chú' });
    const done = mutation('assistanceLogs', logId, { followUpDone: true });
    const res = await pushOk(world.app, world.member2A, [note, citizen, service, duration, mixed, done]);
    expect(res.acked).toEqual([done.id]);
    expect(res.rejected.map((r) => r.id)).toEqual([note.id, citizen.id, service.id, duration.id, mixed.id]);
    expect(refusals(res)).toEqual([NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED]);
    expect(await stored(logId)).toMatchObject({
      note: 'Hẹn quay lại khi có mạng',
      citizen: { name: 'Y Blông' },
      serviceId: 'vneid-install-register',
      durationMin: 15,
      followUpDone: true,
    });
  });

  it('a member not named in followUpBy is refused, and so is the colleague on a log not handed to anyone', async () => {
    const handed = await handedLog(world.member2A);
    const other = await thirdMember();
    const res = await pushOk(world.app, other, [mutation('assistanceLogs', handed, { followUpDone: true })]);
    expect(refusals(res)).toEqual([NOT_ALLOWED]);
    const unhanded = await handedLog(undefined);
    const mine = await pushOk(world.app, world.member2A, [mutation('assistanceLogs', unhanded, { followUpDone: true })]);
    expect(refusals(mine)).toEqual([NOT_ALLOWED]);
    expect((await stored(handed)).followUpDone).toBeUndefined();
    expect((await stored(unhanded)).followUpDone).toBeUndefined();
  });

  it('only the author sets followUpBy: the colleague can neither take an unhanded log nor pass it on; the author can move it', async () => {
    const other = await thirdMember();
    const unhanded = await handedLog(undefined);
    const take = await pushOk(world.app, world.member2A, [mutation('assistanceLogs', unhanded, { followUpBy: world.member2A.userId })]);
    expect(refusals(take)).toEqual([NOT_ALLOWED]);
    expect((await stored(unhanded)).followUpBy).toBeUndefined();

    const logId = await handedLog(world.member2A);
    const passOn = await pushOk(world.app, world.member2A, [mutation('assistanceLogs', logId, { followUpBy: other.userId })]);
    expect(refusals(passOn)).toEqual([NOT_ALLOWED]);
    expect((await stored(logId)).followUpBy).toBe(world.member2A.userId);

    const moved = await pushOk(world.app, world.memberA, [mutation('assistanceLogs', logId, { followUpBy: other.userId })]);
    expect(moved.rejected).toEqual([]);
    // From now on the new colleague records it and the former one is refused.
    const former = await pushOk(world.app, world.member2A, [mutation('assistanceLogs', logId, { followUpDone: true })]);
    expect(refusals(former)).toEqual([NOT_ALLOWED]);
    const current = await pushOk(world.app, other, [mutation('assistanceLogs', logId, { followUpDone: true })]);
    expect(current.rejected).toEqual([]);
    expect(await stored(logId)).toMatchObject({ followUpBy: other.userId, followUpDone: true, createdBy: world.memberA.userId });
  });

  it("followUpBy names an active member or leader of the log's commune: another commune's member, a disabled account, a reviewer, an admin or an unknown id is refused, nothing written", async () => {
    const gone = await createUser(world.store, { username: 'gone-member', password: PASSWORD, role: 'member', communeId: COMMUNE_A.id }, { cost: TEST_COST });
    await setDisabled(world.store, gone.username, true);
    const logId = await handedLog(undefined);
    const strangers = [world.memberB.userId, gone.id, world.reviewerA.userId, world.adminQN.userId, uuidv7()];
    // The leader, who may edit any log of the commune, and the author alike.
    const byLeader = strangers.map((to) => mutation('assistanceLogs', logId, { followUpBy: to }));
    const leader = await pushOk(world.app, world.leaderA, byLeader);
    expect(leader.acked).toEqual([]);
    expect(refusals(leader)).toEqual(strangers.map(() => NOT_COLLEAGUE));
    const author = await pushOk(world.app, world.memberA, [mutation('assistanceLogs', logId, { followUpBy: world.memberB.userId })]);
    expect(refusals(author)).toEqual([NOT_COLLEAGUE]);
    expect((await stored(logId)).followUpBy).toBeUndefined();
    // A new log handed to another commune's member is refused as a whole: it is not written.
    const newLog = uuidv7();
    const created = await pushOk(world.app, world.memberA, [mutation('assistanceLogs', newLog, logFields(world.memberA, { followUpAt: '2026-03-09', followUpBy: world.memberB.userId }))]);
    expect(refusals(created)).toEqual([NOT_COLLEAGUE]);
    expect((await scopeRows(world.store, COMMUNE_A.id)).some((row) => row.record.id === newLog)).toBe(false);

    // A member or a leader of the commune may take it; handing it back to no one is always allowed.
    const toLeader = await pushOk(world.app, world.leaderA, [mutation('assistanceLogs', logId, { followUpBy: world.leaderA.userId })]);
    expect(toLeader.rejected).toEqual([]);
    const toMember = await pushOk(world.app, world.leaderA, [mutation('assistanceLogs', logId, { followUpBy: world.member2A.userId })]);
    expect(toMember.rejected).toEqual([]);
    const cleared = await pushOk(world.app, world.memberA, [mutation('assistanceLogs', logId, { followUpBy: null })]);
    expect(cleared.rejected).toEqual([]);
    expect((await stored(logId)).followUpBy).toBeNull();
  });
}

describe('a handed-over follow-up on SQLite (pushes on the push thread, as the server runs)', () => {
  followUpSuite(() => sqliteFixture(), { serverStore: onPushThread() });
});

describePostgres('a handed-over follow-up on PostgreSQL', () => {
  followUpSuite(() => postgresFixture());
});
