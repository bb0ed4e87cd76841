// Fills the lookup columns of records stored before migration 5 (storage/lookups.ts;
// docs/privacy.md "Erasure"): the server runs it at start-up, before it listens, so an erasure
// or the retention purge never meets a record the index does not know. Batches of BATCH
// records, each in its own transaction; the `meta` flag says it is done, so it runs once.
// Interrupted, it starts again from the beginning: recomputing a value is harmless.
import type { RecordKey } from '../storage/record-types';
import type { SyncStore } from '../storage/types';

const BATCH = 2_000;
export const LOOKUPS_META_KEY = 'record_lookups';

/** Runs the backfill unless done; returns how many batches it wrote. */
export async function backfillRecordLookups(store: SyncStore): Promise<number> {
  if ((await store.getMeta(LOOKUPS_META_KEY)) === 'done') return 0;
  let batches = 0;
  let after: RecordKey | null = null;
  for (;;) {
    const last = await store.records.backfillLookups(after, BATCH);
    if (last === null) break;
    batches += 1;
    after = last;
  }
  await store.setMeta(LOOKUPS_META_KEY, 'done');
  return batches;
}
