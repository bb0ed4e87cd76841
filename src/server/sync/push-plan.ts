// What one push does, decided inside the write transaction from what the store loaded (docs/sync.md
// §5, docs/sync.md §7.2 items 16–19). Pure and synchronous, so both stores run the same code in
// their transaction (SQLite's cannot await).
//
// Per mutation, in the order sent:
//   seen earlier in this batch → the same outcome;
//   already applied (applied_mutations) → the stored outcome, nothing re-applied (I4);
//   malformed → rejected `invalid`;
//   the record lives in another commune → rejected `wrong_commune` (I8);
//   registry.validateMutation (role, scope, server-owned fields, patch schema) → rejected or a patch;
//   the clock capped to server time + MAX_CLOCK_DRIFT_MS (I9);
//   merged per field with applyWrite; a deleted record loses its personal fields (citizen, notes);
//   the merged record checked with the table's record schema;
//   acked. Rejections are acked and remembered too: they never block the queue (I12).
// A record that changed gets one new row_seq at the end, however many mutations touched it.
import { withoutPersonalData } from '../../shared/privacy/erasure';
import { TABLE_SCHEMAS, type SyncTable } from '../../shared/schemas/tables';
import { capHlc, type Hlc } from '../../shared/sync/hlc';
import { applyWrite, type SyncedRecord } from '../../shared/sync/merge';
import { canonicalJson } from '../../shared/sync/canonical-json';
import { validateMergedRecord, validateMutation } from '../../shared/sync/registry';
import { writeScope, type SyncUser } from '../../shared/sync/scopes';
import type { Relay } from '../../shared/sync/protocol';
import type { MutationOutcome, PushPlan, PushState } from '../storage/record-types';

/**
 * A mutation as the route hands it over: well-formed, already judged malformed, or refused before
 * planning (a relay that does not check out, relay.ts). `author`: a relayed change whose MAC and
 * author were checked — it is planned as the author's, and remembered under the author's id, so
 * whichever phone pushes it first the other gets the stored answer (docs/field-aids.md §2).
 */
export type IncomingMutation =
  | { id: string; kind: 'valid'; table: SyncTable; recordId: string; hlc: Hlc; fields: Record<string, unknown>; relay?: Relay; author?: SyncUser }
  | { id: string; kind: 'malformed'; message: string }
  | { id: string; kind: 'refused'; code: string; message: string };

export interface PushPlanResult extends PushPlan {
  /** The outcome of every mutation id of the request, in request order, each id once. */
  outcomes: { mutationId: string; outcome: MutationOutcome; table?: SyncTable }[];
}

export interface PlanInput {
  user: SyncUser;
  /** The scope this push writes (the user's commune, or an admin's province). */
  scope: string;
  mutations: readonly IncomingMutation[];
  now: number;
}

const rejected = (code: string, message: string): MutationOutcome => ({ status: 'rejected', code, message });
const ACKED: MutationOutcome = { status: 'acked' };

export function planPush({ user, scope, mutations, now }: PlanInput, state: PushState): PushPlanResult {
  const nowIso = new Date(now).toISOString();
  const key = (table: string, id: string) => `${table}\u0000${id}`;
  // The record in this push's scope, and the (table, id)s that exist in some other commune.
  const working = new Map<string, SyncedRecord>();
  const foreign = new Set<string>();
  for (const row of state.records) {
    if (row.scope === scope) working.set(key(row.table, row.record.id), row.record);
    else if (TABLE_SCHEMAS[row.table].scope === 'commune') foreign.add(key(row.table, row.record.id));
  }

  const outcomes = new Map<string, { outcome: MutationOutcome; table?: SyncTable }>();
  const remember: PushPlan['remember'][number][] = [];
  const changed = new Map<string, { table: SyncTable; record: SyncedRecord }>();

  for (const mutation of mutations) {
    if (outcomes.has(mutation.id)) continue;
    const actor = (mutation.kind === 'valid' && mutation.author) || user;
    const applied = state.applied.get(mutation.id);
    if (applied) {
      // Another account presenting someone's mutation id learns nothing and changes nothing.
      const outcome = applied.userId === actor.id ? applied.outcome : rejected('forbidden', 'sync.duplicateMutationId');
      outcomes.set(mutation.id, { outcome });
      continue;
    }
    const decide = (): { outcome: MutationOutcome; table?: SyncTable } => {
      if (mutation.kind === 'malformed') return { outcome: rejected('invalid', mutation.message) };
      if (mutation.kind === 'refused') return { outcome: rejected(mutation.code, mutation.message) };
      const { table, recordId } = mutation;
      if (writeScope(actor, TABLE_SCHEMAS[table].scope) !== scope) return { table, outcome: rejected('forbidden', 'sync.notAllowed') };
      const recordKey = key(table, recordId);
      if (foreign.has(recordKey)) return { table, outcome: rejected('wrong_commune', 'sync.wrongCommune') };
      const existing = working.get(recordKey);
      const verdict = validateMutation(actor, { table, recordId, fields: mutation.fields }, existing);
      if (!verdict.ok) return { table, outcome: rejected(verdict.code, verdict.message) };
      // Server-owned times: when the server first and last applied a change (schemas/common.ts).
      const fields = { ...verdict.patch, updatedAt: nowIso, ...(verdict.created ? { createdAt: nowIso } : {}) };
      const written = applyWrite(existing, { recordId, hlc: capHlc(mutation.hlc, now), fields });
      // A tombstone carries no personal data, whatever merged into it (docs/privacy.md "Erasure").
      const merged = written.deleted === true ? withoutPersonalData(table, written, now) : written;
      const problem = validateMergedRecord(table, merged);
      if (problem) return { table, outcome: rejected(problem.code, problem.message) };
      if (existing === undefined || !sameRecord(existing, merged)) {
        working.set(recordKey, merged);
        changed.set(recordKey, { table, record: merged });
      }
      return { table, outcome: ACKED };
    };
    const decided = decide();
    outcomes.set(mutation.id, decided);
    remember.push({ mutationId: mutation.id, outcome: decided.outcome, ...(actor === user ? {} : { userId: actor.id }) });
  }

  return {
    outcomes: [...outcomes].map(([mutationId, decided]) => ({ mutationId, ...decided })),
    remember,
    writes: [...changed.values()],
  };
}

/** Same fields, values and clocks, whatever the key order. */
function sameRecord(a: SyncedRecord, b: SyncedRecord): boolean {
  // Clocks first: a write that won any field changed that field's clock, which is nearly every
  // push (updatedAt is stamped on each), and comparing clocks is cheap next to canonical JSON.
  const fields = Object.keys(a.clocks);
  if (fields.length !== Object.keys(b.clocks).length) return false;
  for (const field of fields) {
    if (a.clocks[field] !== b.clocks[field]) return false;
  }
  return canonicalJson(a) === canonicalJson(b);
}

