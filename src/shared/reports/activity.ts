// Activity figures for a period (docs/product.md job 5): assistance logs by kind of help, catalogue
// group, outcome, barrier, village, member and week, open follow-ups, and digital-skills group
// sessions counted on their own (docs/domain.md §8.11: a class is not one citizen's help case).
//
// Pure: the same code runs on the phone (commune dashboard, print page) and on the server
// (province view). Inputs are loose records (what IndexedDB or the server's store hold); facts are
// read defensively, because a record written by an older app may lack a field.
import type { Barrier, Outcome } from '../schemas/assistance-log';
import { OUTCOMES } from '../schemas/assistance-log';
import { SERVICE_GROUPS, type ServiceGroup } from '../schemas/service';
import type { GroupSessionFact, LogFact } from './facts';
import { countLog, countSession, emptyPlanFigures, type PlanFigures } from './plan-figures';
import { addDays, isWithin, localDateOf, weekOf, type LocalDate, type LocalDateRange } from '../text/dates';

export { groupSessionFactOf, instantMs, logFactOf, type GroupSessionFact, type LogFact } from './facts';

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** One bar of a chart: a key (a code or an id; null = "not recorded") and how many. */
export interface Count<K = string> {
  key: K;
  count: number;
}

export interface WeekBucket {
  /** Monday of the week, or the period's first day when the period starts mid-week. */
  start: LocalDate;
  /** Sunday of the week, or the period's last day when the period ends mid-week. */
  end: LocalDate;
  logs: number;
  /** Group-session participants that week (shown beside the logs, never added to them). */
  participants: number;
}

export interface GroupSessionTotals {
  sessions: number;
  participants: number;
  women: number;
  elderly: number;
  ethnicMinority: number;
}

export interface ActivityReport {
  range: LocalDateRange;
  /** Assistance logs in the period, deleted ones excluded. */
  logs: number;
  /**
   * Citizens assisted. Every log is one citizen helped once, and logs are anonymous by default
   * (docs/privacy.md), so the same person helped twice cannot be recognised: this equals `logs`.
   */
  citizensAssisted: number;
  /** Sum of the recorded durations, in minutes (logs without one count 0). */
  minutes: number;
  /** Done on the team's device for a citizen without a suitable phone (docs/domain.md §8.4). */
  onTeamDevice: number;
  outcomes: Record<Outcome, number>;
  /** Logs per catalogue group, in catalogue order (unknown kinds count as "other"). */
  byGroup: Count<ServiceGroup>[];
  /** Logs per kind of help (service code), most first. */
  byService: Count[];
  /** Barriers met, most first; a log may name several. Barriers never met are left out. */
  barriers: Count<Barrier>[];
  /** Logs that name at least one barrier. */
  logsWithBarrier: number;
  /** Logs per village id, most first; null = no village recorded. */
  byVillage: Count<string | null>[];
  /** Logs per author (user id), most first. */
  byMember: Count[];
  /** Every week the period touches, in order, zeros included (for the trend line). */
  byWeek: WeekBucket[];
  /** Logs of the period whose follow-up is still open; overdue = its date is before today. */
  followUps: { open: number; overdue: number };
  /** Digital-skills group sessions, counted separately from the logs. */
  groupSessions: GroupSessionTotals;
  /** Online submission, parties helped, audiences trained (plan-figures.ts). */
  plan: PlanFigures;
}

export interface ActivityInput {
  range: LocalDateRange;
  /** Today in Vietnam, for overdue follow-ups. */
  today: LocalDate;
  logs: Iterable<LogFact>;
  groupSessions: Iterable<GroupSessionFact>;
  /** Catalogue group of each service code. */
  serviceGroups: ReadonlyMap<string, ServiceGroup>;
}

