// The legal deadlines of a citizen's request about their data (docs/privacy.md "Requests register"):
// acknowledge it within 2 working days of its receipt, answer it within 15 days, and extend that
// once, by at most 15 days, with a reason. Pure date arithmetic on local dates ("yyyy-mm-dd", Vietnam's
// calendar day), shared by the phones (the register's screen) and the server (the province's counts).
//
// Working days skip Saturdays and Sundays. The repository holds no list of Vietnamese public holidays
// (Tết moves with the lunar calendar and the government sets the days off each year), so a holiday is
// counted as a working day: the deadline shown is then a day or more early, never late.
import { addDays, daysBetween, type LocalDate } from '../text/dates';

/** Working days to acknowledge a request. */
export const ACKNOWLEDGE_WORKING_DAYS = 2;
/** Days to answer a request, counted from its receipt. */
export const ANSWER_DAYS = 15;
/** The one extension's length, in days. */
export const EXTENSION_DAYS = 15;
/** A deadline this many days away or fewer is "due soon" on the leader's screen. */
export const DUE_SOON_DAYS = 2;

/** 0 = Sunday … 6 = Saturday, of a local date (the calendar day itself, no time zone involved). */
export function weekdayOf(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((daysBetween('1970-01-01', date) + 4) % 7) + 7) % 7;
}

export function isWorkingDay(date: LocalDate): boolean {
  const day = weekdayOf(date);
  return day !== 0 && day !== 6;
}

/** The date `n` working days after `date` (the day itself does not count, whatever day it is). */
export function addWorkingDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Not a count of working days: ${n}`);
  let day = date;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

export interface RequestDeadlines {
  /** The last day to acknowledge the request. */
  acknowledgeBy: LocalDate;
  /** The last day to answer it: 15 days after receipt, 30 once extended. */
  answerBy: LocalDate;
}

/** The deadlines of a request received on `receivedOn`, extended or not. */
export function requestDeadlines(receivedOn: LocalDate, extended: boolean): RequestDeadlines {
  return {
    acknowledgeBy: addWorkingDays(receivedOn, ACKNOWLEDGE_WORKING_DAYS),
    answerBy: addDays(receivedOn, ANSWER_DAYS + (extended ? EXTENSION_DAYS : 0)),
  };
}

/** What a request needs of the commune on `today`: nothing (closed), or its next deadline and how near it is. */
export type Urgency = { state: 'closed' } | { state: 'overdue' | 'dueSoon' | 'onTime'; step: 'acknowledge' | 'answer'; dueOn: LocalDate; daysLeft: number };

/** The fields of a request the deadlines read (a record of the register, or what the server counts). */
export interface RequestTiming {
  receivedOn: LocalDate;
  status: 'received' | 'acknowledged' | 'done' | 'refused';
  extendedAt?: string | null | undefined;
}

/** The next deadline of an open request and whether it is past (overdue) or near (due soon) on `today`. */
export function urgencyOf(request: RequestTiming, today: LocalDate): Urgency {
  if (request.status === 'done' || request.status === 'refused') return { state: 'closed' };
  const deadlines = requestDeadlines(request.receivedOn, Boolean(request.extendedAt));
  // An unacknowledged request is late as soon as its acknowledgement is; once acknowledged, the answer counts.
  const step = request.status === 'received' ? 'acknowledge' : 'answer';
  const dueOn = step === 'acknowledge' ? deadlines.acknowledgeBy : deadlines.answerBy;
  const daysLeft = daysBetween(today, dueOn);
  // The acknowledgement is always due before the answer (2 working days are at most 4 days), so the next deadline is the one that binds.
  return { state: daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'dueSoon' : 'onTime', step, dueOn, daysLeft };
}
