// The facts the report tests compute from (src/shared/reports/*.test.ts): an assistance log and a
// group session as the reports read them, every field at a plain default, and two team members.
import type { GroupSessionFact, LogFact } from '../../src/shared/reports/activity';

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
