// Dates and times in the app's one time zone, Asia/Ho_Chi_Minh.
//
// Instants (occurredAt, signedAt…) are stored as UTC ISO strings; calendar days (followUpAt,
// dueDate, reporting periods) are stored as local dates "yyyy-mm-dd" with no zone. Vietnam has
// been on UTC+7 without daylight saving since 1975, so a fixed offset is exact for every date the
// app can hold, needs no time-zone database (old Android WebViews ship incomplete ones) and is
// much faster than Intl.DateTimeFormat in long lists. The tests cross-check it with Intl.
//
// Nothing here reads the clock: callers pass `now`, so tests and reports are reproducible.

export const APP_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar day in the app's zone, "yyyy-mm-dd". */
export type LocalDate = string;
/** An inclusive range of local dates. */
export interface LocalDateRange {
  start: LocalDate;
  end: LocalDate;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** True for a real calendar day written as yyyy-mm-dd (2025-02-29 is false). */
export function isLocalDate(s: string): boolean {
  return parseLocalDate(s) !== null;
}

// Days since 1970-01-01 for a local date, or null when it is not a real day.
function parseLocalDate(s: string): number | null {
  const m = LOCAL_DATE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDay(y, mo, d) ? Date.UTC(y, mo - 1, d) / DAY_MS : null;
}

// Arithmetic, not a Date round trip: the server checks two date-times per synced write. Years
// before 100 are refused because Date.UTC would read them as 1900–1999.
function isRealDay(y: number, mo: number, d: number): boolean {
  if (y < 100 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  return d <= days;
}

function requireLocalDate(s: string): number {
  const days = parseLocalDate(s);
  if (days === null) throw new RangeError(`Not a local date (yyyy-mm-dd): ${s}`);
  return days;
}

function fromDays(days: number): LocalDate {
  const d = new Date(days * DAY_MS);
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

// An ISO date-time must say its zone: without one, Date.parse uses the device's zone, and a phone
// set to another zone would shift every record.
const ZONED_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * True for an ISO-8601 date-time with seconds and a zone, "2025-07-01T08:30:00Z" or
 * "…+07:00", that names a real moment. Stricter than Date.parse, which accepts 30 February.
 */
export function isIsoDateTime(s: string): boolean {
  // The server checks one stamp many times per push (each write there gets the push's time).
  if (s === lastValidDateTime) return true;
  const m = ZONED_DATE_TIME.exec(s);
  if (!m || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const [h, min, sec, oh, om] = [m[4], m[5], m[6], m[7] ?? '00', m[8] ?? '00'].map(Number);
  const valid = (h ?? 99) <= 23 && (min ?? 99) <= 59 && (sec ?? 99) <= 59 && (oh ?? 99) <= 14 && (om ?? 99) <= 59;
  if (valid) lastValidDateTime = s;
  return valid;
}
let lastValidDateTime = '';

function toInstantMs(instant: Date | string | number): number {
  if (typeof instant === 'string' && !isIsoDateTime(instant)) {
    throw new RangeError(`Not an ISO date-time with a zone: ${instant}`);
  }
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`Not a valid instant: ${String(instant)}`);
  return ms;
}

// The wall-clock fields in Vietnam for an instant, read with UTC getters on a shifted Date.
function wallClock(instant: Date | string | number): Date {
  return new Date(toInstantMs(instant) + OFFSET_MS);
}

/** The local date in Vietnam of an instant: 2025-06-30T17:00:00Z → "2025-07-01". */
export function localDateOf(instant: Date | string | number): LocalDate {
  const w = wallClock(instant);
  return `${pad4(w.getUTCFullYear())}-${pad2(w.getUTCMonth() + 1)}-${pad2(w.getUTCDate())}`;
}

/** Today in Vietnam. `now` is passed in, never read here. */
export function todayLocal(now: Date | number): LocalDate {
  return localDateOf(now);
}

/** The instant a local date begins in Vietnam (00:00 at UTC+7), e.g. to query "since that day". */
export function startOfLocalDate(localDate: LocalDate): Date {
  return new Date(requireLocalDate(localDate) * DAY_MS - OFFSET_MS);
}

/**
 * "dd/mm/yyyy". A local date ("2025-07-01") is shown as that day; an instant (ISO date-time or
 * Date) is first converted to Vietnam's zone, so 2025-06-30T17:00:00Z shows as 01/07/2025.
 */
export function formatDate(isoOrDate: Date | string): string {
  if (typeof isoOrDate === 'string' && LOCAL_DATE.test(isoOrDate)) {
    requireLocalDate(isoOrDate);
    const [y, m, d] = isoOrDate.split('-');
    return `${d}/${m}/${y}`;
  }
  const w = wallClock(isoOrDate);
  return `${pad2(w.getUTCDate())}/${pad2(w.getUTCMonth() + 1)}/${pad4(w.getUTCFullYear())}`;
}

/** "HH:mm" (24-hour) in Vietnam's zone. */
export function formatTime(isoOrDate: Date | string): string {
  const w = wallClock(isoOrDate);
  return `${pad2(w.getUTCHours())}:${pad2(w.getUTCMinutes())}`;
}

/** "dd/mm/yyyy HH:mm" in Vietnam's zone; the order Excel in vi-VN reads back as a date-time. */
export function formatDateTime(isoOrDate: Date | string): string {
  return `${formatDate(toDateOrIso(isoOrDate))} ${formatTime(isoOrDate)}`;
}

// formatDate treats a bare yyyy-mm-dd string as a local date; a date-time must stay an instant.
function toDateOrIso(isoOrDate: Date | string): Date {
  return isoOrDate instanceof Date ? isoOrDate : new Date(toInstantMs(isoOrDate));
}

/** Signed whole days from a to b: daysBetween("2025-07-01", "2025-07-03") = 2. */
export function daysBetween(localDateA: LocalDate, localDateB: LocalDate): number {
  return requireLocalDate(localDateB) - requireLocalDate(localDateA);
}

/** The local date n days after (or before, for negative n) a local date. */
export function addDays(localDate: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return fromDays(requireLocalDate(localDate) + n);
}

function ymd(localDate: LocalDate): [number, number, number] {
  requireLocalDate(localDate);
  const [y, m, d] = localDate.split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
}

// Local date for year/month(1-based)/day; months and days out of range roll over (month 13 is
// January of the next year, day 0 the last day of the previous month), as Date.UTC does.
function dateOf(y: number, m: number, d: number): LocalDate {
  return fromDays(Date.UTC(y, m - 1, d) / DAY_MS);
}

/**
 * The reporting period containing a local date. The province counts from the 15th of one month
 * to the 14th of the next (docs/domain.md §8.3: "kỳ báo cáo 15/6–14/7"); other provinces may differ, so the
 * start day is a parameter. 1 gives calendar months. Start days above 28 are refused because
 * February would have no such day and periods would overlap or leave gaps.
 */
export function reportingPeriodOf(localDate: LocalDate, startDay = 15): LocalDateRange {
  if (!Number.isInteger(startDay) || startDay < 1 || startDay > 28) {
    throw new RangeError(`Reporting period start day must be 1–28, got ${startDay}`);
  }
  const [y, m, d] = ymd(localDate);
  const startMonth = d >= startDay ? m : m - 1;
  return { start: dateOf(y, startMonth, startDay), end: dateOf(y, startMonth + 1, startDay - 1) };
}

/** The reporting period just before the one given (for "previous period" comparisons). */
export function previousReportingPeriod(period: LocalDateRange, startDay = 15): LocalDateRange {
  return reportingPeriodOf(addDays(period.start, -1), startDay);
}

/** The calendar month containing a local date. */
export function monthOf(localDate: LocalDate): LocalDateRange {
  const [y, m] = ymd(localDate);
  return { start: dateOf(y, m, 1), end: dateOf(y, m + 1, 0) };
}

/** The calendar quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec) containing a local date. */
export function quarterOf(localDate: LocalDate): LocalDateRange {
  const [y, m] = ymd(localDate);
  const first = Math.floor((m - 1) / 3) * 3 + 1;
  return { start: dateOf(y, first, 1), end: dateOf(y, first + 3, 0) };
}

/** The week (Monday to Sunday, as Vietnamese calendars print it) containing a local date. */
export function weekOf(localDate: LocalDate): LocalDateRange {
  const days = requireLocalDate(localDate);
  // 1970-01-01 was a Thursday: (days + 3) mod 7 is 0 on Mondays.
  const sinceMonday = (((days + 3) % 7) + 7) % 7;
  return { start: fromDays(days - sinceMonday), end: fromDays(days - sinceMonday + 6) };
}

/** True when a local date lies in an inclusive range (string order is date order for yyyy-mm-dd). */
export function isWithin(localDate: LocalDate, range: LocalDateRange): boolean {
  return localDate >= range.start && localDate <= range.end;
}
