// Erasing one citizen's details from a commune's logs (docs/privacy.md "Erasure"). The logs stay:
// service, outcome, barriers, village and date still count in every report. The erasure is an
// ordinary record write (a new row_seq per log), so every phone of the commune receives it in its
// next pull however long it was offline, and a stale edit from a phone loses to the server's
// later clock.
import { citizenMatches, erasedRecord, type CitizenQuery } from '../../shared/privacy/erasure';
import { citizenLookup } from '../storage/lookups';
import type { RecordStore } from '../storage/record-types';

/** Client id of the server's own writes in applied_mutations-free pushes. */
const ERASURE_CLIENT = 'server-erasure';

/**
 * Erases the citizen's details from every log of `scope` that names them; returns how many logs
 * changed. The search reads the lookup index (storage/lookups.ts), not every log, outside the
 * write transaction; the logs are checked again inside it, so a log edited in between is erased
 * only if it still names the citizen.
 */
export async function eraseCitizen(records: RecordStore, request: { scope: string; userId: string; query: CitizenQuery; now: number }): Promise<number> {
  const { scope, userId, query, now } = request;
  const rows = await records.findByLookup({ scope, table: 'assistanceLogs', ...citizenLookup(query) });
  const recordKeys = rows.filter((row) => citizenMatches(row.record.citizen, query)).map((row) => ({ table: row.table, id: row.record.id }));
  if (recordKeys.length === 0) return 0;
  const committed = await records.push({
    scope,
    userId,
    clientId: ERASURE_CLIENT,
    mutationIds: [],
    recordKeys,
    now,
    plan: (state) => ({
      remember: [],
      writes: state.records
        .filter((row) => row.scope === scope && row.table === 'assistanceLogs' && citizenMatches(row.record.citizen, query))
        .map((row) => ({ table: row.table, record: erasedRecord(row.table, row.record, now) })),
    }),
  });
  return committed.plan.writes.length;
}
