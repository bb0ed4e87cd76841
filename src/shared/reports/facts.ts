// What a report reads of one record (activity.ts): the facts of an assistance log or a group
// session, read defensively from a loose record, because a record written by an older app may
// lack a field and a newer one may hold a value this app does not know.
import { BARRIERS, OUTCOMES, type Barrier, type HelpedParty, type OnlineSubmission, type Outcome } from '../schemas/assistance-log';
import type { Audience } from '../schemas/group-session';
import { isAudience, isHelpedParty, isOnlineSubmission } from './plan-figures';
import { isIsoDateTime, isLocalDate, type LocalDate } from '../text/dates';

/** What a report needs of one assistance log. */
export interface LogFact {
  id: string;
  occurredAt: string;
  serviceId: string;
  outcome: Outcome;
  barriers: readonly Barrier[];
  villageId: string | null;
  createdBy: string;
  followUpAt: LocalDate | null;
  followUpDone: boolean;
  durationMin: number | null;
  assistedOnTeamDevice: boolean;
  onlineSubmission: OnlineSubmission | null;
  helped: HelpedParty | null;
  deleted: boolean;
}

/** What a report needs of one group session: counts only, never people. */
export interface GroupSessionFact {
  id: string;
  occurredAt: string;
  villageId: string | null;
  participants: number;
  women: number;
  elderly: number;
  ethnicMinority: number;
  audience: Audience | null;
  deleted: boolean;
}

type Loose = Readonly<Record<string, unknown>>;

// The form every stored instant has (schemas/common.ts rewrites them with Date#toISOString).
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * An instant in milliseconds, or NaN when it is not an ISO date-time with a zone. The stored form
 * takes a fast path (a report reads thousands of logs on a cheap phone): Date.parse, then a round
 * trip, because Date.parse alone accepts 30 February.
 */
export function instantMs(value: string): number {
  if (CANONICAL_INSTANT.test(value)) {
    const ms = Date.parse(value);
    return Number.isFinite(ms) && new Date(ms).toISOString() === value ? ms : Number.NaN;
  }
  return isIsoDateTime(value) ? Date.parse(value) : Number.NaN;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0);
const isOutcome = (value: unknown): value is Outcome => typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value);
const isBarrier = (value: unknown): value is Barrier => typeof value === 'string' && (BARRIERS as readonly string[]).includes(value);

/** A log's facts, or null when the record cannot be placed in time or lacks its kind of help. */
export function logFactOf(record: Loose): LogFact | null {
  const id = text(record.id);
  const occurredAt = text(record.occurredAt);
  const serviceId = text(record.serviceId);
  if (id === null || occurredAt === null || Number.isNaN(instantMs(occurredAt)) || serviceId === null || !isOutcome(record.outcome)) return null;
  const followUpAt = text(record.followUpAt);
  return {
    id,
    occurredAt,
    serviceId,
    outcome: record.outcome,
    barriers: Array.isArray(record.barriers) ? record.barriers.filter(isBarrier) : [],
    villageId: text(record.villageId),
    createdBy: text(record.createdBy) ?? '',
    followUpAt: followUpAt !== null && isLocalDate(followUpAt) ? followUpAt : null,
    followUpDone: record.followUpDone === true,
    durationMin: typeof record.durationMin === 'number' && record.durationMin >= 0 ? record.durationMin : null,
    assistedOnTeamDevice: record.assistedOnTeamDevice === true,
    onlineSubmission: isOnlineSubmission(record.onlineSubmission) ? record.onlineSubmission : null,
    helped: isHelpedParty(record.helped) ? record.helped : null,
    deleted: record.deleted === true,
  };
}

/** A group session's facts, or null when it cannot be placed in time. */
export function groupSessionFactOf(record: Loose): GroupSessionFact | null {
  const id = text(record.id);
  const occurredAt = text(record.occurredAt);
  if (id === null || occurredAt === null || Number.isNaN(instantMs(occurredAt))) return null;
  return {
    id,
    occurredAt,
    villageId: text(record.villageId),
    participants: count(record.participants),
    women: count(record.women),
    elderly: count(record.elderly),
    ethnicMinority: count(record.ethnicMinority),
    audience: isAudience(record.audience) ? record.audience : null,
    deleted: record.deleted === true,
  };
}
