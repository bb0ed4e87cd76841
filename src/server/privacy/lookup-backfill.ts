// Fills the lookup columns of records stored before their table's lookups existed (storage/lookups.ts;
// docs/privacy.md "Erasure" and "Retention"): the server runs it at start-up, before it listens, so
// an erasure or the retention purge never meets a record the index does not know. Batches of BATCH
// records, each in its own transaction; the `meta` entry names the tables done, so each table is
// filled once, and a table that becomes personal later (the register's requests) is filled by the
// next start-up without reading the others again. Interrupted, it starts that work again from the
// beginning: recomputing a value is harmless.
import type { SyncTable } from '../../shared/schemas/tables';
import { PERSONAL_TABLES } from '../storage/lookups';
import type { RecordKey } from '../storage/record-types';
import type { SyncStore } from '../storage/types';

const BATCH = 2_000;
export const LOOKUPS_META_KEY = 'record_lookups';
/** What a server stored when the logs and classes were the only personal tables (migration 5). */
const FIRST_DONE = 'done';
const FIRST_TABLES: readonly SyncTable[] = ['assistanceLogs', 'groupSessions'];

/** The tables whose lookups the meta value says are filled. */
export function tablesDone(value: string | undefined): readonly SyncTable[] {
  if (value === undefined) return [];
  if (value === FIRST_DONE) return FIRST_TABLES;
  return value.startsWith('done:') ? (value.slice('done:'.length).split(',') as SyncTable[]) : [];
}

/** Runs the backfill of the personal tables not yet done; returns how many batches it wrote. */
export async function backfillRecordLookups(store: SyncStore): Promise<number> {
  const done = tablesDone(await store.getMeta(LOOKUPS_META_KEY));
  const tables = PERSONAL_TABLES.filter((table) => !done.includes(table));
  if (tables.length === 0) return 0;
  let batches = 0;
  let after: RecordKey | null = null;
  for (;;) {
    const last = await store.records.backfillLookups(after, BATCH, tables);
    if (last === null) break;
    batches += 1;
    after = last;
  }
  await store.setMeta(LOOKUPS_META_KEY, `done:${[...done, ...tables].join(',')}`);
  return batches;
}
