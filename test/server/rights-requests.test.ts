// The register of citizens' requests on the server (docs/privacy.md "Requests register"), on a real
// SQLite file with the push thread and on a real PostgreSQL: the steps go through the ordinary sync
// with their rules (who may take which, in whose name, never backwards), each step lands in the
// audit log with who and the server's time, a commune's register stays in the commune (reviewers
// without who asked), and the province admin reads counts only.
import { describe, expect, it } from 'vitest';
import type { AuditPage } from '../../src/shared/privacy/audit';
import type { ProvinceRequestCounts } from '../../src/shared/privacy/rights-requests';
import { uuidv7 } from '../../src/shared/sync/ids';
import { fromWireRecord } from '../../src/shared/sync/protocol';
import { addDays, todayLocal } from '../../src/shared/text/dates';
import { describePostgres } from '../helpers/pg';
import { findIn, onPushThread, serverWorld, type WorldOptions } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { bearer, createMeta, hlcAt, mutation, pullAll, pushOk, type Session } from './sync-fixtures';

const NAME = 'Đinh Thị Nở';
const PHONE = '0912000444';

function requestsSuite<F extends StoreFixture>(factory: () => Promise<F>, options: WorldOptions<F> = {}): void {
  const world = serverWorld(factory, ['memberA', 'leaderA', 'reviewerA', 'leaderB', 'adminQN', 'adminKT'], options);
  const today = todayLocal(Date.now());
  const at = () => new Date().toISOString();
  const create = (session: Session, id: string, receivedOn: string, kind = 'access') =>
    mutation('rightsRequests', id, { ...createMeta(session), kind, requester: { name: NAME, phone: PHONE }, receivedOn, status: 'received' });
  const code = async (session: Session, id: string, fields: Record<string, unknown>) => {
    const answer = await pushOk(world.app, session, [mutation('rightsRequests', id, fields, hlcAt())]);
    return answer.acked.length === 1 ? 'ok' : answer.rejected[0]!.code;
  };
  const stored = async (session: Session, id: string) => {
    const change = findIn((await pullAll(world.app, session)).changes, id);
    return change ? fromWireRecord(change.record) : undefined;
  };
  const auditOf = async (session: Session) => (await world.app.inject({ method: 'GET', url: '/api/audit/events', headers: bearer(session) })).json<AuditPage>().events;
  const counts = (session: Session) => world.app.inject({ method: 'GET', url: '/api/privacy/rights-requests/counts', headers: bearer(session) });

  it('[RR1] a member records and acknowledges, the leader extends and answers; each step is audited with who, never the citizen', async () => {
    const id = uuidv7();
    const before = Date.now();
    expect((await pushOk(world.app, world.memberA, [create(world.memberA, id, today, 'erasure')])).acked).toHaveLength(1);
    expect(await code(world.memberA, id, { status: 'acknowledged', acknowledgedAt: at(), acknowledgedBy: world.memberA.userId })).toBe('ok');
    expect(await code(world.leaderA, id, { extendedAt: at(), extendedBy: world.leaderA.userId, extensionReason: 'Chờ tổ kiểm tra sổ giấy' })).toBe('ok');
    expect(await code(world.leaderA, id, { status: 'done', closedAt: at(), closedBy: world.leaderA.userId, erasedLogs: 2 })).toBe('ok');
    expect(await stored(world.leaderA, id)).toMatchObject({ status: 'done', requester: { name: NAME, phone: PHONE }, erasedLogs: 2, closedBy: world.leaderA.userId });
    const steps = (await auditOf(world.leaderA)).filter((event) => event.subjectId === id);
    expect(steps.map((event) => [event.details.step, event.actorName])).toEqual([
      ['done', 'leaderA'],
      ['extended', 'leaderA'],
      ['acknowledged', 'memberA'],
      ['received', 'memberA'],
    ]);
    expect(steps.every((event) => event.kind === 'rightsRequest.changed' && event.details.kind === 'erasure' && event.recordedAt >= before)).toBe(true);
    expect(JSON.stringify(steps)).not.toMatch(/Nở|0912000444/);
  });

  it('[RR2] a wrong step is refused and changes nothing: a member closing, a step in another name, a refusal without reason, going back, a second extension', async () => {
    const id = uuidv7();
    await pushOk(world.app, world.memberA, [create(world.memberA, id, today)]);
    expect(await code(world.memberA, id, { status: 'acknowledged', acknowledgedAt: at(), acknowledgedBy: world.leaderA.userId })).toBe('forbidden');
    expect(await code(world.leaderA, id, { status: 'acknowledged', acknowledgedAt: at(), acknowledgedBy: world.leaderA.userId })).toBe('ok');
    expect(await code(world.memberA, id, { status: 'refused', closedAt: at(), closedBy: world.memberA.userId, closeReason: 'Không rõ người yêu cầu' })).toBe('forbidden');
    expect(await code(world.leaderA, id, { status: 'refused', closedAt: at(), closedBy: world.leaderA.userId })).toBe('invalid');
    expect(await code(world.leaderA, id, { status: 'received' })).toBe('immutable_field');
    expect(await code(world.leaderA, id, { receivedOn: addDays(today, -1) })).toBe('immutable_field');
    expect(await code(world.leaderA, id, { extendedAt: at(), extendedBy: world.leaderA.userId, extensionReason: 'Cần xác minh' })).toBe('ok');
    expect(await code(world.leaderA, id, { extensionReason: 'Lần gia hạn thứ hai' })).toBe('immutable_field');
    expect(await code(world.reviewerA, id, { status: 'done' })).toBe('forbidden');
    const kept = await stored(world.leaderA, id);
    expect(kept).toMatchObject({ status: 'acknowledged', acknowledgedBy: world.leaderA.userId, extensionReason: 'Cần xác minh', receivedOn: today });
    expect(kept?.closedAt ?? null).toBeNull();
    // Bad input: a request from tomorrow's tomorrow, an unknown kind, an unknown field.
    expect((await pushOk(world.app, world.memberA, [create(world.memberA, uuidv7(), addDays(today, 3))])).rejected[0]?.code).toBe('invalid');
    expect((await pushOk(world.app, world.memberA, [create(world.memberA, uuidv7(), today, 'complaint')])).rejected[0]?.code).toBe('invalid');
    expect((await pushOk(world.app, world.memberA, [mutation('rightsRequests', uuidv7(), { ...create(world.memberA, id, today).fields, idNumber: '001234567890' })])).rejected[0]?.code).toBe('invalid');
  });

  it("[RR3] a commune's register stays in the commune; reviewers read it without who asked nor the reasons", async () => {
    const id = uuidv7();
    await pushOk(world.app, world.memberA, [create(world.memberA, id, today)]);
    await code(world.leaderA, id, { extendedAt: at(), extendedBy: world.leaderA.userId, extensionReason: 'Chờ xác minh' });
    expect(await stored(world.leaderB, id)).toBeUndefined();
    expect(await code(world.leaderB, id, { status: 'acknowledged', acknowledgedAt: at(), acknowledgedBy: world.leaderB.userId })).toBe('wrong_commune');
    const seen = await stored(world.reviewerA, id);
    expect(seen).toMatchObject({ kind: 'access', status: 'received', receivedOn: today });
    expect(seen).not.toHaveProperty('requester');
    expect(seen).not.toHaveProperty('extensionReason');
    expect(JSON.stringify(await pullAll(world.app, world.reviewerA))).not.toMatch(/Nở|0912000444/);
  });

  it('[RR4] the province admin reads counts per commune, overdue and due soon included, never who asked; others are refused and audited', async () => {
    const late = uuidv7();
    const soon = uuidv7();
    await pushOk(world.app, world.leaderB, [create(world.leaderB, late, addDays(today, -20), 'correction'), create(world.leaderB, soon, addDays(today, -13), 'objection')]);
    expect(await code(world.leaderB, soon, { status: 'acknowledged', acknowledgedAt: at(), acknowledgedBy: world.leaderB.userId })).toBe('ok');
    const res = await counts(world.adminQN);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json<ProvinceRequestCounts>();
    expect(body.communes.map((row) => row.communeName)).toEqual(['Xã A (thử)', 'Xã B (thử)']);
    expect(body.communes[1]!.counts).toMatchObject({ open: 2, overdue: 1, dueSoon: 1, done: 0, refused: 0, byKind: { correction: 1, objection: 1 } });
    expect(body.total.open).toBe(body.communes[0]!.counts.open + 2);
    expect(res.body).not.toMatch(/Nở|0912000444|requester/);
    expect((await counts(world.adminKT)).json<ProvinceRequestCounts>().communes.every((row) => row.counts.open === 0)).toBe(true);
    expect((await counts(world.leaderA)).statusCode).toBe(403);
    expect((await counts(world.memberA)).statusCode).toBe(403);
    expect((await auditOf(world.leaderA)).some((event) => event.kind === 'access.refused' && event.details.action === 'rightsRequest.counts' && event.actorName === 'memberA')).toBe(true);
  });

  it('[RR5] an entry deleted by mistake drops who asked at once, like any tombstone; its deletion is audited', async () => {
    const id = uuidv7();
    await pushOk(world.app, world.memberA, [create(world.memberA, id, today, 'objection')]);
    expect(await code(world.leaderA, id, { deleted: true })).toBe('ok');
    expect(await stored(world.leaderA, id)).toMatchObject({ deleted: true, kind: 'objection', requester: null });
    expect((await auditOf(world.leaderA)).find((event) => event.subjectId === id && event.details.step === 'deleted')?.actorName).toBe('leaderA');
  });
}

describe('requests register on SQLite (push thread, as the server runs)', () => {
  requestsSuite(sqliteFixture, { serverStore: onPushThread() });
});

describePostgres('requests register on PostgreSQL', () => {
  requestsSuite(postgresFixture);
});
