// Fills the reports' facts of records stored before migration 10 (storage/report-facts.ts;
// docs/reports.md "Computed in the database"): the server runs it at start-up, before it listens,
// so the province's views never miss a log or a report sent by an older server. Batches of BATCH
// records, each in its own transaction; the `meta` entry says it is done, so it runs once.
// Interrupted, it starts again from the beginning: recomputing a fact is harmless.
import type { RecordKey } from '../storage/record-types';
import type { SyncStore } from '../storage/types';

const BATCH = 2_000;
export const FACTS_META_KEY = 'report_facts';

/** Runs the backfill unless done; returns how many batches it wrote. */
export async function backfillReportFacts(store: SyncStore): Promise<number> {
  if ((await store.getMeta(FACTS_META_KEY)) === 'done') return 0;
  let batches = 0;
  let after: RecordKey | null = null;
  for (;;) {
    const last = await store.records.backfillFacts(after, BATCH);
    if (last === null) break;
    batches += 1;
    after = last;
  }
  await store.setMeta(FACTS_META_KEY, 'done');
  return batches;
}
