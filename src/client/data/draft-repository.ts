// Unsaved form drafts, per user (PRODUCT.md: a reload, a crash or a dead battery never loses what
// was typed; on a shared phone a second member never sees the first one's draft —
// enketo/enketo#1127, PRIVACY-SECURITY #27). Drafts never sync and carry no outbox entry.
import { db } from './db';

// The user id is part of the key AND checked on read, so even a guessed key cannot cross users.
const keyOf = (userId: string, formKey: string): string => `${userId}::${formKey}`;

/** The user's draft of a form, or undefined. `isValid` rejects drafts of an older form shape. */
export async function loadDraft<T>(userId: string, formKey: string, isValid: (value: unknown) => value is T): Promise<T | undefined> {
  const row = await db.drafts.get(keyOf(userId, formKey));
  if (!row || row.userId !== userId) return undefined;
  return isValid(row.value) ? row.value : undefined;
}

export async function saveDraft(userId: string, formKey: string, value: unknown, now: number = Date.now()): Promise<void> {
  await db.drafts.put({ key: keyOf(userId, formKey), userId, value, updatedAt: new Date(now).toISOString() });
}

export async function clearDraft(userId: string, formKey: string): Promise<void> {
  await db.drafts.delete(keyOf(userId, formKey));
}

/** Every draft of one user (e.g. to tell them what signing out would discard). */
export async function countDrafts(userId: string): Promise<number> {
  return db.drafts.where('userId').equals(userId).count();
}
