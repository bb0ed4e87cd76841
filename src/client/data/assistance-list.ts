// Reading the assistance logs as lists (docs/product.md jobs 1–2): the paged newest-first list with
// its filters and search, the follow-ups due, the member's recent kinds of help, and a notice after
// any change to the logs. One log, and every write, are in assistance-repository.ts.
import { Dexie } from 'dexie';
import { toLog, type LogItem } from './assistance-repository';
import { db, type OpenedRecord, type StoredRecord } from './db';
import { openRows } from './sealed-records';
import { requireUser, type SessionUser } from './session-repository';
import { listServices } from './service-repository';
import { can, canRecordFollowUp } from '../../shared/permissions';
import { instantBounds, listPeriodRange, type ListPeriod } from '../../shared/reports/period';
import type { Outcome } from '../../shared/schemas/assistance-log';
import { seedServices } from '../../shared/seed';
import { daysBetween, todayLocal } from '../../shared/text/dates';
import { foldForSearch, searchTokens } from '../../shared/text/vietnamese';

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

/** Where the next page starts: the last row shown (the list is ordered by occurredAt, then id). */
export interface LogCursor {
  occurredAt: string;
  id: string;
}

export interface LogPage {
  items: LogItem[];
  /** Null when the list has no more rows. */
  next: LogCursor | null;
}

export const DEFAULT_PAGE_SIZE = 50;

/** One page of logs, newest first (see scanLogs), with the search applied. */
export async function listLogs(filter: LogFilter, page: { after?: LogCursor | null; limit?: number } = {}, now: number = Date.now()): Promise<LogPage> {
  const user = await requireUser();
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  const range = listPeriodRange(filter.period, now);
  const bounds = range ? instantBounds(range) : null;
  const scope: LogScan = { user, filter, from: bounds ? bounds.from : Dexie.minKey, periodEnd: bounds ? bounds.before : null };
  const tokens = searchTokens(filter.search ?? '');
  const showCitizen = can(user.role, 'citizen.view');
  // Only the rows shown (or searched) are decrypted (docs/security.md "Lists and search").
  const open = (rows: StoredRecord<'assistanceLogs'>[]) => openRows('assistanceLogs', rows);
  let rows: OpenedRecord<'assistanceLogs'>[];
  if (tokens.length === 0) {
    rows = await open(await scanLogs(scope, page.after ?? null, limit));
  } else {
    // The note and the citizen's name are sealed on disk: the search walks the filtered rows in
    // chunks, decrypting each chunk in memory, until the page is full.
    const serviceText = await foldedServiceNames();
    rows = [];
    let after = page.after ?? null;
    while (rows.length < limit) {
      const chunk = await scanLogs(scope, after, SEARCH_CHUNK);
      for (const row of await open(chunk)) {
        const citizenName = showCitizen ? (row.citizen?.name ?? '') : '';
        const haystack = `${foldForSearch(row.note ?? '')}\n${foldForSearch(citizenName)}\n${serviceText.get(row.serviceId) ?? ''}`;
        if (tokens.every((token) => haystack.includes(token))) rows.push(row);
        if (rows.length === limit) break;
      }
      const last = chunk[chunk.length - 1];
      if (chunk.length < SEARCH_CHUNK || !last) break;
      after = { occurredAt: last.occurredAt, id: last.id };
    }
  }
  const items = rows.map((row) => toLog(row, user));
  const last = items[items.length - 1];
  return { items, next: items.length === limit && last ? { occurredAt: last.occurredAt, id: last.id } : null };
}

/** Rows a search decrypts at a time. */
const SEARCH_CHUNK = 200;

interface LogScan {
  user: SessionUser;
  filter: LogFilter;
  /** The period's first instant (inclusive), or the lowest key. */
  from: string | number;
  /** The period's end (exclusive), or null. */
  periodEnd: string | null;
}

/**
 * Up to `limit` rows after the cursor, newest first, that pass every filter but the search. The
 * scan walks an index backwards from the cursor and applies the filters in the cursor callback
 * with a limit, so a page costs the rows it skips, not the whole table. With a kind, village,
 * author or outcome filter the scan uses the compound [field+occurredAt] index and never visits
 * rows of other values. Rows with equal occurredAt come in descending id order (IndexedDB orders
 * equal index keys by primary key), which the cursor's tie-break relies on.
 */
