// Leaving a phone (docs/privacy.md checklist items 26–27): the sign-out wipe of one member's data,
// and the sign-out that could not reach the server, remembered until it can.
import { db } from './db';
import { CLOCK_KEY, CLOCK_OFFSET_KEY } from './local-write';
import { SYNC_KEYS } from './sync-status-repository';
import { clearSession } from './session-repository';
import { isSealed } from './vault/crypto';
import { SYNC_TABLES } from '../../shared/schemas/tables';

export class PendingChangesError extends Error {
  override readonly name = 'PendingChangesError';
  constructor(readonly pending: number) {
    super(`${pending} changes have not reached the server`);
  }
}

/**
 * Sign-out on a shared phone (docs/privacy.md checklist item 26–27): removes the session, every synced record,
 * the outbox, the refused changes, this user's drafts and the sync cursor, in one transaction.
 * Refuses while changes are waiting unless `discardPending` is exactly the number of changes the
 * user agreed to lose — checked inside the transaction, so a change saved a moment after the user
 * confirmed is never deleted without having been counted. The device clock and language stay.
 */
export async function wipeLocalUserData(input: {
  userId: string;
  discardPending?: number;
  /**
   * Another member signs in on a shared phone: the leaving member's sealed drafts stay (only their
   * key opens them); plaintext ones left by a release before encryption go, as all drafts did then.
   */
  keepDrafts?: boolean;
}): Promise<void> {
  const tables = SYNC_TABLES.map((table) => db.syncedTable(table));
  await db.transaction('rw', [db.outbox, db.rejectedChanges, db.syncState, db.drafts, db.settings, ...tables], async () => {
    const pending = await db.outbox.count();
    if (pending > 0 && pending !== input.discardPending) throw new PendingChangesError(pending);
    for (const table of tables) await table.clear();
    await db.outbox.clear();
    await db.rejectedChanges.clear();
    await db.drafts.where('userId').equals(input.userId).filter((row) => !input.keepDrafts || !isSealed(row.value)).delete();
    await db.syncState.where('key').noneOf([CLOCK_KEY, CLOCK_OFFSET_KEY]).delete();
    await clearSession();
  });
}

export async function markPendingLogout(): Promise<void> {
  await db.syncState.put({ key: SYNC_KEYS.pendingLogout, value: true });
}

export async function hasPendingLogout(): Promise<boolean> {
  return (await db.syncState.get(SYNC_KEYS.pendingLogout))?.value === true;
}

export async function clearPendingLogout(): Promise<void> {
  await db.syncState.delete(SYNC_KEYS.pendingLogout);
}
