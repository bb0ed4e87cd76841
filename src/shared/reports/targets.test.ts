import { describe, expect, it } from 'vitest';
import { computeActivity } from './activity';
import { presetRange } from './period';
import { periodResultsOf } from './period-results';
import { computeReadiness } from './readiness';
import { DEFAULT_DUE_DAYS_AFTER_END } from './report-period';
import { amountText, dueDaysOf, indicatorsFor, targetFor, targetRows, targetStatus } from './targets';
import type { ServiceGroup } from '../schemas/service';
import { periodResultsSchema, type PeriodResults } from '../schemas/period-report';
import { reportSettingsFieldsSchema, type IndicatorDefinition } from '../schemas/report-settings';
import { groupSessionFact as session, logFact as log } from '../../../test/helpers/report-facts';

const GROUPS = new Map<string, ServiceGroup>([['dvc-submit-online', 'public-service']]);
const JUNE = presetRange('period', '2026-07-01'); // 15/6–14/7/2026

function resultsOf(logs: ReturnType<typeof log>[], sessions: ReturnType<typeof session>[] = []): PeriodResults {
  const activity = computeActivity({ range: JUNE, today: '2026-07-01', logs, groupSessions: sessions, serviceGroups: GROUPS });
  const readiness = computeReadiness({ checklists: [], states: [], templates: [], today: '2026-07-01' });
  return periodResultsSchema.parse(periodResultsOf(activity, readiness));
}

const indicator = (over: Partial<IndicatorDefinition>): IndicatorDefinition => ({
  id: 'ho-so-toan-trinh',
  name: 'Tỷ lệ hồ sơ trực tuyến toàn trình',
  unit: '%',
  source: 'onlineFullShare',
  target: 60,
  communeTargets: [],
  from: '2026-01-01',
  to: '2026-12-31',
  active: true,
  ...over,
});

const online = (day: string, mode: 'full' | 'partial') => log(`2026-06-${day}T03:00:00.000Z`, { serviceId: 'dvc-submit-online', onlineSubmission: mode });

