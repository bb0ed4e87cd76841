// Per-field last-writer-wins (docs/sync.md §2–3, docs/sync.md §7.2 items 3 and 6). Pure: no clock reads,
// no I/O, inputs never mutated. Field values are JSON and are shared, not copied, between input and
// output records, so treat them as immutable.
//
// The rule, for each field: the version with the greater HLC wins (the node id inside the HLC
// breaks ties between devices). Two different values under one HLC cannot come from a correct
// client (one HLC stamps one write), but a buggy or hostile one could send them; the greater
// canonical JSON then wins, so every replica still picks the same value. Ordering versions by the
// pair (HLC, canonical JSON) makes merge a max per field: commutative, associative, idempotent.
import { canonicalJson } from './canonical-json';
import { InvalidHlcError, isHlc, type Hlc } from './hlc';

export type FieldClocks = Readonly<Record<string, Hlc>>;

/**
 * A synced record as stored on either side: fields flat, like the wire format and the Dexie rows,
 * and beside them `clocks`, the HLC of the write that set each field. `id` has no clock and never
 * changes; `deleted`, `communeId`, `createdBy` are ordinary fields with clocks.
 */
export type SyncedRecord = {
  readonly id: string;
  readonly clocks: FieldClocks;
  readonly [field: string]: unknown;
};

/** The part of a mutation the merge needs; the wire mutation also carries `id` and `table`. */
export type FieldWrite = {
  readonly recordId: string;
  readonly hlc: Hlc;
  readonly fields: Readonly<Record<string, unknown>>;
};

/** Keys a record uses for itself; a write may not set them. */
export const RESERVED_FIELDS: readonly string[] = ['id', 'clocks'];

export class MergeError extends Error {
  override readonly name = 'MergeError';
}

/** The record a single write would create: its fields, each clocked with the write's HLC. */
export function recordFromWrite(write: FieldWrite): SyncedRecord {
  if (typeof write.recordId !== 'string' || write.recordId === '') throw new MergeError('A write needs a recordId');
  if (!isHlc(write.hlc)) throw new InvalidHlcError(`Write ${write.recordId} has an invalid HLC: ${String(write.hlc)}`);
  // `undefined` never reaches another replica (JSON drops it), so applying it here would diverge.
  const fields = Object.entries(write.fields).filter(([, value]) => value !== undefined);
  for (const [field] of fields) {
    if (RESERVED_FIELDS.includes(field)) throw new MergeError(`A write may not set the reserved field "${field}"`);
  }
  return build(
    write.recordId,
    fields.map(([field, value]) => [field, value, write.hlc]),
  );
}

/** Apply one write: each of its fields replaces the record's iff the write's clock is greater. */
export function applyWrite(record: SyncedRecord | undefined, write: FieldWrite): SyncedRecord {
  const incoming = recordFromWrite(write);
  return record === undefined ? incoming : mergeRecords(record, incoming);
}

/** Merge two versions of one record field by field. */
export function mergeRecords(a: SyncedRecord, b: SyncedRecord): SyncedRecord {
  if (a.id !== b.id) throw new MergeError(`Cannot merge different records ${a.id} and ${b.id}`);
  const names = new Set([...fieldNames(a), ...fieldNames(b)]);
  const fields = Array.from(names, (field): FieldVersion => {
    const winner = !hasField(b, field) ? a : !hasField(a, field) ? b : newer(a, b, field);
    return [field, winner[field], winner.clocks[field]];
  });
  return build(a.id, fields);
}

/**
 * docs/sync.md §3: a pulled server record replaces the local one, then the local writes the server has
 * not acknowledged yet are re-applied on top, oldest first. Not merge(local, server): a clock the
 * server capped or a write it rejected would then survive locally forever.
 */
export function rebase(serverRecord: SyncedRecord, pendingWrites: readonly FieldWrite[]): SyncedRecord {
  return pendingWrites.reduce<SyncedRecord>((record, write) => applyWrite(record, write), serverRecord);
}

type FieldVersion = readonly [field: string, value: unknown, clock: Hlc | undefined];

function hasField(record: SyncedRecord, field: string): boolean {
  return Object.hasOwn(record.clocks, field) || Object.hasOwn(record, field);
}

function fieldNames(record: SyncedRecord): string[] {
  const valued = Object.keys(record).filter((key) => !RESERVED_FIELDS.includes(key));
  return [...valued, ...Object.keys(record.clocks)];
}

/** The record whose version of `field` wins; a field without a clock loses to any clocked one. */
function newer(a: SyncedRecord, b: SyncedRecord, field: string): SyncedRecord {
  const clockA = a.clocks[field] ?? '';
  const clockB = b.clocks[field] ?? '';
  if (clockA !== clockB) return clockA > clockB ? a : b;
  return tieKey(b[field]) > tieKey(a[field]) ? b : a;
}

/**
 * Fields and clocks in sorted key order, so replicas that agree also serialize byte for byte alike.
 * Object.fromEntries defines own properties, so even a field called "__proto__" stays data.
 */
function build(id: string, versions: readonly FieldVersion[]): SyncedRecord {
  const sorted = [...versions].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  // One pass, no intermediate arrays: this runs for every field write the server applies.
  const values: [string, unknown][] = [['id', id]];
  const clocks: [string, Hlc][] = [];
  for (const [field, value, clock] of sorted) {
    if (value !== undefined) values.push([field, value]);
    if (clock !== undefined) clocks.push([field, clock]);
  }
  values.push(['clocks', Object.fromEntries(clocks)]);
  return Object.fromEntries(values) as SyncedRecord;
}

/** A tie's order: the canonical JSON, with an absent value ('') below every value, null included. */
function tieKey(value: unknown): string {
  return value === undefined ? '' : canonicalJson(value);
}
