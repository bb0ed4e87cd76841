// Who may push what (docs/sync.md §5, src/shared/sync/PROTOCOL.md), on a real SQLite file and a real
// PostgreSQL database: a commune's records stay its own, each role writes only what it may, reviewers read
// logs without the citizen, reference data belongs to the province's admin. Test ids: I8, A3, A12.
import { afterAll, describe, expect, it } from 'vitest';
import { seedServices } from '../../src/shared/seed';
import { uuidv7 } from '../../src/shared/sync/ids';
import { fromWireRecord, type PushResponse } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { consentBy, findIn, onPushThread, scopeRows, serverWorld, type WorldOptions } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { COMMUNE_A, COMMUNE_B, contactFields, createMeta, hlcAt, logFields, mutation, pullAll, push, pushOk, type Session } from './sync-fixtures';

/** The figures of a sent report (schemas/period-report.ts periodResultsSchema). */
const PERIOD_RESULTS = {
  logs: 1, onTeamDevice: 0, outcomes: { done: 1, partial: 0, referred: 0, failed: 0 }, byGroup: { vneid: 1, 'public-service': 0, payments: 0, skills: 0, other: 0 },
  onlineSubmission: { full: 0, partial: 0 }, helped: { citizen: 1, household_business: 0, official: 0, unrecorded: 0 }, sessions: 0, participants: 0,
  trained: { leaders: 0, full_time_officials: 0, staff: 0, citizens: 0, unrecorded: 0 },
  barriers: { no_smartphone: 0, no_chip_id: 0, vneid_not_level2: 0, no_bank_account: 0, portal_down: 1, weak_network: 0, language: 0, disability: 0, other: 0 },
  readinessPercent: null, blockedItems: 0, overdueItems: 0, followUpsOpen: 0,
};