describe('indicators against targets', () => {
  it('computes the online share from the logs and says đạt when it reaches the target, chưa đạt below', () => {
    const results = resultsOf([online('20', 'full'), online('21', 'full'), online('22', 'partial')]); // 67 %
    const settings = { indicators: [indicator({ target: 60 }), indicator({ id: 'cao', target: 70 })] };
    const rows = targetRows(settings, 'ngok-bay', JUNE, results, new Map());
    expect(rows.map((r) => [r.id, r.value, r.of, r.target, r.met])).toEqual([
      ['ho-so-toan-trinh', 67, 3, 60, true],
      ['cao', 67, 3, 70, false],
    ]);
  });

  it('a target exactly reached is met', () => {
    const results = resultsOf([online('20', 'full'), online('21', 'partial')]); // 50 %
    expect(targetRows({ indicators: [indicator({ target: 50 })] }, 'x', JUNE, results, new Map())[0]!.met).toBe(true);
  });

  it("takes the commune's own target over the one for every commune", () => {
    const shared = indicator({ target: 80, communeTargets: [{ communeId: 'ngok-bay', target: 40 }] });
    expect(targetFor(shared, 'ngok-bay')).toBe(40);
    expect(targetFor(shared, 'dak-ro-nga')).toBe(80);
    const results = resultsOf([online('20', 'full'), online('21', 'partial')]); // 50 %
    expect(targetRows({ indicators: [shared] }, 'ngok-bay', JUNE, results, new Map())[0]!.met).toBe(true);
    expect(targetRows({ indicators: [shared] }, 'dak-ro-nga', JUNE, results, new Map())[0]!.met).toBe(false);
  });

  it('counts the people trained per audience from the group sessions', () => {
    const results = resultsOf([], [session('2026-06-20T03:00:00.000Z', { audience: 'citizens', participants: 25 }), session('2026-06-21T03:00:00.000Z', { audience: 'leaders', participants: 4 })]);
    const rows = targetRows({ indicators: [indicator({ id: 'dan', source: 'trainedCitizens', unit: 'người', target: 30 }), indicator({ id: 'lanh-dao', source: 'trainedLeaders', unit: 'người', target: 4 })] }, 'x', JUNE, results, new Map());
    expect(rows.map((r) => [r.value, r.met])).toEqual([
      [25, false],
      [4, true],
    ]);
  });

  it('reads a hand-entered indicator from the leaders’ values; without one it is neither đạt nor chưa đạt', () => {
    const manual = indicator({ id: 'ho-smartphone', source: 'manual', unit: 'hộ', target: 500 });
    expect(targetRows({ indicators: [manual] }, 'x', JUNE, null, new Map([['ho-smartphone', 612]]))[0]).toMatchObject({ value: 612, met: true });
    expect(targetRows({ indicators: [manual] }, 'x', JUNE, null, new Map([['ho-smartphone', 499.5]]))[0]).toMatchObject({ value: 499.5, met: false });
    expect(targetRows({ indicators: [manual] }, 'x', JUNE, null, new Map())[0]).toMatchObject({ value: null, met: null });
    expect(targetRows({ indicators: [manual] }, 'x', JUNE, null, new Map([['ho-smartphone', null]]))[0]).toMatchObject({ value: null, met: null });
  });

  it('a share of no recorded dossier is not known, never 0 % and never chưa đạt', () => {
    const rows = targetRows({ indicators: [indicator({})] }, 'x', JUNE, resultsOf([]), new Map());
    expect(rows[0]).toMatchObject({ value: null, of: 0, met: null });
  });

  it('shows only active indicators whose plan period holds the end of the reporting period', () => {
    const list = [
      indicator({ id: 'a' }),
      indicator({ id: 'retired', active: false }),
      indicator({ id: 'next-year', from: '2027-01-01', to: '2027-12-31' }),
      indicator({ id: 'ends-14-7', from: '2026-07-14', to: '2026-07-14' }),
      indicator({ id: 'ended-13-7', from: '2026-01-01', to: '2026-07-13' }),
    ];
    expect(indicatorsFor({ indicators: list }, JUNE).map((i) => i.id)).toEqual(['a', 'ends-14-7']);
    expect(indicatorsFor(undefined, JUNE)).toEqual([]);
  });

  it('the due day: the province’s days after the period’s end, else the default rule', () => {
    expect(dueDaysOf(undefined)).toBe(DEFAULT_DUE_DAYS_AFTER_END);
    expect(dueDaysOf({ dueDaysAfterEnd: 0 })).toBe(0);
    expect(dueDaysOf({ dueDaysAfterEnd: 10 })).toBe(10);
  });
});

describe('the settings schema', () => {
  const base = { version: 1, dueDaysAfterEnd: 4, indicators: [indicator({})] };
  const messages = (value: unknown) => reportSettingsFieldsSchema.safeParse(value).error?.issues.map((i) => i.message) ?? [];
  it('refuses a share target over 100 %, a plan period that ends before it starts, two targets for one commune and a repeated id', () => {
    expect(messages(base)).toEqual([]);
    expect(messages({ ...base, indicators: [indicator({ target: 101 })] })).toEqual(['validation.tooLarge']);
    expect(messages({ ...base, indicators: [indicator({ from: '2026-12-31', to: '2026-01-01' })] })).toEqual(['validation.endBeforeStart']);
    expect(messages({ ...base, indicators: [indicator({ communeTargets: [{ communeId: 'a', target: 1 }, { communeId: 'a', target: 2 }] })] })).toEqual(['validation.duplicate']);
    expect(messages({ ...base, indicators: [indicator({}), indicator({})] })).toEqual(['validation.duplicate']);
    expect(messages({ ...base, dueDaysAfterEnd: 46 })).toEqual(['validation.tooLarge']);
    expect(messages({ ...base, indicators: [indicator({ source: 'manual', unit: 'hộ', target: -1 })] })).toEqual(['validation.tooSmall']);
    expect(messages({ ...base, indicators: [indicator({ source: 'manual', unit: 'hộ', target: 1.234 })] })).toEqual(['validation.invalidType']);
  });
});

describe('how a row reads', () => {
  it('prints a figure in Vietnamese, the percent sign against it and another unit after a space', () => {
    expect(amountText(82.5, '%')).toBe('82,5%');
    expect(amountText(1250, 'người')).toBe('1.250 người');
    expect(amountText(0, 'hộ')).toBe('0 hộ');
  });

  it('is met, not met, or unknown: a value nobody has is never "not met"', () => {
    expect([true, false, null].map((met) => targetStatus({ met }))).toEqual(['met', 'notMet', 'unknown']);
  });
});
