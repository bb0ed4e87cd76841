// Citizen-assistance logs (docs/product.md jobs 1–2): create, edit, soft delete and undo, the paged
// newest-first list with its filters, follow-ups due, and the member's recent kinds of help.
// Every write is validated with the shared zod schema BEFORE a transaction opens, then goes
// through writeRecord (record + outbox entry in one transaction).
import { Dexie } from 'dexie';
import type { z } from 'zod';
import { db } from './db';
import { writeRecord } from './local-write';
import { requireUser, type SessionUser } from './session-repository';
import { listServices } from './service-repository';
import { seedServices } from '../../shared/seed';
import { can, canEditRecord, type Action } from '../../shared/permissions';
import {
  assistanceLogFieldsObject,
  assistanceLogFieldsSchema,
  assistanceLogPatchSchema,
  OUTCOMES,
  type AssistanceLogFields,
  type AssistanceLogPatch,
  type Citizen,
  type Outcome,
  type Barrier,
} from '../../shared/schemas/assistance-log';
import { VALIDATION_KEYS, type ValidationKey } from '../../shared/schemas/validation-keys';
import { uuidv7 } from '../../shared/sync/ids';
import type { SyncedRecord } from '../../shared/sync/merge';
import { addDays, daysBetween, monthOf, reportingPeriodOf, startOfLocalDate, todayLocal, weekOf, type LocalDateRange } from '../../shared/text/dates';
import { foldForSearch, searchTokens } from '../../shared/text/vietnamese';

// ---------------------------------------------------------------------------------------------
// Errors a screen can show.

/** Field path ("serviceId", "citizen.phone", "barriers") → the i18n key of its message. */
export type FieldErrors = Partial<Record<string, ValidationKey>>;

export class ValidationFailedError extends Error {
  override readonly name = 'ValidationFailedError';
  readonly fieldErrors: FieldErrors;
  constructor(errorOrFields: z.ZodError | FieldErrors) {
    super('validation failed');
    this.fieldErrors = 'issues' in errorOrFields && Array.isArray(errorOrFields.issues) ? fieldErrorsOf(errorOrFields as z.ZodError) : (errorOrFields as FieldErrors);
  }
}

export class PermissionError extends Error {
  override readonly name = 'PermissionError';
  constructor(action: Action | 'record.edit') {
    super(`not allowed: ${action}`);
  }
}

export class RecordNotFoundError extends Error {
  override readonly name = 'RecordNotFoundError';
}

const isValidationKey = (message: string): message is ValidationKey => (VALIDATION_KEYS as readonly string[]).includes(message);

/**
 * The first message per field. A path is cut at its first list index ("barriers.2" → "barriers")
 * and the consent evidence reports on the consent tick ("citizen.consentEvidence.x" → "citizen.consent").
 */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const cut = issue.path.findIndex((part) => typeof part === 'number');
    let path = (cut >= 0 ? issue.path.slice(0, cut) : issue.path).map(String).join('.');
    if (path.startsWith('citizen.consentEvidence')) path = 'citizen.consent';
    const key = path === '' ? '_form' : path;
    out[key] ??= isValidationKey(issue.message) ? issue.message : 'validation.invalidType';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading.

