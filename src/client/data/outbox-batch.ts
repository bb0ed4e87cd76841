// A push's batch from the outbox's first entries (docs/sync.md §7.2 item 11), made after the read
// that found them has committed: opening sealed citizen details is WebCrypto, and awaiting it inside
// an IndexedDB transaction would commit that transaction early (docs/sync.md §7.3).
import type { OutboxEntry } from './db';
import { hasSealed, openFields } from './sealed-records';
import { toMutation, type OutboxBatch } from './sync-shapes';

const encoder = new TextEncoder();

/**
 * The entries opened and cut at `maxBytes` of JSON, in order — except that the first entry is
 * always included, whatever its size, so one large change cannot stall the queue (the server
 * answers for it: accepted, or rejected as too large). `key` is asked for only if one is sealed.
 */
export async function cutOutboxBatch(candidates: readonly OutboxEntry[], maxBytes: number, key: () => Promise<CryptoKey>): Promise<OutboxBatch> {
  const sealed = candidates.some((entry) => hasSealed(entry.table, entry.fields));
  const opening = sealed ? await key() : undefined;
  const opened = opening ? await Promise.all(candidates.map(async (entry) => ({ ...entry, fields: await openFields(entry.table, entry.recordId, entry.fields, opening) }))) : candidates;
  const batch: OutboxBatch = { entries: [], mutations: [], bytes: 0 };
  for (const [index, entry] of candidates.entries()) {
    const mutation = toMutation(opened[index]!);
    const size = encoder.encode(JSON.stringify(mutation)).length + 1;
    if (batch.entries.length > 0 && batch.bytes + size > maxBytes) break;
    batch.entries.push(entry);
    batch.mutations.push(mutation);
    batch.bytes += size;
  }
  return batch;
}
