import { describe, expect, it } from 'vitest';
import { computeActivity } from './activity';
import { indicatorsOf, percentOf, type Indicator } from './indicators';
import { presetRange } from './period';
import { periodResultsOf } from './period-results';
import { computeReadiness } from './readiness';
import type { ServiceGroup } from '../schemas/service';
import { periodResultsSchema } from '../schemas/period-report';
import { groupSessionFact as session, logFact as log } from '../../../test/helpers/report-facts';

const GROUPS = new Map<string, ServiceGroup>([
  ['dvc-submit-online', 'public-service'],
  ['bank-account-open', 'payments'],
  ['connectivity-smartphone', 'other'],
]);
// The reporting period 15/6–14/7/2026; 00:30 on 15/6 in Vietnam is 17:30 UTC on 14/6.
const JUNE = presetRange('period', '2026-07-01');

function indicators(logs: ReturnType<typeof log>[], sessions: ReturnType<typeof session>[] = []): Record<Indicator, number | null> {
  const activity = computeActivity({ range: JUNE, today: '2026-07-01', logs, groupSessions: sessions, serviceGroups: GROUPS });
  const readiness = computeReadiness({ checklists: [], states: [], templates: [], today: '2026-07-01' });
  const results = periodResultsSchema.parse(periodResultsOf(activity, readiness));
  return Object.fromEntries(indicatorsOf(results).map((i) => [i.key, i.value])) as Record<Indicator, number | null>;
}

describe('plan indicators of a period', () => {
  it('the share of the dossiers helped with that went in fully online, of those whose mode is recorded', () => {
    const online = (at: string, mode: 'full' | 'partial' | null, extra = {}) => log(at, { serviceId: 'dvc-submit-online', onlineSubmission: mode, ...extra });
    const values = indicators([
      online('2026-06-14T17:30:00.000Z', 'full'), // 00:30 on the 15th in Vietnam: in the period
      online('2026-06-14T16:30:00.000Z', 'full'), // 23:30 on the 14th: the previous period
      online('2026-06-20T03:00:00.000Z', 'full'),
      online('2026-06-21T03:00:00.000Z', 'partial'),
      online('2026-06-22T03:00:00.000Z', null), // mode not recorded: not in the share
      online('2026-06-23T03:00:00.000Z', 'full', { deleted: true }),
      online('2026-07-14T17:00:00.000Z', 'partial'), // 00:00 on 15/7: the next period
    ]);
    expect(values.onlineFullShare).toBe(67); // 2 of 3
  });

  it('no share when no dossier recorded its mode (never 0 %)', () => {
    expect(indicators([log('2026-06-20T03:00:00.000Z')]).onlineFullShare).toBeNull();
  });

  it('people got to a payment account or a smartphone: completed help only', () => {
    const values = indicators([
      log('2026-06-20T03:00:00.000Z', { serviceId: 'bank-account-open' }),
      log('2026-06-20T04:00:00.000Z', { serviceId: 'bank-account-open', outcome: 'partial' }),
      log('2026-06-20T05:00:00.000Z', { serviceId: 'bank-account-open', outcome: 'failed' }),
      log('2026-06-21T03:00:00.000Z', { serviceId: 'connectivity-smartphone' }),
      log('2026-06-21T04:00:00.000Z', { serviceId: 'connectivity-smartphone' }),
      log('2026-06-21T05:00:00.000Z', { serviceId: 'connectivity-smartphone', deleted: true }),
    ]);
    expect([values.paymentAccounts, values.smartphoneSetups]).toEqual([1, 2]);
  });

  it('people trained per audience, from the group sessions of the period', () => {
    const values = indicators(
      [],
      [
        session('2026-06-20T03:00:00.000Z', { audience: 'leaders', participants: 4 }),
        session('2026-06-21T03:00:00.000Z', { audience: 'full_time_officials', participants: 7 }),
        session('2026-06-22T03:00:00.000Z', { audience: 'staff', participants: 12 }),
        session('2026-06-23T03:00:00.000Z', { audience: 'citizens', participants: 30 }),
        session('2026-06-24T03:00:00.000Z', { audience: 'citizens', participants: 25 }),
        session('2026-06-25T03:00:00.000Z', { participants: 40 }), // audience not recorded
        session('2026-07-20T03:00:00.000Z', { audience: 'leaders', participants: 9 }), // next period
      ],
    );
    expect([values.trainedLeaders, values.trainedOfficials, values.trainedStaff, values.trainedCitizens]).toEqual([4, 7, 12, 55]);
  });

  it('a report sent before the account and smartphone figures were counted reads them as unknown', () => {
    const activity = computeActivity({ range: JUNE, today: '2026-07-01', logs: [], groupSessions: [], serviceGroups: GROUPS });
    const { reached: _dropped, ...old } = periodResultsOf(activity, computeReadiness({ checklists: [], states: [], templates: [], today: '2026-07-01' }));
    const values = indicatorsOf(periodResultsSchema.parse(old));
    expect(values.find((v) => v.key === 'paymentAccounts')?.value).toBeNull();
    expect(values.find((v) => v.key === 'trainedCitizens')?.value).toBe(0);
  });

  it('rounds a share half up to a whole percent', () => {
    expect([percentOf(1, 3), percentOf(1, 8), percentOf(5, 8), percentOf(0, 4), percentOf(0, 0)]).toEqual([33, 13, 63, 0, null]);
  });
});
