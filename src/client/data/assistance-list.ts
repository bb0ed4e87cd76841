// Reading the assistance logs as lists (docs/product.md jobs 1–2): the paged newest-first list with
// its filters and search, the follow-ups due, the member's recent kinds of help, and a notice after
// any change to the logs. One log, and every write, are in assistance-repository.ts.
import { Dexie } from 'dexie';
import { toLog, type LogItem } from './assistance-repository';
import { db, type OpenedRecord, type StoredRecord } from './db';
import { scanLogs, type LogCursor, type LogFilter, type LogScan } from './log-scan';
import { openFields, openRows } from './sealed-records';
import { requireUser, type SessionUser } from './session-repository';
import { listServices } from './service-repository';
import { can, canRecordFollowUp } from '../../shared/permissions';
import { instantBounds, listPeriodRange } from '../../shared/reports/period';
import { seedServices } from '../../shared/seed';
import { daysBetween, todayLocal } from '../../shared/text/dates';
import { foldForSearch, searchTokens } from '../../shared/text/vietnamese';
import { SEARCH_WINDOW } from './search-window';

export type { LogCursor, LogFilter } from './log-scan';

/**
 * A log as the list shows it: a row never shows the note, so the list neither opens it nor holds
 * it (docs/security.md "Lists, counts and search"); `citizen` null when hidden from the reader.
 */
export type LogListItem = Omit<LogItem, 'note'>;

export interface LogPage {
  items: LogListItem[];
  /** Where the next page starts; null when the list has no more rows. */
  next: LogCursor | null;
  /**
   * A search only: the rows it read (those passing the other filters), and `paused` when it stopped
   * at its window before the list's end — the screen then says how far it looked and offers to
   * search on (docs/security.md "Lists and search").
   */
  searched?: { rows: number; paused: boolean };
}

export const DEFAULT_PAGE_SIZE = 50;


/** Rows a search reads and opens at a time. */
const SEARCH_CHUNK = 200;

/**
 * One page of logs, newest first (log-scan.ts), with the search applied. A search reads at most
 * `window` rows (SEARCH_WINDOW by default) after the cursor; when it stops there its `next` is
 * the last row read, so the next step goes on from it.
 */
export async function listLogs(filter: LogFilter, page: { after?: LogCursor | null; limit?: number; window?: number } = {}, now: number = Date.now()): Promise<LogPage> {
  const user = await requireUser();
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  const range = listPeriodRange(filter.period, now);
  const bounds = range ? instantBounds(range) : null;
  const scope: LogScan = { user, filter, from: bounds ? bounds.from : Dexie.minKey, periodEnd: bounds ? bounds.before : null };
  const tokens = searchTokens(filter.search ?? '');
  if (tokens.length === 0) {
    const items = await listItems(await scanLogs(scope, page.after ?? null, limit), user);
    const last = items[items.length - 1];
    return { items, next: items.length === limit && last ? { occurredAt: last.occurredAt, id: last.id } : null };
  }
  return searchLogs(scope, tokens, page.after ?? null, limit, page.window ?? SEARCH_WINDOW);
}

/**
 * The rows as the list shows them: only their citizens are opened, and only for a role that may
 * see them. A row never shows the note, which was most of a page's WebCrypto calls (each one a
 * round trip to the browser's crypto thread; docs/performance.md "The sealed log list's first page").
 */
function listItems(rows: readonly StoredRecord<'assistanceLogs'>[], user: SessionUser): Promise<LogListItem[]> {
  const showCitizen = can(user.role, 'citizen.view');
  return Promise.all(rows.map(async ({ note: _notShown, ...row }) => (showCitizen ? openFields('assistanceLogs', row.id, row) : { ...row, citizen: null })));
}

/**
 * The note and the citizen's name are sealed on disk: the search walks the filtered rows in
 * chunks, opening each chunk in memory, until the page is full, the rows end, or `window` rows
 * have been read.
 */
async function searchLogs(scope: LogScan, tokens: string[], start: LogCursor | null, limit: number, window: number): Promise<LogPage> {
  const showCitizen = can(scope.user.role, 'citizen.view');
  const serviceText = await foldedServiceNames();
  const rows: OpenedRecord<'assistanceLogs'>[] = [];
  let after = start;
  let read = 0;
  let ended = false;
  while (rows.length < limit && read < window) {
    const want = Math.min(SEARCH_CHUNK, window - read);
    // One row more than is opened: whether the rows end here, so the last step of a search says
    // so instead of offering a step that finds nothing.
    const scanned = await scanLogs(scope, after, want + 1);
    const chunk = await openRows('assistanceLogs', scanned.slice(0, want));
    for (const row of chunk) {
      read += 1;
      after = { occurredAt: row.occurredAt, id: row.id };
      const citizenName = showCitizen ? (row.citizen?.name ?? '') : '';
      const haystack = `${foldForSearch(row.note ?? '')}\n${foldForSearch(citizenName)}\n${serviceText.get(row.serviceId) ?? ''}`;
      if (tokens.every((token) => haystack.includes(token))) rows.push(row);
      if (rows.length === limit) break;
    }
    if (scanned.length <= want) {
      // The last rows: ended unless the page filled before reading them all.
      ended = read === scanned.length;
      break;
    }
  }
  // The notes were opened to be searched; the list still holds none.
  const items = rows.map((row): LogListItem => {
    const { note: _searched, ...item } = toLog(row, scope.user);
    return item;
  });
  return { items, next: ended ? null : after, searched: { rows: read, paused: items.length < limit && !ended } };
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
 * (docs/performance.md "Incremental sync"). The due ones are kept in memory until the logs change
 * (docs/performance.md "The log list's filters"): the read holds every follow-up ever set, done
 * or not (a boolean cannot be part of an IndexedDB key), 1.3–3.6 s over 100,000 logs on a loaded
 * machine, and Home and the log list's tab asked again on every visit while the list's own page
 * waited behind it.
 */
async function dueRows(user: SessionUser, today: string, upcoming: boolean): Promise<StoredRecord<'assistanceLogs'>[]> {
  const byDate = db.records('assistanceLogs').where('followUpAt');
  if (upcoming) return dueOf(user, await byDate.above('').toArray());
  const range = byDate.belowOrEqual(today);
  const key = `${user.id}\n${user.communeId}\n${user.role}\n${today}`;
  if (dueMemo && dueMemo.key === key && dueMemo.generation === logsGeneration) {
    // A live query wakes only for changes to the ranges it read: reading one key of the range
    // (Dexie subscribes a query to its whole range, whatever its limit) keeps a screen that got the
    // kept answer woken by the next change, as the full read did.
    await range.limit(1).primaryKeys();
    return dueMemo.rows;
  }
  const generation = logsGeneration;
  const rows = dueOf(user, await range.toArray());
  // A change committed during the read leaves the next call to read again.
  if (generation === logsGeneration) dueMemo = { key, generation, rows };
  return rows;
}

const dueOf = (user: SessionUser, rows: StoredRecord<'assistanceLogs'>[]) =>
  rows.filter((row) => !row.deleted && row.followUpDone !== true && row.communeId === user.communeId && canRecordFollowUp(user, row));

/** The due follow-ups last read, for whom and when, and the logs' change count they answer. */
let dueMemo: { key: string; generation: number; rows: StoredRecord<'assistanceLogs'>[] } | null = null;
/** Committed changes to the logs so far (here, another tab, or a pull's notice: change-notice.ts). */
let logsGeneration = 0;
onLogsChanged(() => {
  logsGeneration += 1;
});

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
