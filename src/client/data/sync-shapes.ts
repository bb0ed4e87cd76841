// What the sync engine and its storage hand each other (docs/sync.md §3), and the small pure helpers
// the storage uses on them before a transaction opens: nothing here touches Dexie.
import type { OutboxEntry } from './db';
import type { SyncedRecord } from '../../shared/sync/merge';
import type { Hlc, HlcState } from '../../shared/sync/hlc';
import type { Mutation } from '../../shared/sync/protocol';
import type { SyncTable } from '../../shared/schemas/tables';
import { hasFields } from '../../shared/has-fields';
import type { Session } from './session-state';

export interface OutboxBatch {
  entries: OutboxEntry[];
  mutations: Mutation[];
  /** UTF-8 bytes of the mutations as JSON. */
  bytes: number;
}

/**
 * A round's first reads, asked for together (sync-repository.ts readRoundStart): the engine's
 * (the outbox's first batch, where the pull starts) and the runtime's (the outbox's size, who is
 * signed in). Each settles on its own: a locked phone's sealed batch fails, the rest do not.
 */
export interface RoundStartReads {
  batch: Promise<OutboxBatch>;
  cursor: Promise<string | undefined>;
  waiting: Promise<number>;
  session: Promise<Session | undefined>;
}

export interface PulledChange {
  table: SyncTable;
  record: SyncedRecord;
}

export interface PushOutcome {
  /** Entries taken off the outbox by this answer (acked or rejected). */
  settled: number;
  /**
   * A refused change had overwritten fields of a record the server also holds: their server values
   * are no longer on the phone, so the cursor was reset and the next pull starts from the beginning.
   */
  resyncNeeded: boolean;
}

export interface ServerClock {
  /** Device clock + offset = server clock (hlc.ts clockOffset). */
  offsetMs: number;
  /** The device clock when the answer arrived. */
  now: number;
}

export function isClockState(value: unknown): value is HlcState {
  return hasFields(value, 'millis', 'counter', 'node') && typeof value.millis === 'number' && typeof value.counter === 'number' && typeof value.node === 'string';
}

export function toMutation(entry: OutboxEntry): Mutation {
  const mutation: Mutation = { id: entry.id, table: entry.table, recordId: entry.recordId, hlc: entry.hlc, fields: entry.fields };
  return entry.relay ? { ...mutation, relay: entry.relay } : mutation;
}

export const pendingKey = (table: string, recordId: string) => `${table}\u0000${recordId}`;

/** The greatest clock in a page: receiving it moves the device clock past every clock received. */
export function maxClock(changes: readonly PulledChange[]): Hlc | undefined {
  let max: Hlc | undefined;
  for (const { record } of changes) {
    for (const clock of Object.values(record.clocks)) if (max === undefined || clock > max) max = clock;
  }
  return max;
}
