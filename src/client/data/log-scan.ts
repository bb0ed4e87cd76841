// The log list's read of stored rows (docs/performance.md "The log list's filters"): the rows after
// a cursor, newest first, that pass the list's filters, through the index that lets them page
// without reading other rows. assistance-list.ts opens, searches and shapes what this returns.
import { Dexie } from 'dexie';
import { db, LOG_FILTER_FIELDS, type StoredRecord } from './db';
import type { SessionUser } from './session-repository';
import type { Outcome } from '../../shared/schemas/assistance-log';
import type { ListPeriod } from '../../shared/reports/period';

export interface LogFilter {
  period: ListPeriod;
  serviceId?: string | undefined;
  outcome?: Outcome | undefined;
  villageId?: string | undefined;
  /** Only the signed-in user's own logs. */
  mine?: boolean | undefined;
  /** Diacritic-insensitive words found in the note, the citizen's name or the service's name. */
  search?: string | undefined;
}

/** Where the next page starts: the last row shown or searched (the list is ordered by occurredAt, then id). */
export interface LogCursor {
  occurredAt: string;
  id: string;
}

export interface LogScan {
  user: SessionUser;
  filter: LogFilter;
  /** The period's first instant (inclusive), or the lowest key. */
  from: string | number;
  /** The period's end (exclusive), or null. */
  periodEnd: string | null;
}

type FilterField = (typeof LOG_FILTER_FIELDS)[number];

/** The value each filter field must have, undefined for a filter not set. */
function filterValues(filter: LogFilter, user: SessionUser): Record<FilterField, string | undefined> {
  return { serviceId: filter.serviceId, villageId: filter.villageId, createdBy: filter.mine ? user.id : undefined, outcome: filter.outcome };
}

/**
 * The index a scan reads and the values it fixes: occurredAt alone with no filter,
 * [field+occurredAt] with one, [a+b+occurredAt] (db.ts version 9) with the two most selective
 * of two or more (LOG_FILTER_FIELDS is in that order). Exported for the tests, which check that
 * every combination the screen offers has its index.
 */
export function scanIndex(filter: LogFilter, user: SessionUser): { index: string; prefix: string[] } {
  const values = filterValues(filter, user);
  const used = LOG_FILTER_FIELDS.filter((field) => values[field]).slice(0, 2);
  return used.length === 0 ? { index: 'occurredAt', prefix: [] } : { index: `[${used.join('+')}+occurredAt]`, prefix: used.map((field) => values[field]!) };
}

/**
 * Up to `limit` rows after the cursor, newest first, that pass every filter but the search. The
 * scan walks the chosen index backwards from the cursor within the period, so it never visits a
 * row outside the filters' one or two most selective values; with three or four filters it skips
 * the rows of those values that fail the others (at most the rows one pair of values holds). The
 * filters are applied in the cursor callback with a limit, so a page costs the rows it skips, not
 * the whole table. Rows with equal occurredAt come in descending id order (IndexedDB orders equal
 * index keys by primary key), which the cursor's tie-break relies on.
 */
export async function scanLogs({ user, filter, from, periodEnd }: LogScan, after: LogCursor | null, limit: number): Promise<StoredRecord<'assistanceLogs'>[]> {
  // The period's end is exclusive (the next day's midnight); a cursor's is inclusive (ties on
  // occurredAt are resolved by id in the filter below).
  const upper: unknown = after ? (periodEnd !== null && periodEnd < after.occurredAt ? periodEnd : after.occurredAt) : (periodEnd ?? Dexie.maxKey);
  const { index, prefix } = scanIndex(filter, user);
  const values = filterValues(filter, user);
  const table = db.records('assistanceLogs');
  const collection = prefix.length > 0 ? table.where(index).between([...prefix, from], [...prefix, upper], true, true) : table.where(index).between(from, upper, true, true);
  return collection
    .reverse()
    .filter((row) => {
      if (row.deleted || row.communeId !== user.communeId) return false;
      const occurredAt = row.occurredAt;
      if (periodEnd !== null && occurredAt >= periodEnd) return false;
      if (after && occurredAt === after.occurredAt && row.id >= after.id) return false;
      return LOG_FILTER_FIELDS.every((field) => !values[field] || row[field] === values[field]);
    })
    .limit(limit)
    .toArray();
}
