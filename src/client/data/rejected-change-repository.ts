// "Changes not accepted" (docs/sync.md §3): mutations the server refused for good. They left the
// outbox so they never block the rest of the queue; here the user reads each one, with its reason
// and the record it concerns, and dismisses it once read. Nothing is removed without that tap.
// On a shared phone, the refused changes of a member who handed the phone over are held for them
// (docs/security.md "Shared phone"): the next member neither sees nor deletes them.
import { db, isOwnRejected, type RejectedChange } from './db';
import { hasSealed, openFields, requireDataKey } from './sealed-records';

export { isOwnRejected, type RejectedChange };

/** Newest first: the change the user is most likely to remember. Its sealed fields opened. */
export async function listRejectedChanges(): Promise<RejectedChange[]> {
  const changes = (await db.rejectedChanges.orderBy('rejectedAt').reverse().toArray()).filter(isOwnRejected);
  if (!changes.some((change) => hasSealed(change.table, change.fields))) return changes;
  const key = requireDataKey();
  return Promise.all(changes.map(async (change) => ({ ...change, fields: await openFields(change.table, change.recordId, change.fields, key) })));
}

/** The signed-in member's refused changes. */
export async function countRejectedChanges(): Promise<number> {
  return db.rejectedChanges.filter(isOwnRejected).count();
}

/** The user has read it. */
export async function dismissRejectedChange(id: string): Promise<void> {
  await db.rejectedChanges.delete(id);
}

/**
 * A shared phone changes hands (call inside the hand-over's transaction): the leaving member's
 * refused changes are held for them, sealed with their key, so only they can open them.
 */
export async function holdRejectedChanges(leaving: string): Promise<void> {
  await db.rejectedChanges.filter(isOwnRejected).modify({ heldFor: leaving });
}

/** A member signs in: the refused changes held for them since they handed the phone over are theirs to read again. */
export async function releaseRejectedChanges(arriving: string): Promise<void> {
  await db.rejectedChanges
    .filter((change) => change.heldFor === arriving)
    .modify((change: RejectedChange) => {
      delete change.heldFor;
    });
}
