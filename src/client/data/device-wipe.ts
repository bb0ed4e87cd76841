// The wipe of a withdrawn phone (docs/security.md "Revoke and wipe"): the server said this device
// or its member's account was withdrawn, the sync layer has pushed what the server still takes,
// and now everything the app keeps on this phone goes — the IndexedDB database (every member's
// records, outbox, refused changes, drafts and wrapped keys), Cache Storage and the service
// worker. What was lost is counted first, so the phone can say so instead of dropping it silently;
// the notice survives the wipe in localStorage (counts and a reason only, nothing of the commune).
import { z } from 'zod';
import { db } from './db';
import { lockVault } from './vault/vault';

const count = z.number().int().min(0);

/** What the wipe screen tells the member. */
const wipeNoticeSchema = z.object({
  reason: z.enum(['device_revoked', 'account_disabled']),
  /** ISO time of the wipe. */
  at: z.string(),
  /** Unsent changes the final push delivered. */
  sent: count,
  /** Unsent changes the server no longer took: deleted with the rest. */
  unsent: count,
  /** Changes the server had refused, kept to be read: deleted. */
  refused: count,
  /** Drafts (unsaved forms) of the signed-in member and of other members of this phone: deleted. */
  ownDrafts: count,
  otherDrafts: count,
});

export type WipeNotice = z.infer<typeof wipeNoticeSchema>;
export type WithdrawalReason = WipeNotice['reason'];

export type WipeCounts = Pick<WipeNotice, 'unsent' | 'refused' | 'ownDrafts' | 'otherDrafts'>;

const NOTICE_KEY = 'so-tay-so.wipe-notice';

/** What the wipe would delete, for the member whose session was withdrawn. */
export async function countWhatWillBeLost(userId: string | undefined): Promise<WipeCounts> {
  return db.transaction('r', [db.outbox, db.rejectedChanges, db.drafts], async () => {
    const drafts = await db.drafts.toArray();
    const ownDrafts = drafts.filter((row) => row.userId === userId).length;
    return { unsent: await db.outbox.count(), refused: await db.rejectedChanges.count(), ownDrafts, otherDrafts: drafts.length - ownDrafts };
  });
}

/**
 * Deletes everything the app stores on this phone. Every tab is locked first (their keys leave
 * memory); the database is deleted once the other tabs' connections close (Dexie closes them on
 * `versionchange`). A failure to reach Cache Storage or the service worker does not stop the rest.
 */
export async function wipeDevice(): Promise<void> {
  lockVault();
  await db.delete();
  // Absent outside a secure context, whatever the DOM types say.
  const caches: CacheStorage | undefined = 'caches' in globalThis ? globalThis.caches : undefined;
  if (caches) {
    for (const name of await caches.keys().catch((): string[] => [])) await caches.delete(name).catch(() => false);
  }
  if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
    const registrations = await navigator.serviceWorker.getRegistrations().catch((): readonly ServiceWorkerRegistration[] => []);
    for (const registration of registrations) await registration.unregister().catch(() => false);
  }
}

export function saveWipeNotice(notice: WipeNotice): void {
  try {
    localStorage.setItem(NOTICE_KEY, JSON.stringify(notice));
  } catch {
    // No localStorage (private mode quota): the screen shows it for this page only.
  }
  current = notice;
  for (const listener of listeners) listener();
}

let current: WipeNotice | null | undefined;
const listeners = new Set<() => void>();

/** The notice of a wipe the member has not yet dismissed, or null. */
export function wipeNotice(): WipeNotice | null {
  if (current === undefined) {
    try {
      const text = localStorage.getItem(NOTICE_KEY);
      const parsed = text ? wipeNoticeSchema.safeParse(JSON.parse(text)) : undefined;
      current = parsed?.success ? parsed.data : null;
    } catch {
      current = null;
    }
  }
  return current;
}

export function subscribeWipeNotice(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function dismissWipeNotice(): void {
  try {
    localStorage.removeItem(NOTICE_KEY);
  } catch {
    // nothing kept
  }
  current = null;
  for (const listener of listeners) listener();
}