async function scanLogs({ user, filter, from, periodEnd }: LogScan, after: LogCursor | null, limit: number): Promise<StoredRecord<'assistanceLogs'>[]> {
  // The period's end is exclusive (the next day's midnight); a cursor's is inclusive (ties on
  // occurredAt are resolved by id in the filter below).
  const upper: unknown = after ? (periodEnd !== null && periodEnd < after.occurredAt ? periodEnd : after.occurredAt) : (periodEnd ?? Dexie.maxKey);
  const indexed: [string, string] | null = filter.serviceId
    ? ['serviceId', filter.serviceId]
    : filter.villageId
      ? ['villageId', filter.villageId]
      : filter.mine
        ? ['createdBy', user.id]
        : filter.outcome
          ? ['outcome', filter.outcome]
          : null;
  const table = db.records('assistanceLogs');
  const collection = indexed
    ? table.where(`[${indexed[0]}+occurredAt]`).between([indexed[1], from], [indexed[1], upper], true, true)
    : table.where('occurredAt').between(from, upper, true, true);
  return collection
    .reverse()
    .filter((row) => {
      if (row.deleted || row.communeId !== user.communeId) return false;
      const occurredAt = row.occurredAt;
      if (periodEnd !== null && occurredAt >= periodEnd) return false;
      if (after && occurredAt === after.occurredAt && row.id >= after.id) return false;
      if (filter.serviceId && row.serviceId !== filter.serviceId) return false;
      if (filter.villageId && row.villageId !== filter.villageId) return false;
      if (filter.mine && row.createdBy !== user.id) return false;
      if (filter.outcome && row.outcome !== filter.outcome) return false;
      return true;
    })
    .limit(limit)
    .toArray();
}

// Folded names of every kind of help: the shipped catalogue, overridden by the rows this phone has
// (a phone that has not stored the catalogue yet still finds logs by service name).
async function foldedServiceNames(): Promise<Map<string, string>> {
  const services = [...seedServices(), ...(await listServices())];
  return new Map(services.map((s) => [s.code, foldForSearch(`${s.name.vi}\n${s.name.en}\n${s.code}`)]));
}

export interface FollowUp {
  log: LogItem;
  /** Days past the follow-up date; 0 when due today, negative for one still to come. */
  daysOverdue: number;
}

/**
 * Follow-ups not yet done, due today or earlier (in Asia/Ho_Chi_Minh), most overdue first; with
 * `upcoming`, the ones still to come as well (soonest last). Only those the user may record: a
 * member's own, every one for a leader.
 */
export async function listFollowUpsDue(now: number = Date.now(), { upcoming = false, limit }: { upcoming?: boolean; limit?: number } = {}): Promise<FollowUp[]> {
  const user = await requireUser();
  const today = todayLocal(now);
  const due = await dueRows(user, today, upcoming);
  return followUpsOf(user, today, limit === undefined ? due : due.slice(0, limit));
}

/** How many follow-ups listFollowUpsDue would list (nothing is decrypted to count them). */
export async function countFollowUpsDue(now: number = Date.now()): Promise<number> {
  const user = await requireUser();
  return (await dueRows(user, todayLocal(now), false)).length;
}

/** Home's card: how many are due and the first `shown` of them, from one read. */
export async function followUpsDueSummary(now: number, shown: number): Promise<{ count: number; first: FollowUp[] }> {
  const user = await requireUser();
  const today = todayLocal(now);
  const due = await dueRows(user, today, false);
  return { count: due.length, first: await followUpsOf(user, today, due.slice(0, shown)) };
}

/**
 * The logs with a follow-up this user may record, in the index's date order (the first ones the
 * most overdue). Every sync round that brings logs wakes the screens that read this: Home's card
 * counted them and listed its first three in two reads of the whole range, each 150–500 ms for
 * 2,000 follow-ups among 10,000 logs on a busy test machine; one read now serves both
 * (docs/performance.md "Incremental sync").
 */
async function dueRows(user: SessionUser, today: string, upcoming: boolean): Promise<StoredRecord<'assistanceLogs'>[]> {
  const byDate = db.records('assistanceLogs').where('followUpAt');
  const rows = await (upcoming ? byDate.above('') : byDate.belowOrEqual(today)).toArray();
  return rows.filter((row) => !row.deleted && row.followUpDone !== true && row.communeId === user.communeId && canRecordFollowUp(user, row));
}

/** Only those listed are decrypted. */
async function followUpsOf(user: SessionUser, today: string, rows: StoredRecord<'assistanceLogs'>[]): Promise<FollowUp[]> {
  return (await openRows('assistanceLogs', rows)).map((row) => {
    const log = toLog(row, user);
    return { log, daysOverdue: log.followUpAt ? daysBetween(log.followUpAt, today) : 0 };
  });
}

/** The kinds of help this user logged most recently, newest first, without repeats. */
export async function recentServiceCodes(max = 5): Promise<string[]> {
  const user = await requireUser();
  const rows = await db
    .records('assistanceLogs')
    .where('[createdBy+occurredAt]')
    .between([user.id, Dexie.minKey], [user.id, Dexie.maxKey])
    .reverse()
    .limit(100)
    .toArray();
  const codes: string[] = [];
  for (const row of rows) {
    if (row.deleted || codes.includes(row.serviceId)) continue;
    codes.push(row.serviceId);
    if (codes.length === max) break;
  }
  return codes;
}

/** Calls `listener` after any committed change to the logs (here, in another tab, or by sync). */
export function onLogsChanged(listener: () => void): () => void {
  const handler = (parts: Record<string, unknown>): void => {
    if (Object.keys(parts).some((part) => part.startsWith(`idb://${db.name}/assistanceLogs/`))) listener();
  };
  Dexie.on('storagemutated', handler);
  return () => Dexie.on.storagemutated.unsubscribe(handler);
}
