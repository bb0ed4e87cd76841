// The province returns a commune's sent report for correction (issue 15 item 5; docs/reports.md
// "Returned for correction") on a real SQLite file and a real PostgreSQL database: the admin
// returns the latest version with a reason, the server writes it on the commune's draft (which the
// leaders pull, and cannot change themselves), the compiled view shows the commune as returned
// until a correction comes, and every return is audited. Test ids: RR….
import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/server/errors';
import { compiledReportSchema } from '../../src/shared/reports/compiled';
import type { AuditPage } from '../../src/shared/privacy/audit';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import { describePostgres } from '../helpers/pg';
import { serverWorld } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { bearer, COMMUNE_A, createMeta, mutation, pull, pushOk, type Session } from './sync-fixtures';

const JUNE = { start: '2026-06-15', end: '2026-07-14' };
const ZERO = { done: 0, partial: 0, referred: 0, failed: 0 };
const RESULTS = {
  logs: 3, onTeamDevice: 0, outcomes: { ...ZERO, done: 3 }, byGroup: { vneid: 3, 'public-service': 0, payments: 0, skills: 0, other: 0 },
  onlineSubmission: { full: 0, partial: 0 }, helped: { citizen: 0, household_business: 0, official: 0, unrecorded: 3 }, sessions: 0, participants: 0,
  trained: { leaders: 0, full_time_officials: 0, staff: 0, citizens: 0, unrecorded: 0 },
  barriers: { no_smartphone: 0, no_chip_id: 0, vneid_not_level2: 0, no_bank_account: 0, portal_down: 0, weak_network: 0, language: 0, disability: 0, other: 0 },
  readinessPercent: null, blockedItems: 0, overdueItems: 0, followUpsOpen: 0,
};

function returnsSuite(factory: () => Promise<StoreFixture>): void {
  const world = serverWorld(factory, ['leaderA', 'memberA', 'adminQN', 'adminKT']);
  const reportId = uuidv7();
  const sent: SyncedRecord[] = [];
  const send = (session: Session, version: number, body: Record<string, unknown>) =>
    world.app.inject({ method: 'POST', url: '/api/reports/returns', headers: bearer(session), payload: body }).then((res) => ({ res, version }));
  const compiledA = async () => {
    const res = await world.app.inject({ method: 'GET', url: `/api/reports/compiled?start=${JUNE.start}&end=${JUNE.end}`, headers: bearer(world.adminQN) });
    return compiledReportSchema.parse(res.json()).communes.find((c) => c.communeId === COMMUNE_A.id)!;
  };
  const submit = async (version: number) => {
    const id = uuidv7();
    const at = new Date().toISOString();
    const fields = { ...createMeta(world.leaderA), reportId, version, supersedes: sent.at(-1)?.id ?? null, kind: 'period', periodStart: JUNE.start, periodEnd: JUNE.end, documentNumber: `${10 + version}/BC-UBND`, documentDate: '2026-07-16', submittedBy: world.leaderA.userId, submittedAt: at, summary: null, results: RESULTS, resultsNote: null, difficulties: 'Mạng yếu.', proposals: null, nextPlan: null, signerName: null };
    expect((await pushOk(world.app, world.leaderA, [mutation('reportSubmissions', id, fields)])).rejected).toEqual([]);
    sent.push({ id, ...fields, clocks: {} });
    return id;
  };
  const draft = async () => (await world.store.records.listRecords({ scope: COMMUNE_A.id, tables: ['periodReports'] })).find((row) => row.record.id === reportId)?.record;

  it('[RR1] the admin returns the latest version with a reason: written on the draft, shown in the compiled view, audited', async () => {
    await pushOk(world.app, world.leaderA, [mutation('periodReports', reportId, { ...createMeta(world.leaderA), kind: 'period', periodStart: JUNE.start, periodEnd: JUNE.end, difficulties: 'Mạng yếu.' })]);
    const first = await submit(1);
    expect((await compiledA()).status).not.toBe('returned');
    const { res } = await send(world.adminQN, 1, { communeId: COMMUNE_A.id, submissionId: first, reason: '  Thiếu số liệu buổi hướng dẫn nhóm.  ' });
    expect(res.statusCode, res.body).toBe(200);
    const returned = (await draft())?.returned;
    expect(returned).toMatchObject({ submissionId: first, version: 1, reason: 'Thiếu số liệu buổi hướng dẫn nhóm.' });
    expect(await compiledA()).toMatchObject({ status: 'returned', returned: { reason: 'Thiếu số liệu buổi hướng dẫn nhóm.' }, submission: { id: first } });
    // The leaders' phones receive it with the draft.
    const page = (await pull(world.app, world.memberA)).json<{ changes: { table: string; record: { id: string; returned?: unknown } }[] }>();
    expect(page.changes.find((c) => c.table === 'periodReports' && c.record.id === reportId)?.record.returned).toEqual(returned);
    const audit = (await world.app.inject({ method: 'GET', url: '/api/audit/events', headers: bearer(world.adminQN) })).json<AuditPage>();
    expect(audit.events.find((e) => e.kind === 'report.returned')).toMatchObject({ subjectId: first, details: { version: 1, periodStart: JUNE.start, periodEnd: JUNE.end } });
  });

  it('[RR2] a leader cannot clear or forge the return; the same version cannot be returned twice', async () => {
    const refused = await pushOk(world.app, world.leaderA, [mutation('periodReports', reportId, { returned: null })]);
    expect(refused.rejected.map((r) => r.code)).toEqual(['forbidden']);
    expect((await draft())?.returned).not.toBeNull();
    const again = await send(world.adminQN, 1, { communeId: COMMUNE_A.id, submissionId: sent[0]!.id, reason: 'Lần nữa.' });
    expect(again.res.statusCode).toBe(409);
  });

  it('[RR3] a correction answers it: the commune is no longer returned, and only the latest version can be returned', async () => {
    const second = await submit(2);
    const now = await compiledA();
    expect(now.status).not.toBe('returned');
    expect(now).toMatchObject({ returned: null, submission: { id: second, version: 2 } });
    const old = await send(world.adminQN, 1, { communeId: COMMUNE_A.id, submissionId: sent[0]!.id, reason: 'Bản cũ.' });
    expect(old.res.statusCode).toBe(409);
    expect(old.res.json<ErrorBody>().error.code).toBe('conflict');
  });

  it('[RR4] another province\'s admin gets 404, a commune account 403, a bad body 400 — nothing written', async () => {
    const before = await draft();
    const body = { communeId: COMMUNE_A.id, submissionId: sent[1]!.id, reason: 'Không được.' };
    expect((await send(world.adminKT, 2, body)).res.statusCode).toBe(404);
    expect((await send(world.leaderA, 2, body)).res.statusCode).toBe(403);
    for (const bad of [{ ...body, reason: 'x' }, { ...body, submissionId: 'nope' }, { ...body, extra: 1 }, { ...body, reason: 'a'.repeat(1001) }]) {
      expect((await send(world.adminQN, 2, bad)).res.statusCode).toBe(400);
    }
    expect(await draft()).toEqual(before);
  });
}

describe('returning a report on SQLite', () => returnsSuite(sqliteFixture));
describePostgres('returning a report on PostgreSQL', () => returnsSuite(postgresFixture));
