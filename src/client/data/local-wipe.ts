// Leaving a phone (docs/privacy.md checklist items 26–27): the sign-out wipe of one member's data,
// and the sign-out that could not reach the server, remembered until it can.
import { db } from './db';
import { countWhatWillBeLost } from './device-wipe';
import { holdRejectedChanges, isOwnRejected } from './rejected-change-repository';
import { CLOCK_KEY, CLOCK_OFFSET_KEY } from './local-write';
import { clearSession } from './session-repository';
import { isSealed } from './vault/crypto';
import { SYNC_TABLES } from '../../shared/schemas/tables';

/** What a sign-out deletes that exists nowhere else (docs/security.md "Sign-out and storage loss"). */
export interface SignOutLosses {
  /** Changes not yet sent to the server. */
  unsent: number;
  /** Changes the server refused, kept for the member to look at or redo. */
  refused: number;
  /** The member's own unsaved forms. */
  drafts: number;
}

export const NO_LOSSES: SignOutLosses = { unsent: 0, refused: 0, drafts: 0 };

const sameLosses = (a: SignOutLosses, b: SignOutLosses): boolean => a.unsent === b.unsent && a.refused === b.refused && a.drafts === b.drafts;

/** The losses do not match what the member agreed to (something was saved or sent meanwhile). */
export class PendingChangesError extends Error {
  override readonly name = 'PendingChangesError';
  constructor(readonly losses: SignOutLosses) {
    super(`${losses.unsent} unsent changes, ${losses.refused} refused changes and ${losses.drafts} drafts would be lost`);
  }
}

/**
 * What signing out `userId` now would delete for good (another member's drafts, and the refused
 * changes held for another member, stay).
 */
export async function countSignOutLosses(userId: string): Promise<SignOutLosses> {
  const { unsent, ownDrafts } = await countWhatWillBeLost(userId);
  return { unsent, refused: await db.rejectedChanges.filter(isOwnRejected).count(), drafts: ownDrafts };
}

/**
 * Sign-out on a shared phone (docs/privacy.md checklist item 26–27): removes the session, every synced record,
 * the outbox, the member's refused changes, this user's drafts and the sync cursor, in one transaction.
 * A sign-out (`agreed` given) refuses unless what it would delete — unsent changes, refused
 * changes, the member's drafts — is exactly what the member was shown and agreed to lose, checked
 * inside the transaction, so a change saved a moment after the member confirmed is never deleted
 * without having been counted. Another member's sign-in (`handOver`, no `agreed`) refuses while
 * changes wait, and deletes nothing that exists only here (docs/security.md "Shared phone").
 * The device clock and language stay.
 */
export async function wipeLocalUserData(input: {
  userId: string;
  agreed?: SignOutLosses;
  /**
   * Another member signs in on a shared phone: the leaving member's sealed drafts and refused
   * changes stay, held for them (only their key opens them). Plaintext drafts left by a release
   * before encryption go, as all drafts did then.
   */
  handOver?: boolean;
}): Promise<void> {
  const tables = SYNC_TABLES.map((table) => db.syncedTable(table));
  await db.transaction('rw', [db.outbox, db.rejectedChanges, db.syncState, db.drafts, db.settings, ...tables], async () => {
    const losses = await countSignOutLosses(input.userId);
    if (input.agreed ? !sameLosses(losses, input.agreed) : losses.unsent > 0) throw new PendingChangesError(losses);
    for (const table of tables) await table.clear();
    await db.outbox.clear();
    if (input.handOver) await holdRejectedChanges(input.userId);
    else await db.rejectedChanges.filter(isOwnRejected).delete();
    await db.drafts.where('userId').equals(input.userId).filter((row) => !input.handOver || !isSealed(row.value)).delete();
    await db.syncState.where('key').noneOf([CLOCK_KEY, CLOCK_OFFSET_KEY]).delete();
    await clearSession();
  });
}
