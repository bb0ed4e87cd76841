// The wipe of a withdrawn phone (docs/security.md "Revoke and wipe"): the server said this device
// or its member's account was withdrawn, the sync layer has pushed what the server still takes,
// and now everything the app keeps on this phone goes — the IndexedDB database (every member's
// records, outbox, refused changes, drafts and wrapped keys), Cache Storage and the service
// worker. What was lost is counted first, so the phone can say so instead of dropping it silently;
// the notice of it survives the wipe (wipe-notice.ts).
import { db } from './db';
import { lockVault } from './vault/vault';
import { noteSessionChanged } from './session-state';
import { saveWipeNotice, type WipeCounts, type WipeNotice } from './wipe-notice';

export { dismissWipeNotice, saveWipeNotice, subscribeWipeNotice, wipeNotice, type WipeCounts, type WipeNotice, type WithdrawalReason } from './wipe-notice';

/** What the wipe would delete, for the member whose session was withdrawn. */
export async function countWhatWillBeLost(userId: string | undefined): Promise<WipeCounts> {
  return db.transaction('r', [db.outbox, db.rejectedChanges, db.drafts], async () => {
    const drafts = await db.drafts.toArray();
    const ownDrafts = drafts.filter((row) => row.userId === userId).length;
    return { unsent: await db.outbox.count(), refused: await db.rejectedChanges.count(), ownDrafts, otherDrafts: drafts.length - ownDrafts };
  });
}

/**
 * Deletes everything the app stores on this phone, then shows `notice`. Every tab is locked first
 * (their keys leave memory); the database is deleted once the other tabs' connections close (Dexie
 * closes them on `versionchange`). A failure to reach Cache Storage or the service worker does not
 * stop the rest.
 */
export async function wipeDevice(notice: WipeNotice): Promise<void> {
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
  // The session went with the database: the lock check must not keep it (session-state.ts). The
  // notice first: the lock check then goes from the lock straight to it, never through the
  // signed-out Home.
  saveWipeNotice(notice);
  noteSessionChanged(null);
}
