// Citizen-assistance logs (docs/product.md jobs 1–2): create, edit, soft delete and undo, the paged
// newest-first list with its filters, follow-ups due, and the member's recent kinds of help.
// Every write is validated with the shared zod schema BEFORE a transaction opens, then goes
// through writeRecord (record + outbox entry in one transaction).
import { Dexie } from 'dexie';
import { db, type StoredRecord } from './db';
import { communeUserWhoMay } from './access';
import { planEdit, editableRecord } from './editable-record';
import { ValidationError } from './errors';
import { writeRecord } from './local-write';
import { definedOnly } from './record-fields';
import { openRow, openRows } from './sealed-records';
import { requireUser, type SessionUser } from './session-repository';
import { listServices } from './service-repository';
import { seedServices } from '../../shared/seed';
import { can, canEditRecord } from '../../shared/permissions';
import {
  assistanceLogFieldsObject,
  assistanceLogFieldsSchema,
  assistanceLogPatchSchema,
  type AssistanceLogFields,
  type AssistanceLogPatch,
  type AssistanceLogRecord,
  type Citizen,
  type Outcome,
} from '../../shared/schemas/assistance-log';
import { sameJson } from '../../shared/sync/canonical-json';
import { uuidv7 } from '../../shared/sync/ids';
import { instantBounds, listPeriodRange, type ListPeriod } from '../../shared/reports/period';
import { daysBetween, todayLocal } from '../../shared/text/dates';
import { foldForSearch, searchTokens } from '../../shared/text/vietnamese';

// ---------------------------------------------------------------------------------------------
// Reading.

/** A log as the screens read it: the stored record, `citizen` null when hidden from the reader. */
export type LogItem = AssistanceLogRecord;

// PRIVACY B.3: reviewers read the commune's activity, never citizens' details.
function toLog(row: StoredRecord<'assistanceLogs'>, user: SessionUser): LogItem {
  return row.citizen == null || can(user.role, 'citizen.view') ? row : { ...row, citizen: null };
}

/** One log of the user's commune, deleted ones included (the detail screen offers undo). */
export async function getLog(id: string): Promise<LogItem | undefined> {
  const user = await requireUser();
  const row = await db.records('assistanceLogs').get(id);
  if (!row || row.communeId !== user.communeId) return undefined;
  return toLog((await openRow('assistanceLogs', row)) ?? row, user);
}

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
  let rows: StoredRecord<'assistanceLogs'>[];
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
  const due = followUpsOf(user).rows(today, upcoming);
  // The index is in date order: the first ones are the most overdue. Only those listed are decrypted.
  const rows = await openRows('assistanceLogs', await (limit === undefined ? due : due.limit(limit)).toArray());
  return rows.map((row) => {
    const log = toLog(row, user);
    return { log, daysOverdue: log.followUpAt ? daysBetween(log.followUpAt, today) : 0 };
  });
}

/** How many follow-ups listFollowUpsDue would list (nothing is decrypted to count them). */
export async function countFollowUpsDue(now: number = Date.now()): Promise<number> {
  const user = await requireUser();
  return followUpsOf(user).rows(todayLocal(now), false).count();
}

function followUpsOf(user: SessionUser) {
  return {
    rows: (today: string, upcoming: boolean) => {
      const byDate = db.records('assistanceLogs').where('followUpAt');
      return (upcoming ? byDate.above('') : byDate.belowOrEqual(today)).filter(
        (row) => !row.deleted && row.followUpDone !== true && row.communeId === user.communeId && canEditRecord(user, row),
      );
    },
  };
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

// ---------------------------------------------------------------------------------------------
// Writing.

const LOG_EDIT = { patch: assistanceLogPatchSchema, fields: assistanceLogFieldsSchema, names: Object.keys(assistanceLogFieldsObject.shape) };

// The server checks that the consent was recorded by the member who pushes it (PRIVACY B.3).
function checkConsentAuthor(citizen: Citizen | null | undefined, user: SessionUser): void {
  if (citizen && citizen.consentEvidence.recordedBy !== user.id) throw ValidationError.of('citizen.consent', 'validation.consentRequired');
}

/** User Timing entry of each createLog (validation + committed transaction), read by the bench. */
export const CREATE_LOG_TIMING = 'assistance:log-create';

function recordTiming(name: string, start: number): void {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // User Timing missing or full: saving never depends on it.
  }
}

/** Creates a log for the signed-in user's commune. Bad input throws ValidationError and writes nothing. */
export async function createLog(input: AssistanceLogFields, now: number = Date.now()): Promise<LogItem> {
  const started = performance.now();
  const user = await communeUserWhoMay('log.create');
  const parsed = assistanceLogFieldsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error);
  checkConsentAuthor(parsed.data.citizen, user);
  const record = await writeRecord(
    {
      table: 'assistanceLogs',
      recordId: uuidv7(),
      fields: { ...definedOnly(parsed.data), communeId: user.communeId, createdBy: user.id, createdAt: new Date(now).toISOString(), deleted: false },
    },
    now,
  );
  recordTiming(CREATE_LOG_TIMING, started);
  return toLog(record, user);
}

/**
 * Changes some fields of a log: only those whose value really changes are written and queued
 * (planEdit). The merged result must pass the cross-field rules (no disability barrier beside a
 * named citizen).
 */
export async function updateLog(id: string, changes: Omit<AssistanceLogPatch, 'deleted'>, now: number = Date.now()): Promise<LogItem> {
  const { user, row, changed } = await planEdit('assistanceLogs', id, changes, LOG_EDIT);
  // New consent evidence must be the editor's own; an unchanged evidence may be someone else's.
  if (changed.citizen && !sameJson(changed.citizen.consentEvidence, row.citizen?.consentEvidence)) checkConsentAuthor(changed.citizen, user);
  if (Object.keys(changed).length === 0) return toLog(row, user);
  return toLog(await writeRecord({ table: 'assistanceLogs', recordId: id, fields: changed }, now), user);
}

/** Soft delete: a tombstone that syncs to every phone; restoreLog undoes it. */
export async function deleteLog(id: string, now: number = Date.now()): Promise<void> {
  await editableRecord('assistanceLogs', id);
  await writeRecord({ table: 'assistanceLogs', recordId: id, fields: { deleted: true } }, now);
}

export async function restoreLog(id: string, now: number = Date.now()): Promise<void> {
  await editableRecord('assistanceLogs', id);
  await writeRecord({ table: 'assistanceLogs', recordId: id, fields: { deleted: false } }, now);
}

/**
 * Records the result of a follow-up visit: the new outcome, and either the follow-up closed or a
 * new date set (then it stays open).
 */
export async function recordFollowUp(id: string, result: { outcome: Outcome; nextFollowUpAt?: string | null }, now: number = Date.now()): Promise<LogItem> {
  const next = result.nextFollowUpAt ?? null;
  return updateLog(id, next ? { outcome: result.outcome, followUpAt: next, followUpDone: false } : { outcome: result.outcome, followUpDone: true }, now);
}
