import { describe, expect, it } from 'vitest';
import { computeActivity, groupSessionFactOf, instantMs, logFactOf, weeksOf } from './activity';
import { instantBounds, presetRange } from './period';
import type { ServiceGroup } from '../schemas/service';
import { MEMBER_A as A, MEMBER_B as B, groupSessionFact as session, logFact as log } from '../../../test/helpers/report-facts';

const GROUPS = new Map<string, ServiceGroup>([
  ['vneid-install-register', 'vneid'],
  ['vneid-activate-level2', 'vneid'],
  ['dvc-submit-online', 'public-service'],
  ['bank-account-open', 'payments'],
  ['online-safety', 'skills'],
]);
// The reporting period 15/6–14/7/2026.
const JUNE = presetRange('period', '2026-07-01');

describe('activity figures', () => {
  it("counts the plans' figures: online submission, who was helped, participants per audience", () => {
    const report = computeActivity({
      range: JUNE,
      today: '2026-07-01',
      logs: [
        log('2026-06-20T03:00:00.000Z', { serviceId: 'dvc-submit-online', onlineSubmission: 'full', helped: 'household_business' }),
        log('2026-06-21T03:00:00.000Z', { serviceId: 'dvc-submit-online', onlineSubmission: 'partial', helped: 'citizen' }),
        log('2026-06-22T03:00:00.000Z', { serviceId: 'dvc-submit-online', onlineSubmission: 'full', helped: 'citizen', deleted: true }),
        log('2026-06-23T03:00:00.000Z'),
      ],
      groupSessions: [session('2026-06-20T03:00:00.000Z', { audience: 'leaders', participants: 4 }), session('2026-06-25T03:00:00.000Z', { participants: 30 }), session('2026-07-20T03:00:00.000Z', { audience: 'citizens' })],
      serviceGroups: GROUPS,
    });
    expect(report.plan.onlineSubmission).toEqual({ full: 1, partial: 1 });
    expect(report.plan.helped).toEqual({ citizen: 1, household_business: 1, official: 0, unrecorded: 1 });
    expect(report.plan.audiences.leaders).toEqual({ sessions: 1, participants: 4 });
    expect(report.plan.audiences.citizens).toEqual({ sessions: 0, participants: 0 });
    expect(report.plan.audiences.unrecorded).toEqual({ sessions: 1, participants: 30 });
  });

  it('reads an old record without the new facts as not recorded, and ignores unknown values', () => {
    const fact = logFactOf({ id: 'x', occurredAt: '2026-06-20T03:00:00.000Z', serviceId: 's', outcome: 'done', onlineSubmission: 'fax', helped: 'alien' });
    expect(fact).toMatchObject({ onlineSubmission: null, helped: null });
    expect(groupSessionFactOf({ id: 'g', occurredAt: '2026-06-20T03:00:00.000Z', participants: 3 })).toMatchObject({ audience: null });
  });

  it('places a log by its local date in Asia/Ho_Chi_Minh: 2026-07-14T17:30Z is 15/7, the next period', () => {
    expect(JUNE).toEqual({ start: '2026-06-15', end: '2026-07-14' });
    const late = log('2026-07-14T17:30:00.000Z');
    const lastMinute = log('2026-07-14T16:59:59.000Z'); // 23:59:59 on 14/7 in Vietnam
    const firstMinute = log('2026-06-14T17:00:00.000Z'); // 00:00 on 15/6 in Vietnam
    const before = log('2026-06-14T16:59:59.000Z'); // 23:59:59 on 14/6
    const june = computeActivity({ range: JUNE, today: '2026-07-20', logs: [late, lastMinute, firstMinute, before], groupSessions: [], serviceGroups: GROUPS });
    expect(june.logs).toBe(2);
    const july = computeActivity({ range: presetRange('period', '2026-07-15'), today: '2026-07-20', logs: [late, lastMinute], groupSessions: [], serviceGroups: GROUPS });
    expect(july.range).toEqual({ start: '2026-07-15', end: '2026-08-14' });
    expect(july.logs).toBe(1);
    expect(instantBounds(JUNE)).toEqual({ from: '2026-06-14T17:00:00.000Z', before: '2026-07-14T17:00:00.000Z' });
  });

  it('leaves deleted logs and deleted group sessions out of every figure', () => {
    const report = computeActivity({
      range: JUNE,
      today: '2026-07-01',
      logs: [log('2026-06-20T02:00:00.000Z'), log('2026-06-20T03:00:00.000Z', { deleted: true, outcome: 'failed', barriers: ['portal_down'], followUpAt: '2026-06-21' })],
      groupSessions: [session('2026-06-20T02:00:00.000Z'), session('2026-06-21T02:00:00.000Z', { deleted: true, participants: 99 })],
      serviceGroups: GROUPS,
    });
    expect(report.logs).toBe(1);
    expect(report.outcomes).toEqual({ done: 1, partial: 0, referred: 0, failed: 0 });
    expect(report.barriers).toEqual([]);
    expect(report.followUps).toEqual({ open: 0, overdue: 0 });
    expect(report.groupSessions).toEqual({ sessions: 1, participants: 10, women: 0, elderly: 0, ethnicMinority: 0 });
    expect(report.byWeek.reduce((t, w) => t + w.logs, 0)).toBe(1);
  });

  it('counts group sessions separately: never in logs, citizens assisted, outcomes or kinds of help', () => {
    const report = computeActivity({
      range: JUNE,
      today: '2026-07-01',
      logs: [log('2026-06-16T02:00:00.000Z')],
      groupSessions: [
        session('2026-06-16T02:00:00.000Z', { participants: 30, women: 18, elderly: 7, ethnicMinority: 12 }),
        session('2026-06-23T02:00:00.000Z', { participants: 12, women: 5, elderly: 2, ethnicMinority: 0 }),
        session('2026-07-15T02:00:00.000Z', { participants: 50 }), // next period
      ],
      serviceGroups: GROUPS,
    });
    expect(report.logs).toBe(1);
    expect(report.citizensAssisted).toBe(1);
    expect(report.byGroup.find((g) => g.key === 'skills')?.count).toBe(0);
    expect(report.groupSessions).toEqual({ sessions: 2, participants: 42, women: 23, elderly: 9, ethnicMinority: 12 });
    // Weekly: participants beside logs, in their own weeks.
    const week = (start: string) => report.byWeek.find((w) => w.start === start);
    expect(week('2026-06-15')).toMatchObject({ logs: 1, participants: 30 });
    expect(week('2026-06-22')).toMatchObject({ logs: 0, participants: 12 });
  });

  it('counts by kind, group, outcome, barrier, village, member and open follow-ups', () => {
    const V1 = '0197c1a2-0000-7000-8000-0000000000c1';
    const logs = [
      log('2026-06-15T01:00:00.000Z', { serviceId: 'vneid-install-register', villageId: V1, barriers: ['no_smartphone', 'weak_network'], durationMin: 20, assistedOnTeamDevice: true }),
      log('2026-06-16T01:00:00.000Z', { serviceId: 'vneid-activate-level2', outcome: 'partial', villageId: V1, barriers: ['no_chip_id'], followUpAt: '2026-06-30' }),
      log('2026-06-17T01:00:00.000Z', { serviceId: 'dvc-submit-online', outcome: 'failed', barriers: ['portal_down', 'no_smartphone'], followUpAt: '2026-07-05', createdBy: B }),
      log('2026-06-18T01:00:00.000Z', { serviceId: 'bank-account-open', outcome: 'referred', createdBy: B, followUpAt: '2026-06-20', followUpDone: true }),
      log('2026-06-19T01:00:00.000Z', { serviceId: 'retired-code', outcome: 'done', createdBy: B, durationMin: 10 }),
    ];
    const report = computeActivity({ range: JUNE, today: '2026-07-01', logs, groupSessions: [], serviceGroups: GROUPS });
    expect(report.logs).toBe(5);
    expect(report.minutes).toBe(30);
    expect(report.onTeamDevice).toBe(1);
    expect(report.outcomes).toEqual({ done: 2, partial: 1, referred: 1, failed: 1 });
    expect(report.byGroup).toEqual([
      { key: 'vneid', count: 2 },
      { key: 'public-service', count: 1 },
      { key: 'payments', count: 1 },
      { key: 'skills', count: 0 },
      { key: 'other', count: 1 }, // a code the catalogue does not know
    ]);
    expect(report.byService[0]).toEqual({ key: 'bank-account-open', count: 1 });
    expect(report.byService).toHaveLength(5);
    expect(report.barriers).toEqual([
      { key: 'no_smartphone', count: 2 },
      { key: 'no_chip_id', count: 1 },
      { key: 'portal_down', count: 1 },
      { key: 'weak_network', count: 1 },
    ]);
    expect(report.logsWithBarrier).toBe(3);
    expect(report.byVillage).toEqual([{ key: null, count: 3 }, { key: V1, count: 2 }]);
    expect(report.byMember).toEqual([{ key: B, count: 3 }, { key: A, count: 2 }]);
    // Open: the 30/6 one (overdue on 1/7) and the 5/7 one; the done one is closed.
    expect(report.followUps).toEqual({ open: 2, overdue: 1 });
  });

  it('has one bucket per week the period touches, clipped to the period, zeros included', () => {
    const weeks = weeksOf(JUNE);
    expect(weeks[0]).toEqual({ start: '2026-06-15', end: '2026-06-21' }); // 15/6/2026 is a Monday
    expect(weeks[weeks.length - 1]).toEqual({ start: '2026-07-13', end: '2026-07-14' });
    expect(weeks).toHaveLength(5);
    expect(weeksOf({ start: '2026-07-15', end: '2026-07-15' })).toEqual([{ start: '2026-07-15', end: '2026-07-15' }]);
    const report = computeActivity({ range: JUNE, today: '2026-07-01', logs: [log('2026-07-13T18:00:00.000Z')], groupSessions: [], serviceGroups: GROUPS });
    expect(report.byWeek.map((w) => w.logs)).toEqual([0, 0, 0, 0, 1]);
  });

  it('reads facts defensively from stored records', () => {
    expect(logFactOf({ id: 'x', occurredAt: 'yesterday', serviceId: 'a', outcome: 'done' })).toBeNull();
    expect(logFactOf({ id: 'x', occurredAt: '2026-06-15T01:00:00.000Z', serviceId: 'a', outcome: 'maybe' })).toBeNull();
    expect(logFactOf({ id: 'x', occurredAt: '2026-06-15T01:00:00.000Z', serviceId: 'a', outcome: 'done', barriers: ['portal_down', 'bogus'], followUpAt: '2026-02-30' })).toMatchObject({
      barriers: ['portal_down'],
      followUpAt: null,
      deleted: false,
      villageId: null,
    });
    expect(groupSessionFactOf({ id: 'g', occurredAt: '2026-06-15T01:00:00.000Z', participants: 12, women: null })).toMatchObject({ participants: 12, women: 0 });
    expect(groupSessionFactOf({ id: 'g' })).toBeNull();
  });

  it('parses stored instants on a fast path and still refuses impossible or zone-less ones', () => {
    expect(instantMs('2026-07-14T17:30:00.000Z')).toBe(Date.UTC(2026, 6, 14, 17, 30));
    expect(instantMs('2026-07-15T00:30:00+07:00')).toBe(Date.UTC(2026, 6, 14, 17, 30));
    expect(instantMs('2026-02-30T00:00:00.000Z')).toBeNaN(); // Date.parse alone would accept it
    expect(instantMs('2026-07-14T17:30:00')).toBeNaN();
    expect(instantMs('')).toBeNaN();
  });
});
