// "Changes not accepted" (docs/sync.md §3): mutations the server refused for good. They left the
// outbox so they never block the rest of the queue; here the user reads each one, with its reason
// and the record it concerns, and dismisses it once read. Nothing is removed without that tap.
import { db, type RejectedChange } from './db';
import { hasSealed, openFields, requireDataKey } from './sealed-records';

export type { RejectedChange };

/** Newest first: the change the user is most likely to remember. Its sealed fields opened. */
export async function listRejectedChanges(): Promise<RejectedChange[]> {
  const changes = await db.rejectedChanges.orderBy('rejectedAt').reverse().toArray();
  if (!changes.some((change) => hasSealed(change.table, change.fields))) return changes;
  const key = requireDataKey();
  return Promise.all(changes.map(async (change) => ({ ...change, fields: await openFields(change.table, change.recordId, change.fields, key) })));
}

export async function countRejectedChanges(): Promise<number> {
  return db.rejectedChanges.count();
}

/** The user has read it. */
export async function dismissRejectedChange(id: string): Promise<void> {
  await db.rejectedChanges.delete(id);
}
