// Erasing one citizen's details from a commune's logs (docs/privacy.md "Erasure"). The logs stay:
// service, outcome, barriers, village and date still count in every report. The erasure is an
// ordinary record write (a new row_seq per log), so every phone of the commune receives it in its
// next pull however long it was offline, and a stale edit from a phone loses to the server's
// later clock.
import { citizenMatcher, erasedRecord, type CitizenQuery } from '../../shared/privacy/erasure';
import { citizenLookup } from '../storage/lookups';
import type { RecordStore } from '../storage/record-types';

/** Client id of the server's own writes in applied_mutations-free pushes. */
const ERASURE_CLIENT = 'server-erasure';

/**
 * Erases the citizen's details from every log of `scope` that names them; returns how many logs
 * changed. One push: under the scope's lock it finds the logs through the lookup index
 * (storage/lookups.ts, PushBatch.find), not by reading every log, checks each one with the same
 * rule as the phones (citizenMatches, the query folded once) and writes them, so what it erases is what the store holds
 * when it writes — a log edited a moment before is erased only if it still names the citizen.
 */
export async function eraseCitizen(records: RecordStore, request: { scope: string; userId: string; query: CitizenQuery; now: number }): Promise<number> {
  const { scope, userId, query, now } = request;
  const lookup = citizenLookup(query);
  if (lookup.lookupName === undefined && lookup.lookupPhone === undefined) return 0;
  const matches = citizenMatcher(query);
  const committed = await records.push({
    scope,
    userId,
    clientId: ERASURE_CLIENT,
    mutationIds: [],
    recordKeys: [],
    find: { table: 'assistanceLogs', ...lookup },
    now,
    plan: (state) => ({
      remember: [],
      writes: (state.found ?? [])
        .filter((row) => row.scope === scope && row.table === 'assistanceLogs' && matches(row.record.citizen))
        .map((row) => ({ table: row.table, record: erasedRecord(row.table, row.record, now) })),
    }),
  });
  return committed.plan.writes.length;
}
