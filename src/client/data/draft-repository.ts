// Unsaved form drafts, per user (a reload, a crash or a dead battery never loses what was typed;
// on a shared phone a second member never sees the first one's draft — docs/security.md "Shared
// phones"). Drafts never sync and carry no outbox entry. A draft is stored sealed with its author's
// data key (docs/security.md "Encryption at rest"): another member, or a copy of the browser
// profile, cannot read it, and it survives another member's sign-in on the same phone.
import { db } from './db';
import { isSealed, open, seal } from './vault/crypto';
import { keyForUserId, LockedError } from './vault/vault';

// The user id is part of the key AND checked on read, so even a guessed key cannot cross users.
const keyOf = (userId: string, formKey: string): string => `${userId}::${formKey}`;
const contextOf = (key: string): string => `drafts/${key}`;

/** The user's draft of a form, or undefined. `isValid` rejects drafts of an older form shape. */
export async function loadDraft<T>(userId: string, formKey: string, isValid: (value: unknown) => value is T): Promise<T | undefined> {
  const key = keyOf(userId, formKey);
  const row = await db.drafts.get(key);
  if (!row || row.userId !== userId) return undefined;
  let value: unknown = row.value;
  if (isSealed(value)) {
    const dataKey = keyForUserId(userId);
    if (!dataKey) throw new LockedError();
    value = await open(dataKey, value, contextOf(key));
  }
  // A draft saved by a release before encryption is plaintext: readable once, sealed at its next save.
  return isValid(value) ? value : undefined;
}

export async function saveDraft(userId: string, formKey: string, value: unknown, now: number = Date.now()): Promise<void> {
  const key = keyOf(userId, formKey);
  const dataKey = keyForUserId(userId);
  if (!dataKey) throw new LockedError();
  const sealed = await seal(dataKey, value, contextOf(key));
  await db.drafts.put({ key, userId, value: sealed, updatedAt: new Date(now).toISOString() });
}

export async function clearDraft(userId: string, formKey: string): Promise<void> {
  await db.drafts.delete(keyOf(userId, formKey));
}

/** Every draft of one user (e.g. to tell them what signing out would discard). */
export async function countDrafts(userId: string): Promise<number> {
  return db.drafts.where('userId').equals(userId).count();
}

/**
 * Contact drafts of an older release had a store of their own, keyed 'contacts:<user>:<id|new>'
 * and never sealed: each moves under this store's key (the contact form's 'contacts/<id|new>'),
 * unless a newer draft is already there, and is then sealed like any plaintext draft.
 */
async function adoptLegacyContactDrafts(userId: string): Promise<void> {
  const prefix = `contacts:${userId}:`;
  await db.transaction('rw', db.drafts, async () => {
    const legacy = await db.drafts.where('userId').equals(userId).filter((row) => row.key.startsWith(prefix)).toArray();
    for (const row of legacy) {
      const key = keyOf(userId, `contacts/${row.key.slice(prefix.length)}`);
      if (!(await db.drafts.get(key))) await db.drafts.put({ ...row, key });
      await db.drafts.delete(row.key);
    }
  });
}

/**
 * Seals the plaintext drafts a release before encryption left for this member (run after each
 * unlock). Each row is re-read in the write transaction: a draft saved meanwhile is not overwritten.
 */
export async function sealPlainDrafts(userId: string): Promise<number> {
  const dataKey = keyForUserId(userId);
  if (!dataKey) return 0;
  await adoptLegacyContactDrafts(userId);
  const rows = (await db.drafts.where('userId').equals(userId).toArray()).filter((row) => !isSealed(row.value));
  let sealed = 0;
  for (const row of rows) {
    const value = await seal(dataKey, row.value, contextOf(row.key));
    await db.transaction('rw', db.drafts, async () => {
      const current = await db.drafts.get(row.key);
      if (!current || isSealed(current.value) || JSON.stringify(current.value) !== JSON.stringify(row.value)) return;
      await db.drafts.put({ ...current, value });
      sealed += 1;
    });
  }
  return sealed;
}
