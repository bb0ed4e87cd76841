// Removing a citizen's details while keeping the anonymous counts (docs/privacy.md "Erasure").
// Pure rules shared by the server (which erases and strips tombstones) and the phones (which find
// a citizen's records before asking the server to erase them).
import { z } from 'zod';
import { normalizeVnPhone } from '../schemas/phone';
import type { SyncTable } from '../schemas/tables';
import { compareHlc, formatHlc, parseHlc, type Hlc } from '../sync/hlc';
import type { SyncedRecord } from '../sync/merge';
import { foldForSearch } from '../text/vietnamese';

/**
 * The fields that can hold a citizen's details, per table: the citizen sub-object, and the free
 * text notes, which often carry a name despite the guard. Erasure and tombstones set them to null;
 * service, outcome, barriers, village and date stay, so reports do not change.
 */
export const PERSONAL_FIELDS: Readonly<Partial<Record<SyncTable, readonly string[]>>> = {
  assistanceLogs: ['citizen', 'note'],
  groupSessions: ['note'],
  // Who asked: the register keeps the request itself (kind, dates, each step and who took it).
  rightsRequests: ['requester'],
};

/**
 * When the retention limit of a record's personal fields starts to run (docs/privacy.md
 * "Retention"): a log's or a class's date; a request's closing, and only once it is answered or
 * refused (an open request still needs to know who asked). undefined: not yet running.
 */
export function retentionStartOf(table: SyncTable, record: Readonly<Record<string, unknown>>): string | undefined {
  if (table === 'rightsRequests') return (record.status === 'done' || record.status === 'refused') && typeof record.closedAt === 'string' ? record.closedAt : undefined;
  return typeof record.occurredAt === 'string' ? record.occurredAt : undefined;
}

/** Whom a leader asks to erase: a name, a phone number, or both (both must then match). */
export interface CitizenQuery {
  name?: string | undefined;
  phone?: string | undefined;
}

/** POST /api/privacy/erasures: the citizen's name, phone number or both. */
export const erasureRequestSchema = z.strictObject({ name: z.string().max(100).optional(), phone: z.string().max(20).optional() });
/** Its answer: how many of the commune's logs lost the citizen's details. */
export const erasureResponseSchema = z.strictObject({ erasedLogs: z.number().int().min(0) });
export type ErasureResponse = z.infer<typeof erasureResponseSchema>;

/** Whether the query names anyone at all (an empty query must never match every log). */
export function isCitizenQuery(query: CitizenQuery): boolean {
  return foldForSearch(query.name ?? '') !== '' || normalizeVnPhone(query.phone ?? '') !== '';
}

/**
 * Whether a log's citizen is the one asked for: the whole name equal once folded (diacritics,
 * case and spacing ignored: "Nguyen van an" finds "Nguyễn Văn An", "An" alone does not), and the
 * phone equal once normalised. Every criterion given must match.
 */
export function citizenMatches(citizen: unknown, query: CitizenQuery): boolean {
  return citizenMatcher(query)(citizen);
}

/** citizenMatches with the query folded once, for many records (a fold is most of a comparison's cost). */
export function citizenMatcher(query: CitizenQuery): (citizen: unknown) => boolean {
  const wantedName = foldForSearch(query.name ?? '');
  const wantedPhone = normalizeVnPhone(query.phone ?? '');
  return (citizen) => {
    // An empty query (isCitizenQuery) never matches.
    if (citizen === null || typeof citizen !== 'object' || (wantedName === '' && wantedPhone === '')) return false;
    const { name, phone } = citizen as { name?: unknown; phone?: unknown };
    if (wantedName !== '' && (typeof name !== 'string' || foldForSearch(name) !== wantedName)) return false;
    if (wantedPhone !== '' && (typeof phone !== 'string' || normalizeVnPhone(phone) !== wantedPhone)) return false;
    return true;
  };
}

/** The server's node id in the HLCs of the writes it makes itself (erasure, tombstones, retention). */
export const SERVER_NODE = '0000000000000000';

/** A server HLC at `now`, later than every clock given, so the server's write wins the merge. */
export function serverHlcAfter(clocks: readonly (string | undefined)[], now: number): Hlc {
  // HLC strings compare as their clocks do (hlc.ts): only the latest one given can be ahead.
  let latest: string | undefined;
  for (const clock of clocks) if (clock !== undefined && (latest === undefined || clock > latest)) latest = clock;
  const at = serverTime(now);
  if (latest === undefined || compareHlc(latest as Hlc, at.hlc) < 0) return at.hlc;
  const { millis, counter } = parseHlc(latest);
  return formatHlc({ millis, counter: counter + 1, node: SERVER_NODE });
}

/**
 * The server's HLC at `now` and `now` as an ISO instant, remembered for the last `now`: an erasure
 * or a purge stamps every record it writes with the same time, and formatting a date costs more
 * than the rest of a record's erasure.
 */
function serverTime(now: number): { now: number; hlc: Hlc; iso: string } {
  if (lastServerTime?.now !== now) lastServerTime = { now, hlc: formatHlc({ millis: now, counter: 0, node: SERVER_NODE }), iso: new Date(now).toISOString() };
  return lastServerTime;
}
let lastServerTime: { now: number; hlc: Hlc; iso: string } | undefined;

/** Whether a record still holds something in one of its personal fields. */
export function holdsPersonalData(table: SyncTable, record: SyncedRecord): boolean {
  return (PERSONAL_FIELDS[table] ?? []).some((field) => record[field] !== undefined && record[field] !== null);
}

/**
 * The record with its personal fields set to null by a write that beats their clocks. Used for an
 * erasure and for a tombstone (a deleted record carries no personal data, whatever merged into it).
 */
export function withoutPersonalData(table: SyncTable, record: SyncedRecord, now: number): SyncedRecord {
  const fields = (PERSONAL_FIELDS[table] ?? []).filter((field) => record[field] !== undefined && record[field] !== null);
  if (fields.length === 0) return record;
  const hlc = serverHlcAfter(fields.map((field) => record.clocks[field]), now);
  const cleared: Record<string, unknown> = { ...record };
  const clocks: Record<string, Hlc> = { ...record.clocks };
  for (const field of fields) {
    cleared[field] = null;
    clocks[field] = hlc;
  }
  return { ...cleared, id: record.id, clocks };
}

/**
 * A citizen's log after an erasure: the personal fields null and `updatedAt` the erasure's time,
 * all with one server HLC later than the record's clocks, so every phone's merge takes it.
 */
export function erasedRecord(table: SyncTable, record: SyncedRecord, now: number): SyncedRecord {
  const hlc = serverHlcAfter(Object.values(record.clocks), now);
  // One copy of each (the server erases many records per request): the copied record's own
  // `clocks` is replaced by the new clocks, the input is left as it was.
  const clocks: Record<string, Hlc> = { ...record.clocks };
  const erased: Record<string, unknown> = { ...record, clocks };
  for (const field of PERSONAL_FIELDS[table] ?? []) {
    erased[field] = null;
    clocks[field] = hlc;
  }
  erased.updatedAt = serverTime(now).iso;
  clocks.updatedAt = hlc;
  return erased as SyncedRecord;
}
