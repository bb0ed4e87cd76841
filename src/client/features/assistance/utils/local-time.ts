// Date and time inputs ↔ instants, always in Asia/Ho_Chi_Minh whatever zone the phone is set to:
// the date and time inputs (components/ui/date-input) give wall-clock text, which we read as Vietnam time.
import { isLocalDate, localDateOf, formatTime, startOfLocalDate } from '../../../../shared/text/dates';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "2026-03-10" + "09:05" (Vietnam) → "2026-03-10T02:05:00.000Z"; null when either is not valid. */
export function toInstant(date: string, time: string): string | null {
  const m = TIME.exec(time);
  if (!isLocalDate(date) || !m) return null;
  return new Date(startOfLocalDate(date).getTime() + (Number(m[1]) * 60 + Number(m[2])) * 60_000).toISOString();
}

/** An instant → the date and time inputs' values in Vietnam. */
export function fromInstant(instant: string | number | Date): { date: string; time: string } {
  return { date: localDateOf(instant), time: formatTime(typeof instant === 'number' ? new Date(instant) : instant) };
}
