// The soak's verdict, after the network has healed and every phone has synced to a standstill.
// It reads the ledger (what phones wrote and were told), the phones' databases and the server's
// database (through the store's own facade), and lists every broken promise of the protocol
// (src/shared/sync/PROTOCOL.md §10): an acknowledged write lost (I3), one applied twice or a record
// invented (I4), a phone different from the server (I2), a field whose winner is not the write
// with the greatest clock (I1, I9, I10), anything across communes (I8), a cursor going back (I6),
// a change left unsent or dropped silently (I12). An empty list is a pass.
import type { StoredRecord } from '../../src/server/storage/record-types';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import type { SyncTable } from '../../src/shared/schemas/tables';
import type { Ledger, LedgerMutation } from './phone';

/** Fields the server stamps with its own time (under the mutation's clock): no phone's value wins them. */
const SERVER_TIMES = new Set(['createdAt', 'updatedAt']);

export interface PhoneState {
  name: string;
  communeId: string;
  outbox: number;
  rejectedIds: ReadonlySet<string>;
  rows: ReadonlyMap<SyncTable, readonly SyncedRecord[]>;
}

export interface CheckInput {
  ledger: Ledger;
  phones: readonly PhoneState[];
  /** Every record of the soak's tables in every commune scope, read from the server's database. */
  server: readonly StoredRecord[];
  tables: readonly SyncTable[];
}

export function checkSoak({ ledger, phones, server, tables }: CheckInput): string[] {
  const problems = [...ledger.problems];
  const key = (table: string, id: string) => `${table}/${id}`;
  const byRecord = new Map<string, StoredRecord[]>();
  for (const row of server) byRecord.set(key(row.table, row.record.id), [...(byRecord.get(key(row.table, row.record.id)) ?? []), row]);

  // Every change a phone made was acknowledged or is in its visible list of changes not accepted.
  const rejectedOn = new Map(phones.map((phone) => [phone.name, phone.rejectedIds]));
  for (const phone of phones) if (phone.outbox > 0) problems.push(`${phone.name}: ${phone.outbox} change(s) still unsent after the network healed`);
  const acked: LedgerMutation[] = [];
  for (const mutation of ledger.mutations.values()) {
    const wasAcked = ledger.acked.has(mutation.id);
    const inRejectedList = rejectedOn.get(mutation.phone)?.has(mutation.id) ?? false;
    if (wasAcked) acked.push(mutation);
    if (wasAcked === inRejectedList) problems.push(`mutation ${mutation.id} (${mutation.phone}): ${wasAcked ? 'acked and also listed as rejected' : 'neither acked nor listed as rejected — dropped silently'}`);
  }

  // Acknowledged writes: on the server, in the writer's commune, each field at least as new.
  const ackedByRecord = new Map<string, LedgerMutation[]>();
  for (const mutation of acked) {
    const recordKey = key(mutation.table, mutation.recordId);
    ackedByRecord.set(recordKey, [...(ackedByRecord.get(recordKey) ?? []), mutation]);
    const rows = byRecord.get(recordKey) ?? [];
    const row = rows.find((candidate) => candidate.scope === mutation.communeId);
    if (!row) {
      problems.push(`acknowledged write lost: mutation ${mutation.id} of ${mutation.phone}, record ${recordKey} is not on the server in ${mutation.communeId}`);
      continue;
    }
    for (const field of Object.keys(mutation.fields)) {
      const clock = row.record.clocks[field];
      if (clock === undefined || clock < mutation.hlc) problems.push(`acknowledged write lost: ${recordKey}.${field} of mutation ${mutation.id} (clock ${mutation.hlc}, server ${clock ?? 'none'})`);
    }
  }

  for (const [recordKey, rows] of byRecord) {
    // One record, one scope, one row: nothing duplicated, nothing across communes.
    if (rows.length > 1) problems.push(`record ${recordKey} is stored ${rows.length} times (${rows.map((r) => r.scope).join(', ')})`);
    const writers = ackedByRecord.get(recordKey) ?? [];
    if (writers.length === 0) {
      problems.push(`record ${recordKey} on the server has no acknowledged write (invented or duplicated)`);
      continue;
    }
    for (const row of rows) {
      if (row.record.communeId !== row.scope) problems.push(`record ${recordKey} in scope ${row.scope} says communeId ${String(row.record.communeId)}`);
      const foreign = writers.filter((mutation) => mutation.communeId !== row.scope);
      if (foreign.length > 0) problems.push(`record ${recordKey} in ${row.scope} was written from another commune (${foreign.map((m) => m.phone).join(', ')})`);
      // The winner of each field is the acknowledged write with the greatest clock (last writer wins).
      for (const [field, clock] of Object.entries(row.record.clocks)) {
        if (SERVER_TIMES.has(field)) continue;
        const setters = writers.filter((mutation) => field in mutation.fields);
        const winner = setters.reduce<LedgerMutation | undefined>((best, mutation) => (best === undefined || mutation.hlc > best.hlc ? mutation : best), undefined);
        if (!winner) {
          problems.push(`${recordKey}.${field}: no acknowledged write set it`);
          continue;
        }
        if (clock !== winner.hlc || canonical(row.record[field]) !== canonical(winner.fields[field])) {
          problems.push(`${recordKey}.${field}: the server holds ${JSON.stringify(row.record[field])} at ${clock}, the winner is ${JSON.stringify(winner.fields[field])} at ${winner.hlc} (mutation ${winner.id} of ${winner.phone})`);
        }
      }
    }
  }

  // Every phone equals the server of its commune, field by field and clock by clock.
  for (const phone of phones) {
    for (const table of tables) {
      const expected = canonicalRows(server.filter((row) => row.table === table && row.scope === phone.communeId).map((row) => row.record));
      const actual = canonicalRows(phone.rows.get(table) ?? []);
      for (const [id, json] of expected) if (actual.get(id) !== json) problems.push(`${phone.name}: ${table}/${id} ${actual.has(id) ? 'differs from the server' : 'is missing'}`);
      for (const [id, record] of actual) {
        if (!expected.has(id)) problems.push(`${phone.name}: ${table}/${id} is not on the server of ${phone.communeId}`);
        if ((JSON.parse(record) as { communeId?: unknown }).communeId !== phone.communeId) problems.push(`${phone.name}: holds ${table}/${id} of another commune`);
      }
    }
  }
  return problems;
}

function canonicalRows(records: readonly SyncedRecord[]): Map<string, string> {
  return new Map(records.map((record) => [record.id, canonical(record)]));
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, item]) => `${JSON.stringify(k)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
