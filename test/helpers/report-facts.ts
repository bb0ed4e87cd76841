// The facts the report tests compute from (src/shared/reports/*.test.ts): an assistance log and a
// group session as the reports read them, every field at a plain default, and two team members;
// and a report's results as the period report's tests give them, only the counts that matter.
import type { GroupSessionFact, LogFact } from '../../src/shared/reports/activity';
import { RESULT_COUNT_PATHS, resultsOfSums } from '../../src/shared/reports/compiled';
import type { PeriodResults } from '../../src/shared/schemas/period-report';

export const MEMBER_A = '0197c1a2-0000-7000-8000-00000000000a';
export const MEMBER_B = '0197c1a2-0000-7000-8000-00000000000b';

let sequence = 0;

/** A log by member A: one citizen helped with the install of VNeID, done, on `occurredAt`. */
export function logFact(occurredAt: string, extra: Partial<LogFact> = {}): LogFact {
  return {
    id: `log-${++sequence}`,
    occurredAt,
    serviceId: 'vneid-install-register',
    outcome: 'done',
    barriers: [],
    villageId: null,
    createdBy: MEMBER_A,
    followUpAt: null,
    followUpDone: false,
    durationMin: null,
    assistedOnTeamDevice: false,
    onlineSubmission: null,
    helped: null,
    deleted: false,
    ...extra,
  };
}

/** A group session of ten participants on `occurredAt`. */
export function groupSessionFact(occurredAt: string, extra: Partial<GroupSessionFact> = {}): GroupSessionFact {
  return {
    id: `gs-${++sequence}`,
    occurredAt,
    villageId: null,
    participants: 10,
    women: 0,
    elderly: 0,
    ethnicMinority: 0,
    audience: null,
    deleted: false,
    ...extra,
  };
}

const COUNT_PATHS = new Set(RESULT_COUNT_PATHS.map((path) => path.join('.')));

/**
 * One report's results: the counts named by their path ('logs', 'outcomes.done', 'barriers.portal_down'),
 * every other count 0. A path the results do not have is refused, so a fixture cannot miss a figure silently.
 */
export function periodResults(counts: Readonly<Record<string, number>>, readinessPercent: number | null = null): PeriodResults {
  const unknown = Object.keys(counts).filter((path) => !COUNT_PATHS.has(path));
  if (unknown.length > 0) throw new Error(`not a count of the period's results: ${unknown.join(', ')}`);
  return resultsOfSums(counts, readinessPercent);
}
