// A write the server makes itself to a synced record (an admin's reference-data edit, a seed
// clean-up): the changed fields and `updatedAt` get one server HLC later than every clock of the
// record, so every phone's merge takes them however long it was offline (docs/sync.md §5).
import { serverHlcAfter } from '../../shared/privacy/erasure';
import type { Hlc } from '../../shared/sync/hlc';
import type { SyncedRecord } from '../../shared/sync/merge';

/** `record` with `fields` written at `now` by the server. */
export function serverWrite(record: SyncedRecord, fields: Readonly<Record<string, unknown>>, now: number): SyncedRecord {
  const hlc = serverHlcAfter(Object.values(record.clocks), now);
  const written: Record<string, unknown> = { ...record, ...fields, updatedAt: new Date(now).toISOString() };
  const clocks: Record<string, Hlc> = { ...record.clocks };
  for (const field of [...Object.keys(fields), 'updatedAt']) clocks[field] = hlc;
  return { ...written, id: record.id, clocks };
}

/** A new record created by the server at `now`: every field carries the same server HLC. */
export function serverCreate(id: string, fields: Readonly<Record<string, unknown>>, now: number): SyncedRecord {
  const hlc = serverHlcAfter([], now);
  const all: Record<string, unknown> = { ...fields, updatedAt: new Date(now).toISOString() };
  const clocks: Record<string, Hlc> = Object.fromEntries(Object.keys(all).map((field) => [field, hlc]));
  return { ...all, id, clocks };
}