/** Most first; equal counts in key order, so the same data always draws the same chart. */
function sortedCounts<K extends string | null>(map: ReadonlyMap<K, number>): Count<K>[] {
  return [...map]
    .map(([key, value]) => ({ key, count: value }))
    .sort((a, b) => b.count - a.count || ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
}

function bump<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** The weeks (Monday to Sunday) a range touches, clipped to the range. */
export function weeksOf(range: LocalDateRange): { start: LocalDate; end: LocalDate }[] {
  const weeks: { start: LocalDate; end: LocalDate }[] = [];
  let week = weekOf(range.start);
  while (week.start <= range.end) {
    weeks.push({ start: week.start < range.start ? range.start : week.start, end: week.end > range.end ? range.end : week.end });
    week = weekOf(addDays(week.start, 7));
  }
  return weeks;
}

/** The activity figures of a period. Records outside the period, deleted ones and malformed ones are ignored. */
export function computeActivity(input: ActivityInput): ActivityReport {
  const { range, today, serviceGroups } = input;
  const weeks = weeksOf(range);
  const weekIndex = new Map<LocalDate, number>();
  // Local date → week bucket, computed once per distinct day (a period has at most a few hundred).
  const bucketOf = (day: LocalDate): number => {
    let index = weekIndex.get(day);
    if (index === undefined) {
      index = weeks.findIndex((w) => day >= w.start && day <= w.end);
      weekIndex.set(day, index);
    }
    return index;
  };
  const byWeek: WeekBucket[] = weeks.map((w) => ({ ...w, logs: 0, participants: 0 }));
  // Instant → local date in Vietnam, formatted once per distinct day (a period has few, logs many).
  const days = new Map<number, LocalDate>();
  // Facts come from logFactOf / groupSessionFactOf, which checked the instant: Date.parse suffices.
  const dayOf = (occurredAt: string): LocalDate | null => {
    const ms = Date.parse(occurredAt);
    if (Number.isNaN(ms)) return null;
    const key = Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS);
    let day = days.get(key);
    if (day === undefined) {
      day = localDateOf(ms);
      days.set(key, day);
    }
    return day;
  };

  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const groups = new Map<ServiceGroup, number>(SERVICE_GROUPS.map((g) => [g, 0]));
  const services = new Map<string, number>();
  const barriers = new Map<Barrier, number>();
  const villages = new Map<string | null, number>();
  const members = new Map<string, number>();
  let logs = 0;
  let minutes = 0;
  let onTeamDevice = 0;
  let logsWithBarrier = 0;
  let open = 0;
  let overdue = 0;
  const plan = emptyPlanFigures();

  for (const log of input.logs) {
    if (log.deleted) continue;
    const day = dayOf(log.occurredAt);
    if (day === null || !isWithin(day, range)) continue;
    logs += 1;
    outcomes[log.outcome] += 1;
    bump(groups, serviceGroups.get(log.serviceId) ?? 'other');
    bump(services, log.serviceId);
    bump(villages, log.villageId);
    bump(members, log.createdBy);
    if (log.barriers.length > 0) logsWithBarrier += 1;
    for (const barrier of new Set(log.barriers)) bump(barriers, barrier);
    minutes += log.durationMin ?? 0;
    if (log.assistedOnTeamDevice) onTeamDevice += 1;
    countLog(plan, log);
    if (log.followUpAt !== null && !log.followUpDone) {
      open += 1;
      if (log.followUpAt < today) overdue += 1;
    }
    const bucket = byWeek[bucketOf(day)];
    if (bucket) bucket.logs += 1;
  }

  const groupSessions: GroupSessionTotals = { sessions: 0, participants: 0, women: 0, elderly: 0, ethnicMinority: 0 };
  for (const session of input.groupSessions) {
    if (session.deleted) continue;
    const day = dayOf(session.occurredAt);
    if (day === null || !isWithin(day, range)) continue;
    groupSessions.sessions += 1;
    groupSessions.participants += session.participants;
    groupSessions.women += session.women;
    groupSessions.elderly += session.elderly;
    groupSessions.ethnicMinority += session.ethnicMinority;
    countSession(plan, session);
    const bucket = byWeek[bucketOf(day)];
    if (bucket) bucket.participants += session.participants;
  }

  return {
    range,
    logs,
    citizensAssisted: logs,
    minutes,
    onTeamDevice,
    outcomes,
    byGroup: SERVICE_GROUPS.map((key) => ({ key, count: groups.get(key) ?? 0 })),
    byService: sortedCounts(services),
    barriers: sortedCounts(barriers),
    logsWithBarrier,
    byVillage: sortedCounts(villages),
    byMember: sortedCounts(members),
    byWeek,
    followUps: { open, overdue },
    groupSessions,
    plan,
  };
}

