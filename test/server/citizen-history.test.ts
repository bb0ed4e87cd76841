// One citizen's history (docs/privacy.md "One citizen's history"), on a real SQLite file with the
// server's push thread and on a real PostgreSQL: a commune leader names a citizen (without
// diacritics) and gets which logs and requests are theirs and the audit events about them — views,
// changes of the citizen section, each step of their requests, and the exports whose period covers
// one of their logs — and nothing about anyone else; the answer and the audit log name no one;
// members, reviewers, the province admin and another commune's leader get nothing.
import { describe, expect, it } from 'vitest';
import type { AuditPage, CitizenHistory } from '../../src/shared/privacy/audit';
import { uuidv7 } from '../../src/shared/sync/ids';
import { todayLocal } from '../../src/shared/text/dates';
import { describePostgres } from '../helpers/pg';
import { onPushThread, serverWorld, type WorldOptions } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { bearer, createMeta, hlcAt, logFields, mutation, pushOk, type Session } from './sync-fixtures';

const NAME = 'Trần Văn Bình';
const PHONE = '0912000111';

function citizen(session: Session, name: string, phone: string) {
  return { name, phone, consent: true, consentEvidence: { method: 'spoken', noticeVersion: 'vi-2026-12', recordedAt: '2026-03-02T08:00:00+07:00', recordedBy: session.userId } };
}

const event = (kind: string, subjectId: string | null, details: Record<string, unknown>) => ({ id: uuidv7(), kind, subjectId, occurredAt: '2026-03-02T09:00:00+07:00', details });

function historySuite<F extends StoreFixture>(factory: () => Promise<F>, options: WorldOptions<F> = {}): void {
  const world = serverWorld(factory, ['memberA', 'leaderA', 'reviewerA', 'leaderB', 'adminQN'], options);
  const history = (session: Session, payload: Record<string, unknown>) => world.app.inject({ method: 'POST', url: '/api/privacy/citizen-history', headers: bearer(session), payload });
  const post = (session: Session, events: unknown[]) => world.app.inject({ method: 'POST', url: '/api/audit/events', headers: bearer(session), payload: { events } });

  it("[CH1] a leader lists who viewed, changed and exported the citizen's logs and each step of their requests — nobody else's", async () => {
    const [mine, other, request] = [uuidv7(), uuidv7(), uuidv7()];
    await pushOk(world.app, world.memberA, [
      mutation('assistanceLogs', mine, logFields(world.memberA, { citizen: citizen(world.memberA, NAME, PHONE) })),
      mutation('assistanceLogs', other, logFields(world.memberA, { citizen: citizen(world.memberA, 'Lê Thị Hoa', '0912000999') })),
      mutation('rightsRequests', request, { ...createMeta(world.memberA), kind: 'access', requester: { name: NAME }, receivedOn: todayLocal(Date.now()), status: 'received' }),
    ]);
    await pushOk(world.app, world.memberA, [mutation('assistanceLogs', mine, { citizen: { ...citizen(world.memberA, NAME, PHONE), birthYear: 1960 } }, hlcAt(Date.now() + 1_000))]);
    const views = [event('citizen.viewed', mine, { table: 'assistanceLogs' }), event('citizen.viewed', other, { table: 'assistanceLogs' })];
    expect((await post(world.memberA, views)).statusCode).toBe(200);
    // The logs are of 02/03/2026: the first export covers that day, the second does not.
    const covering = event('citizen.exported', null, { reason: 'Báo cáo UBND xã tháng 3', from: '2026-02-15', to: '2026-03-14', rows: 2 });
    const elsewhere = event('citizen.exported', null, { reason: 'Báo cáo tháng 5', from: '2026-05-01', to: '2026-05-31', rows: 7 });
    expect((await post(world.leaderA, [covering, elsewhere])).statusCode).toBe(200);

    const res = await history(world.leaderA, { name: 'tran van binh' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const answer = res.json<CitizenHistory>();
    expect(answer.logIds).toEqual([mine]);
    expect(answer.requestIds).toEqual([request]);
    const lines = answer.events.map((e) => `${e.kind} ${e.subjectId ?? ''} ${e.actorName} ${JSON.stringify(e.details.change ?? e.details.step ?? e.details.reason ?? '').replaceAll('"', '')}`);
    expect(lines).toEqual([
      'citizen.exported  leaderA Báo cáo UBND xã tháng 3',
      `citizen.viewed ${mine} memberA `,
      `citizen.changed ${mine} memberA changed`,
      `rightsRequest.changed ${request} memberA received`,
      `citizen.changed ${mine} memberA added`,
    ]);
    // The answer names no one: the phone knows whom it asked about.
    expect(JSON.stringify(answer)).not.toMatch(/Bình|Binh|0912000/);

    // The phone number alone finds the logs (the request has no phone); both must match when both are given.
    expect((await history(world.leaderA, { phone: '+84 912 000 111' })).json<CitizenHistory>()).toMatchObject({ logIds: [mine], requestIds: [] });
    expect((await history(world.leaderA, { name: NAME, phone: '0912000999' })).json<CitizenHistory>()).toEqual({ logIds: [], requestIds: [], events: [] });

    // The lookup is in the audit log with its counts only.
    const audit = (await world.app.inject({ method: 'GET', url: '/api/audit/events', headers: bearer(world.leaderA) })).json<AuditPage>().events;
    expect(audit.filter((e) => e.kind === 'citizen.historyRead').map((e) => e.details)).toEqual([
      { logs: 0, requests: 0 },
      { logs: 1, requests: 0 },
      { logs: 1, requests: 1 },
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Bình|Binh|tran van|0912000/);
  });

  it("[CH2] another commune's leader finds nothing of it; members, reviewers and the province admin are refused, and that is logged", async () => {
    expect((await history(world.leaderB, { name: NAME })).json<CitizenHistory>()).toEqual({ logIds: [], requestIds: [], events: [] });
    for (const session of [world.memberA, world.reviewerA, world.adminQN]) expect((await history(session, { name: NAME })).statusCode).toBe(403);
    expect((await history(world.leaderA, {})).statusCode).toBe(400);
    expect((await history(world.leaderA, { name: '   ' })).statusCode).toBe(400);
    expect((await world.app.inject({ method: 'POST', url: '/api/privacy/citizen-history', payload: { name: NAME } })).statusCode).toBe(401);
    const audit = (await world.app.inject({ method: 'GET', url: '/api/audit/events', headers: bearer(world.leaderA) })).json<AuditPage>().events;
    const refused = audit.filter((e) => e.kind === 'access.refused' && e.details.action === 'citizen.history');
    expect(refused.map((e) => e.actorName).sort()).toEqual(['memberA', 'reviewerA']);
  });
}

describe("one citizen's history on SQLite (push thread, as the server runs)", () => {
  historySuite(sqliteFixture, { serverStore: onPushThread() });
});

describePostgres("one citizen's history on PostgreSQL", () => {
  historySuite(postgresFixture);
});