export interface LogItem {
  id: string;
  communeId: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
  serviceId: string;
  outcome: Outcome;
  occurredAt: string;
  villageId: string | null;
  barriers: Barrier[];
  durationMin: number | null;
  note: string | null;
  followUpAt: string | null;
  followUpDone: boolean;
  assistedOnTeamDevice: boolean;
  /** Null when the log is anonymous, or when the reader's role may not see citizens' details. */
  citizen: Citizen | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function toLog(row: SyncedRecord, user: SessionUser): LogItem {
  const outcome = (OUTCOMES as readonly unknown[]).includes(row.outcome) ? (row.outcome as Outcome) : 'failed';
  return {
    id: row.id,
    communeId: str(row.communeId) ?? '',
    createdBy: str(row.createdBy) ?? '',
    createdAt: str(row.createdAt) ?? '',
    updatedAt: str(row.updatedAt) ?? '',
    deleted: row.deleted === true,
    serviceId: str(row.serviceId) ?? '',
    outcome,
    occurredAt: str(row.occurredAt) ?? '',
    villageId: str(row.villageId),
    barriers: Array.isArray(row.barriers) ? (row.barriers as Barrier[]) : [],
    durationMin: typeof row.durationMin === 'number' ? row.durationMin : null,
    note: str(row.note),
    followUpAt: str(row.followUpAt),
    followUpDone: row.followUpDone === true,
    assistedOnTeamDevice: row.assistedOnTeamDevice === true,
    // docs/privacy.md: reviewers read the commune's activity, never citizens' details.
    citizen: can(user.role, 'citizen.view') && row.citizen != null ? (row.citizen as Citizen) : null,
  };
}

/** One log of the user's commune, deleted ones included (the detail screen offers undo). */
export async function getLog(id: string): Promise<LogItem | undefined> {
  const user = await requireUser();
  const row = await db.records('assistanceLogs').get(id);
  return row && row.communeId === user.communeId ? toLog(row, user) : undefined;
}

export const PERIODS = ['today', 'week', 'period', 'month', 'all'] as const;
export type Period = (typeof PERIODS)[number];

/** The local dates a period covers on `now` in Asia/Ho_Chi_Minh; null for "all". */
export function periodRange(period: Period, now: number): LocalDateRange | null {
  const today = todayLocal(now);
  switch (period) {
    case 'today':
      return { start: today, end: today };
    case 'week':
      return weekOf(today);
    case 'period':
      // The province's reporting period runs from the 15th to the 14th (docs/domain.md §8.3).
      return reportingPeriodOf(today, 15);
    case 'month':
      return monthOf(today);
    case 'all':
      return null;
  }
}

export interface LogFilter {
  period: Period;
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

/**
 * One page of logs, newest first. The scan walks an index backwards from the cursor and applies
 * the filters in the cursor callback with a limit, so a page costs the rows it skips, not the
 * whole table. With a kind, village, author or outcome filter the scan uses the compound
 * [field+occurredAt] index and never visits rows of other values. Rows with equal occurredAt come
 * in descending id order (IndexedDB orders equal index keys by primary key), which the cursor's
 * tie-break relies on.
 */
export async function listLogs(filter: LogFilter, page: { after?: LogCursor | null; limit?: number } = {}, now: number = Date.now()): Promise<LogPage> {
  const user = await requireUser();
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  const after = page.after ?? null;
  const range = periodRange(filter.period, now);
  const lower: string | number = range ? startOfLocalDate(range.start).toISOString() : Dexie.minKey;
  // The period's end is exclusive (the next day's midnight); a cursor's is inclusive (ties on
  // occurredAt are resolved by id in the filter below).
  const periodEnd = range ? startOfLocalDate(addDays(range.end, 1)).toISOString() : null;
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
    ? table.where(`[${indexed[0]}+occurredAt]`).between([indexed[1], lower], [indexed[1], upper], true, true)
    : table.where('occurredAt').between(lower, upper, true, true);

  const tokens = searchTokens(filter.search ?? '');
  const serviceText = tokens.length > 0 ? await foldedServiceNames() : new Map<string, string>();
  const showCitizen = can(user.role, 'citizen.view');

  const rows = await collection
    .reverse()
    .filter((row) => {
      if (row.deleted === true || row.communeId !== user.communeId) return false;
      const occurredAt = row.occurredAt as string;
      if (periodEnd !== null && occurredAt >= periodEnd) return false;
      if (after && occurredAt === after.occurredAt && row.id >= after.id) return false;
      if (filter.serviceId && row.serviceId !== filter.serviceId) return false;
      if (filter.villageId && row.villageId !== filter.villageId) return false;
      if (filter.mine && row.createdBy !== user.id) return false;
      if (filter.outcome && row.outcome !== filter.outcome) return false;
      if (tokens.length === 0) return true;
      const citizenName = showCitizen ? ((row.citizen as Citizen | null | undefined)?.name ?? '') : '';
      const haystack = `${foldForSearch(typeof row.note === 'string' ? row.note : '')}\n${foldForSearch(citizenName)}\n${serviceText.get(row.serviceId as string) ?? ''}`;
      return tokens.every((token) => haystack.includes(token));
    })
    .limit(limit)
    .toArray();

  const items = rows.map((row) => toLog(row, user));
  const last = items[items.length - 1];
  return { items, next: items.length === limit && last ? { occurredAt: last.occurredAt, id: last.id } : null };
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
export async function listFollowUpsDue(now: number = Date.now(), { upcoming = false }: { upcoming?: boolean } = {}): Promise<FollowUp[]> {
  const user = await requireUser();
  const today = todayLocal(now);
  const byDate = db.records('assistanceLogs').where('followUpAt');
  const rows = await (upcoming ? byDate.above('') : byDate.belowOrEqual(today))
    .filter((row) => row.deleted !== true && row.followUpDone !== true && row.communeId === user.communeId && canEditRecord(user, { createdBy: row.createdBy }))
    .toArray();
  return rows.map((row) => {
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
    if (row.deleted === true || typeof row.serviceId !== 'string' || codes.includes(row.serviceId)) continue;
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

const FIELD_NAMES = Object.keys(assistanceLogFieldsObject.shape) as (keyof AssistanceLogFields)[];

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** JSON with sorted keys, to tell whether a field really changed (absent and null both mean "not set"). */
export function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// The server checks that the consent was recorded by the member who pushes it (docs/privacy.md).
function checkConsentAuthor(citizen: Citizen | null | undefined, user: SessionUser): void {
  if (citizen && citizen.consentEvidence.recordedBy !== user.id) throw new ValidationFailedError({ 'citizen.consent': 'validation.consentRequired' });
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

/** Creates a log for the signed-in user's commune. Bad input throws ValidationFailedError and writes nothing. */
export async function createLog(input: AssistanceLogFields, now: number = Date.now()): Promise<LogItem> {
  const started = performance.now();
  const user = await requireUser();
  if (!can(user.role, 'log.create')) throw new PermissionError('log.create');
  const parsed = assistanceLogFieldsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationFailedError(parsed.error);
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

async function editable(id: string): Promise<{ user: SessionUser; row: SyncedRecord }> {
  const user = await requireUser();
  const row = await db.records('assistanceLogs').get(id);
  if (!row || row.communeId !== user.communeId) throw new RecordNotFoundError(id);
  // Leaders edit anyone's log, members their own (one rule table for client and server).
  if (!canEditRecord(user, { createdBy: row.createdBy })) throw new PermissionError('record.edit');
  return { user, row };
}

/**
 * Changes some fields of a log. Only fields whose value really changes are written (and queued),
 * so a concurrent edit of another field on another phone is never overwritten. The merged result
 * is checked with the cross-field rules (no disability barrier beside a named citizen).
 */
export async function updateLog(id: string, changes: Omit<AssistanceLogPatch, 'deleted'>, now: number = Date.now()): Promise<LogItem> {
  const { user, row } = await editable(id);
  const patch = assistanceLogPatchSchema.safeParse(changes);
  if (!patch.success) throw new ValidationFailedError(patch.error);
  const { deleted: _ignored, ...fields } = patch.data;
  const current = Object.fromEntries(FIELD_NAMES.filter((name) => row[name] !== undefined).map((name) => [name, row[name]]));
  const merged = assistanceLogFieldsSchema.safeParse({ ...current, ...definedOnly(fields) });
  if (!merged.success) throw new ValidationFailedError(merged.error);
  const changed = Object.fromEntries(Object.entries(definedOnly(fields)).filter(([name, value]) => canonical(value) !== canonical(row[name])));
  if ('citizen' in changed) {
    const before = row.citizen as Citizen | null | undefined;
    const after = changed.citizen as Citizen | null;
    // New consent evidence must be the editor's own; an unchanged evidence may be someone else's.
    if (after && canonical(after.consentEvidence) !== canonical(before?.consentEvidence)) checkConsentAuthor(after, user);
  }
  if (Object.keys(changed).length === 0) return toLog(row, user);
  return toLog(await writeRecord({ table: 'assistanceLogs', recordId: id, fields: changed }, now), user);
}

/** Soft delete: a tombstone that syncs to every phone; restoreLog undoes it. */
export async function deleteLog(id: string, now: number = Date.now()): Promise<void> {
  await editable(id);
  await writeRecord({ table: 'assistanceLogs', recordId: id, fields: { deleted: true } }, now);
}

export async function restoreLog(id: string, now: number = Date.now()): Promise<void> {
  await editable(id);
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