function scopeSuite<F extends StoreFixture>(factory: () => Promise<F>, options: WorldOptions<F> = {}): void {
  const world = serverWorld(factory, ['memberA', 'member2A', 'leaderA', 'reviewerA', 'memberB', 'adminQN', 'adminKT'], options);

  describe('POST /api/sync/push', () => {
    describe('scope and roles', () => {
      it('[I8] a forged communeId on create → wrong_commune; a forged createdBy → immutable_field; nothing stored anywhere', async () => {
        const forgedCommune = mutation('contacts', uuidv7(), contactFields(world.memberA, { communeId: COMMUNE_B.id }));
        const forgedAuthor = mutation('contacts', uuidv7(), contactFields(world.memberA, { createdBy: world.member2A.userId }));
        const res = await pushOk(world.app, world.memberA, [forgedCommune, forgedAuthor]);
        expect(res.rejected).toEqual([
          { id: forgedCommune.id, code: 'wrong_commune', message: 'sync.wrongCommune' },
          { id: forgedAuthor.id, code: 'immutable_field', message: 'sync.immutableField' },
        ]);
        for (const scope of [COMMUNE_A.id, COMMUNE_B.id]) {
          const ids = (await scopeRows(world.store, scope)).map((row) => row.record.id);
          expect(ids).not.toContain(forgedCommune.recordId);
          expect(ids).not.toContain(forgedAuthor.recordId);
        }
      });

      it('[I8] commune B can neither change nor read commune A’s record, and learns nothing from the answer', async () => {
        const recordId = uuidv7();
        await pushOk(world.app, world.memberA, [mutation('contacts', recordId, contactFields(world.memberA, { name: 'Bí mật của xã A' }))]);
        const before = (await scopeRows(world.store, COMMUNE_A.id)).find((row) => row.record.id === recordId)!;

        const attacks = [
          mutation('contacts', recordId, { name: 'Đã bị sửa' }, hlcAt(Date.now() + 60_000)),
          mutation('contacts', recordId, { deleted: true }, hlcAt(Date.now() + 60_000)),
          mutation('contacts', recordId, contactFields(world.memberB, { name: 'Ghi đè' }), hlcAt(Date.now() + 60_000)),
        ];
        const res = await push(world.app, world.memberB, attacks);
        expect(res.statusCode).toBe(200);
        expect(res.json<PushResponse>().rejected.map((r) => r.code)).toEqual(['wrong_commune', 'wrong_commune', 'wrong_commune']);
        expect(res.body).not.toContain(COMMUNE_A.id);
        expect(res.body).not.toContain('Bí mật');

        const after = (await scopeRows(world.store, COMMUNE_A.id)).find((row) => row.record.id === recordId)!;
        expect(after).toEqual(before);
        expect((await scopeRows(world.store, COMMUNE_B.id)).some((row) => row.record.id === recordId)).toBe(false);
        const seenByB = await pullAll(world.app, world.memberB);
        expect(seenByB.changes.some((change) => change.id === recordId || change.record.communeId === COMMUNE_A.id)).toBe(false);
        expect(JSON.stringify(seenByB.changes)).not.toContain('Bí mật');
      });

      it('[I8] a forged or borrowed cursor gives commune B nothing of commune A', async () => {
        const { cursor: cursorOfA } = await pullAll(world.app, world.memberA);
        const decoded = JSON.parse(Buffer.from(cursorOfA, 'base64url').toString()) as Record<string, unknown>;
        const forged = Buffer.from(JSON.stringify({ ...decoded, c: 0, p: 0 })).toString('base64url');
        for (const cursor of [cursorOfA, forged]) {
          const { changes } = await pullAll(world.app, world.memberB, cursor);
          expect(changes.every((change) => change.record.communeId === COMMUNE_B.id || change.record.communeId === null)).toBe(true);
        }
      });

      it('[A12] members may not edit a teammate’s log; leaders may; reviewers and admins write no logs', async () => {
        const logId = uuidv7();
        await pushOk(world.app, world.memberA, [mutation('assistanceLogs', logId, logFields(world.memberA))]);
        const byTeammate = mutation('assistanceLogs', logId, { outcome: 'failed' });
        const byReviewer = mutation('assistanceLogs', uuidv7(), logFields(world.reviewerA));
        const byAdmin = mutation('assistanceLogs', uuidv7(), { ...logFields(world.adminQN), communeId: COMMUNE_A.id });
        expect((await pushOk(world.app, world.member2A, [byTeammate])).rejected).toEqual([{ id: byTeammate.id, code: 'forbidden', message: 'sync.notAllowed' }]);
        expect((await pushOk(world.app, world.reviewerA, [byReviewer])).rejected[0]?.code).toBe('forbidden');
        expect((await pushOk(world.app, world.adminQN, [byAdmin])).rejected[0]?.code).toBe('forbidden');
        const byLeader = mutation('assistanceLogs', logId, { outcome: 'referred' });
        expect((await pushOk(world.app, world.leaderA, [byLeader])).acked).toEqual([byLeader.id]);
        const stored = (await scopeRows(world.store, COMMUNE_A.id)).find((row) => row.record.id === logId)!;
        expect(stored.record).toMatchObject({ outcome: 'referred', createdBy: world.memberA.userId });
      });

      it('[A12] members add and edit contacts but only leaders delete them; only leaders create checklists', async () => {
        const contactId = uuidv7();
        await pushOk(world.app, world.memberA, [mutation('contacts', contactId, contactFields(world.memberA))]);
        const memberDelete = mutation('contacts', contactId, { deleted: true });
        expect((await pushOk(world.app, world.member2A, [memberDelete])).rejected[0]?.code).toBe('forbidden');
        expect((await pushOk(world.app, world.member2A, [mutation('contacts', contactId, { favorite: true })])).rejected).toEqual([]);
        expect((await pushOk(world.app, world.leaderA, [mutation('contacts', contactId, { deleted: true })])).rejected).toEqual([]);

        const checklist = { ...createMeta(world.memberA), templateId: 'readiness', templateVersion: 1, title: 'Sẵn sàng', scope: 'commune' };
        const byMember = mutation('checklists', uuidv7(), checklist);
        expect((await pushOk(world.app, world.memberA, [byMember])).rejected[0]?.code).toBe('forbidden');
        const byLeader = mutation('checklists', uuidv7(), { ...checklist, communeId: COMMUNE_A.id, createdBy: world.leaderA.userId });
        expect((await pushOk(world.app, world.leaderA, [byLeader])).acked).toEqual([byLeader.id]);
      });

      it('[A12] reviewers sign off in their own name only; a sign-off is never edited, only withdrawn by its author', async () => {
        const checklistId = uuidv7();
        const signOff = (signedBy: string) => ({
          ...createMeta(world.reviewerA),
          checklistId,
          signedBy,
          signedAt: '2026-03-02T10:00:00+07:00',
          comment: 'Đạt',
        });
        const forged = mutation('signOffs', uuidv7(), signOff(world.leaderA.userId));
        expect((await pushOk(world.app, world.reviewerA, [forged])).rejected).toEqual([{ id: forged.id, code: 'forbidden', message: 'sync.signOffNotYours' }]);
        const own = mutation('signOffs', uuidv7(), signOff(world.reviewerA.userId));
        expect((await pushOk(world.app, world.reviewerA, [own])).acked).toEqual([own.id]);
        const edit = mutation('signOffs', own.recordId, { comment: 'Sửa lại' });
        expect((await pushOk(world.app, world.reviewerA, [edit])).rejected[0]?.code).toBe('immutable_field');
        expect((await pushOk(world.app, world.memberA, [mutation('signOffs', own.recordId, { deleted: true })])).rejected[0]?.code).toBe('forbidden');
        expect((await pushOk(world.app, world.reviewerA, [mutation('signOffs', own.recordId, { deleted: true })])).rejected).toEqual([]);
      });

      it('[A12] period reports: the team leader and the commune leadership (reviewer) draft and edit, members cannot; a submission names its sender and is never edited nor withdrawn', async () => {
        const { app, memberA, member2A, leaderA, reviewerA, memberB } = world;
        const reportId = uuidv7();
        const period = { kind: 'period', periodStart: '2026-02-15', periodEnd: '2026-03-14' };
        expect((await pushOk(app, memberA, [mutation('periodReports', uuidv7(), { ...createMeta(memberA), ...period })])).rejected[0]?.code).toBe('forbidden');
        const created = mutation('periodReports', reportId, { ...createMeta(leaderA), ...period, difficulties: 'Cổng chậm' });
        expect((await pushOk(app, leaderA, [created])).acked).toEqual([created.id]);
        expect((await pushOk(app, memberA, [mutation('periodReports', reportId, { proposals: 'x' })])).rejected[0]?.code).toBe('forbidden');
        const byOffice = mutation('periodReports', reportId, { proposals: 'Đề nghị Sở cấp thêm máy tính bảng' });
        expect((await pushOk(app, reviewerA, [byOffice])).acked).toEqual([byOffice.id]);
        const backwards = mutation('periodReports', reportId, { periodEnd: '2026-02-01' });
        expect((await pushOk(app, leaderA, [backwards])).rejected[0]?.message).toBe('validation.endBeforeStart');
        const submission = (sender: Session) => ({ ...createMeta(sender), reportId, version: 1, ...period, documentNumber: '14/BC-UBND', documentDate: '2026-03-18', submittedBy: sender.userId, submittedAt: '2026-03-18T02:00:00.000Z', results: PERIOD_RESULTS });
        const forged = mutation('reportSubmissions', uuidv7(), { ...submission(leaderA), submittedBy: member2A.userId });
        expect((await pushOk(app, leaderA, [forged])).rejected).toEqual([{ id: forged.id, code: 'forbidden', message: 'sync.submissionNotYours' }]);
        const sent = mutation('reportSubmissions', uuidv7(), submission(leaderA));
        expect((await pushOk(app, leaderA, [sent])).acked).toEqual([sent.id]);
        expect((await pushOk(app, leaderA, [mutation('reportSubmissions', sent.recordId, { documentNumber: '15/BC-UBND' })])).rejected[0]?.code).toBe('forbidden');
        expect((await pushOk(app, leaderA, [mutation('reportSubmissions', sent.recordId, { deleted: true })])).rejected[0]?.code).toBe('forbidden');
        const correction = mutation('reportSubmissions', uuidv7(), { ...submission(reviewerA), version: 2, supersedes: sent.recordId, documentNumber: '15/BC-UBND' });
        expect((await pushOk(app, reviewerA, [correction])).acked).toEqual([correction.id]);
        const { changes } = await pullAll(app, memberB);
        expect(changes.some((change) => change.table === 'reportSubmissions' || change.table === 'periodReports')).toBe(false);
      });

      it('[A12] new consent evidence must name the member who pushes it', async () => {
        const m = mutation('assistanceLogs', uuidv7(), logFields(world.memberA, { citizen: { name: 'A Lăng', consent: true, consentEvidence: consentBy(world.member2A) } }));
        expect((await pushOk(world.app, world.memberA, [m])).rejected).toEqual([{ id: m.id, code: 'forbidden', message: 'sync.consentNotYours' }]);
      });

      it('[A3] reviewers pull logs without the citizen sub-object; members get it', async () => {
        const logId = uuidv7();
        await pushOk(world.app, world.memberA, [
          mutation('assistanceLogs', logId, logFields(world.memberA, { citizen: { name: 'Hồ Thị Mai', phone: '0987654321', consent: true, consentEvidence: consentBy(world.memberA) } })),
        ]);
        const forReviewer = findIn((await pullAll(world.app, world.reviewerA)).changes, logId)!;
        expect(forReviewer.record).not.toHaveProperty('citizen');
        expect(JSON.stringify(forReviewer)).not.toMatch(/0987654321|Hồ Thị Mai|"citizen"/);
        expect(forReviewer.record).toMatchObject({ serviceId: 'vneid-install-register', outcome: 'done' });
        const forMember = findIn((await pullAll(world.app, world.member2A)).changes, logId)!;
        expect(forMember.record).toMatchObject({ citizen: { name: 'Hồ Thị Mai', phone: '0987654321' } });
      });

      it('[A12] reference data: only an admin of the province writes it, each province keeps its own copy', async () => {
        const service = seedServices()[0]!;
        const rename = (session: Session) => mutation('services', service.id, { name: { vi: `Đổi tên bởi ${session.name}`, en: '' } });
        expect((await pushOk(world.app, world.leaderA, [rename(world.leaderA)])).rejected[0]?.code).toBe('forbidden');
        const byAdmin = rename(world.adminQN);
        expect((await pushOk(world.app, world.adminQN, [byAdmin])).acked).toEqual([byAdmin.id]);
        const forgedProvince = mutation('services', uuidv7(), { ...service, id: undefined, provinceId: 'kon-tum' });
        expect((await pushOk(world.app, world.adminQN, [forgedProvince])).rejected[0]?.code).toBe('wrong_commune');

        const inQuangNgai = fromWireRecord(findIn((await pullAll(world.app, world.memberA)).changes, service.id)!.record);
        expect(inQuangNgai.name).toEqual({ vi: 'Đổi tên bởi adminQN', en: '' });
        const inKonTum = fromWireRecord(findIn((await pullAll(world.app, world.adminKT)).changes, service.id)!.record);
        expect(inKonTum.name).toEqual(service.name);
      });
    });
  });
}

describe('sync API on SQLite (pushes on the push thread, as the server runs)', () => {
  const backgroundErrors: Error[] = [];
  scopeSuite(sqliteFixture, { serverStore: onPushThread((error) => backgroundErrors.push(error)) });
  afterAll(() => expect(backgroundErrors).toEqual([]));
});

describePostgres('sync API on PostgreSQL', () => {
  scopeSuite(postgresFixture);
});
