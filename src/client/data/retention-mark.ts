// How far the phone's retention purge has got (docs/privacy.md "Retention"), kept in syncState so
// that the purge after an unlock reads only the logs and classes that crossed the limit since the
// last one, not every old record again (at 100,000 logs, some 75,000 that hold nothing any more).
// Every write that can put details on a record already past the limit — a pulled page, a save, a
// hand-over — marks that record's date here in its own transaction, and the next purge reads from it.
import { holdsPersonalData } from '../../shared/privacy/erasure';
import { PHONE_RETENTION_DAYS } from '../../shared/privacy/retention';
import type { SyncTable } from '../../shared/schemas/tables';
import type { SyncedRecord } from '../../shared/sync/merge';

export const RETENTION_MARK_KEY = 'retentionPurge';

/**
 * `before`: the cutoff of the last purge that finished; every log or class dated before it (in the
 * date index's order) holds no details — except from `dirtyFrom` on, a date a write marked since, or
 * the earliest record the purge had to leave (a change of it still in the outbox).
 */
export interface RetentionMark {
  before?: string;
  dirtyFrom?: string;
}

/** The tables the purge reads through their date index (`occurredAt`); the register is read whole. */
export const DATED_TABLES: readonly SyncTable[] = ['assistanceLogs', 'groupSessions'];

/** The instant before which a record's details leave the phone (docs/privacy.md "Retention"). */
export function phoneCutoff(now: number): string {
  return new Date(now - PHONE_RETENTION_DAYS * 86_400_000).toISOString();
}

/** A stored mark, checked (an unreadable one is no mark: the next purge reads everything). */
export function readMark(value: unknown): RetentionMark {
  if (typeof value !== 'object' || value === null) return {};
  const { before, dirtyFrom } = value as Record<string, unknown>;
  return { ...(typeof before === 'string' ? { before } : {}), ...(typeof dirtyFrom === 'string' ? { dirtyFrom } : {}) };
}

/**
 * The syncState row a write of `rows` must store in its own transaction (`stored`, the mark, read
 * in it), or undefined: none is a log or class dated before the cutoff that holds details, or the
 * mark already reads from there. Compared as the date index orders them (strings).
 */
export function markWrite(stored: unknown, rows: Iterable<readonly [SyncTable, SyncedRecord]>, now: number): { key: string; value: RetentionMark } | undefined {
  const mark = readMark(stored);
  const cutoff = phoneCutoff(now);
  // A clock set back since the last purge: its range reaches further than this write's cutoff.
  const limit = mark.before !== undefined && mark.before > cutoff ? mark.before : cutoff;
  let from = mark.dirtyFrom;
  for (const [table, row] of rows) {
    const date = row.occurredAt;
    if (typeof date !== 'string' || date >= limit || (from !== undefined && date >= from) || !DATED_TABLES.includes(table) || !holdsPersonalData(table, row)) continue;
    from = date;
  }
  return from === mark.dirtyFrom ? undefined : { key: RETENTION_MARK_KEY, value: { ...mark, dirtyFrom: from } };
}
