// The lookup columns of `records` (migration 5; docs/privacy.md "Erasure" and "Retention"): what an
// erasure and the retention purge search by, so that neither reads every record of a commune.
// Written with the record by every store write, from the record itself, so they cannot disagree
// with it; a record without personal data has none, and erasing it clears them in the same write.
import { createHash } from 'node:crypto';
import { PERSONAL_FIELDS, holdsPersonalData, retentionStartOf, type CitizenQuery } from '../../shared/privacy/erasure';
import { normalizeVnPhone } from '../../shared/schemas/phone';
import type { SyncTable } from '../../shared/schemas/tables';
import type { SyncedRecord } from '../../shared/sync/merge';
import { foldForSearch } from '../../shared/text/vietnamese';

/** The lookup columns, in the order of `RecordLookups`' values (lookupValues). */
export const LOOKUP_COLUMNS = 'lookup_name, lookup_phone, personal_at';

export interface RecordLookups {
  /** A digest of the citizen's folded name (an assistance log's citizen), or null. */
  lookupName: string | null;
  /** A digest of the citizen's normalised phone number, or null. */
  lookupPhone: string | null;
  /** While it holds personal data, when its retention started (Unix ms; retentionStartOf: a log's date, a request's closing), else null. */
  personalAt: number | null;
}

/**
 * A digest, not the text: the index then holds no second copy of a name or number (the record's
 * own row holds the details until they are erased, and the digest goes with them).
 */
const digest = (kind: string, value: string) => createHash('sha256').update(`${kind}\u0000${value}`).digest('base64url').slice(0, 22);

/** The key of a name as an erasure compares it (citizenMatches: folded, whole). */
function nameKey(name: string): string | null {
  const folded = foldForSearch(name);
  return folded === '' ? null : digest('name', folded);
}

/** The key of a phone number as an erasure compares it (normalised). */
function phoneKey(phone: string): string | null {
  const normalized = normalizeVnPhone(phone);
  return normalized === '' ? null : digest('phone', normalized);
}

/** The lookup values of a record as it is about to be stored. */
export function recordLookups(table: SyncTable, record: SyncedRecord): RecordLookups {
  const citizen = table === 'assistanceLogs' && record.citizen !== null && typeof record.citizen === 'object' ? (record.citizen as { name?: unknown; phone?: unknown }) : {};
  const start = holdsPersonalData(table, record) ? retentionStartOf(table, record) : undefined;
  const personalAt = start === undefined ? Number.NaN : Date.parse(start);
  return {
    lookupName: typeof citizen.name === 'string' ? nameKey(citizen.name) : null,
    lookupPhone: typeof citizen.phone === 'string' ? phoneKey(citizen.phone) : null,
    personalAt: Number.isFinite(personalAt) ? personalAt : null,
  };
}

/** The same values as a positional list, in LOOKUP_COLUMNS order. */
export function lookupValues(lookups: RecordLookups): [string | null, string | null, number | null] {
  return [lookups.lookupName, lookups.lookupPhone, lookups.personalAt];
}

/** Which keys an erasure's query names (every one given must match, as in citizenMatches). */
export interface CitizenLookup {
  lookupName?: string;
  lookupPhone?: string;
}

export function citizenLookup(query: CitizenQuery): CitizenLookup {
  const name = nameKey(query.name ?? '');
  const phone = phoneKey(query.phone ?? '');
  return { ...(name ? { lookupName: name } : {}), ...(phone ? { lookupPhone: phone } : {}) };
}

/** The tables whose records can hold personal data: the only ones the backfill reads. */
export const PERSONAL_TABLES = Object.keys(PERSONAL_FIELDS) as readonly SyncTable[];
