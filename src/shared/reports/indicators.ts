// The plan indicators of a period (docs/reports.md "Indicators"), computed from a report's results
// (period-results.ts): the same function reads the phone's draft and a submission the province
// received, so the commune and the province see one value. Only what the team's own records can
// say: the share of the dossiers the team helped with that went in fully online (not the
// province's official online share, which comes from the procedure system), the people the team
// got to a payment account or a working smartphone, and the people trained per audience.
import type { PeriodResults } from '../schemas/period-report';

export const INDICATORS = [
  'onlineFullShare',
  'paymentAccounts',
  'smartphoneSetups',
  'trainedLeaders',
  'trainedOfficials',
  'trainedStaff',
  'trainedCitizens',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export interface IndicatorValue {
  key: Indicator;
  unit: 'percent' | 'people';
  /** null = the records cannot say (no dossier with its mode recorded; a report sent before the figure was counted). */
  value: number | null;
  /** For a share: how many it is a share of. */
  of?: number;
}

/** A whole percent, rounded half up; null for a share of nothing. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 100) / whole);
}

/** The part of a period's results the indicators read: the dashboard has it without readiness. */
export type IndicatorInputs = Pick<PeriodResults, 'onlineSubmission' | 'reached' | 'trained'>;

export function indicatorsOf(results: IndicatorInputs): IndicatorValue[] {
  const dossiers = results.onlineSubmission.full + results.onlineSubmission.partial;
  const people = (key: Indicator, value: number | null): IndicatorValue => ({ key, unit: 'people', value });
  return [
    { key: 'onlineFullShare', unit: 'percent', value: percentOf(results.onlineSubmission.full, dossiers), of: dossiers },
    people('paymentAccounts', results.reached?.paymentAccount ?? null),
    people('smartphoneSetups', results.reached?.smartphone ?? null),
    people('trainedLeaders', results.trained.leaders),
    people('trainedOfficials', results.trained.full_time_officials),
    people('trainedStaff', results.trained.staff),
    people('trainedCitizens', results.trained.citizens),
  ];
}
