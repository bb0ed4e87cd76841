// The wipe of a withdrawn phone (docs/security.md "Revoke and wipe"), on fake-indexeddb with real
// WebCrypto: it counts what will be lost per kind and per member, deletes the whole database (every
// member's records, outbox, refused changes, drafts and wrapped keys), Cache Storage and the
// service worker, locks the vault, and keeps only a notice of counts that survives a reload and
// goes when dismissed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { uuidv7 } from '../../shared/sync/ids';
import { COMMUNE, logFields } from '../../../test/helpers/sync-fixtures';
import { unlockTestVault } from '../../../test/helpers/test-vault';
import { AppDatabase, db } from './db';
import { countWhatWillBeLost, dismissWipeNotice, saveWipeNotice, subscribeWipeNotice, wipeDevice, wipeNotice, type WipeNotice } from './device-wipe';
import { writeRecord } from './local-write';
import { saveSession } from './session-repository';
import { loadStoredSession, storedSession, subscribeStoredSession } from './session-state';
import { keyFor } from './vault/vault';

const LAN = { id: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b', username: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', role: 'member' as const, communeId: COMMUNE };
const OTHER = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c';
const NOTICE: WipeNotice = { reason: 'device_revoked', at: '2026-07-02T01:00:00.000Z', sent: 3, unsent: 1, refused: 0, ownDrafts: 1, otherDrafts: 0 };

beforeEach(async () => {
  dismissWipeNotice();
  await db.delete();
  await db.open();
  await saveSession({ user: LAN, signedInAt: '2026-07-01T01:00:00.000Z' });
  await unlockTestVault(LAN);
});
afterEach(() => vi.unstubAllGlobals());

describe('device wipe', () => {
  it('counts what will be lost: unsent, refused, the member’s drafts and other members’ drafts', async () => {
    await writeRecord({ table: 'assistanceLogs', recordId: uuidv7(), fields: logFields(Date.now()) });
    await writeRecord({ table: 'assistanceLogs', recordId: uuidv7(), fields: logFields(Date.now(), 1) });
    const at = '2026-07-01T01:00:00.000Z';
    await db.rejectedChanges.put({ id: uuidv7(), table: 'assistanceLogs', recordId: uuidv7(), hlc: `${at}-0000-0123456789abcdef` as never, fields: {}, createdAt: at, code: 'invalid', message: 'validation.required', rejectedAt: at });
    await db.drafts.bulkPut([
      { key: `${LAN.id}:a`, userId: LAN.id, value: { note: 'của Lan' }, updatedAt: at },
      { key: `${OTHER}:a`, userId: OTHER, value: { note: 'của người khác' }, updatedAt: at },
      { key: `${OTHER}:b`, userId: OTHER, value: { note: 'của người khác' }, updatedAt: at },
    ]);
    expect(await countWhatWillBeLost(LAN.id)).toEqual({ unsent: 2, refused: 1, ownDrafts: 1, otherDrafts: 2 });
    // No session left to name the member: every draft is someone else's.
    expect(await countWhatWillBeLost(undefined)).toEqual({ unsent: 2, refused: 1, ownDrafts: 0, otherDrafts: 3 });
  });

  it('deletes the database, the caches and the service worker, and locks the vault', async () => {
    await writeRecord({ table: 'assistanceLogs', recordId: uuidv7(), fields: logFields(Date.now()) });
    const deleted: string[] = [];
    const unregister = vi.fn(() => Promise.resolve(true));
    vi.stubGlobal('caches', { keys: () => Promise.resolve(['workbox-precache', 'api']), delete: (name: string) => Promise.resolve(deleted.push(name) > 0) });
    Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: { getRegistrations: () => Promise.resolve([{ unregister }]) } });
    expect(keyFor(LAN)).toBeDefined();
    await wipeDevice(NOTICE);
    expect(keyFor(LAN)).toBeUndefined();
    expect(deleted).toEqual(['workbox-precache', 'api']);
    expect(unregister).toHaveBeenCalledTimes(1);
    const names = (await indexedDB.databases()).map((database) => database.name);
    expect(names).not.toContain(db.name);
    Reflect.deleteProperty(navigator, 'serviceWorker');
  });

  it('wipes the database even when Cache Storage and the service worker fail', async () => {
    vi.stubGlobal('caches', { keys: () => Promise.reject(new Error('no caches')), delete: () => Promise.reject(new Error('no')) });
    Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: { getRegistrations: () => Promise.reject(new Error('no sw')) } });
    await expect(wipeDevice(NOTICE)).resolves.toBeUndefined();
    expect((await indexedDB.databases()).map((database) => database.name)).not.toContain(db.name);
    Reflect.deleteProperty(navigator, 'serviceWorker');
  });

  it('shows the notice before the lock check learns that the session has gone: never the signed-out Home in between', async () => {
    await loadStoredSession();
    expect(storedSession()?.user.id).toBe(LAN.id);
    const noticeWhenSignedOut: (WipeNotice | null)[] = [];
    const stop = subscribeStoredSession(() => {
      if (storedSession() === null) noticeWhenSignedOut.push(wipeNotice());
    });
    await wipeDevice(NOTICE);
    stop();
    expect(noticeWhenSignedOut).toEqual([NOTICE]);
  });

  it('in another tab, the session\'s message before the notice keeps the tab locked, not signed out; a sign-out still signs out', async () => {
    await loadStoredSession();
    const seen: (string | null | undefined)[] = [];
    const stop = subscribeStoredSession(() => seen.push(storedSession() === null ? null : storedSession()?.user.id));
    // Another tab's wipe deleted the database; its message reaches this tab before the notice does.
    db.close();
    await new Promise((resolve, reject) => Object.assign(indexedDB.deleteDatabase(db.name), { onsuccess: resolve, onerror: reject }));
    expect(await loadStoredSession()).toMatchObject({ user: { id: LAN.id } });
    expect(storedSession()?.user.id).toBe(LAN.id);
    expect((await indexedDB.databases()).map((database) => database.name)).not.toContain(db.name);
    // A sign-out in another tab leaves the database, without the session: this tab signs out.
    await db.open();
    expect(await loadStoredSession()).toBeNull();
    expect(seen).toEqual([null]);
    stop();
  });

  it('keeps a notice of counts only, readable after the wipe, until it is dismissed, and tells the screen each time', () => {
    const notice = NOTICE;
    const heard = vi.fn();
    const stop = subscribeWipeNotice(heard);
    saveWipeNotice(notice);
    expect(wipeNotice()).toEqual(notice);
    expect(JSON.parse(localStorage.getItem('so-tay-so.wipe-notice')!)).toEqual(notice);
    dismissWipeNotice();
    expect(wipeNotice()).toBeNull();
    expect(localStorage.getItem('so-tay-so.wipe-notice')).toBeNull();
    expect(heard).toHaveBeenCalledTimes(2);
    stop();
  });

  it('asks the server for the notice\'s page by a cookie while the notice is unread, and a cookie without its notice goes', () => {
    const waiting = () => document.cookie.split('; ').includes('so-tay-so-wiped=1');
    const stop = subscribeWipeNotice(() => undefined);
    saveWipeNotice(NOTICE);
    expect(waiting()).toBe(true);
    dismissWipeNotice();
    expect(waiting()).toBe(false);
    // The notice lost with the site's storage, the cookie left: the next start's read clears it.
    saveWipeNotice(NOTICE);
    localStorage.clear();
    window.dispatchEvent(new StorageEvent('storage', { key: 'so-tay-so.wipe-notice', newValue: null }));
    expect(wipeNotice()).toBeNull();
    expect(waiting()).toBe(false);
    stop();
  });

  it('follows the notice another tab saves or dismisses; a clearing of the whole storage dismisses nothing', () => {
    const heard = vi.fn();
    const stop = subscribeWipeNotice(heard);
    expect(wipeNotice()).toBeNull();
    // Another tab's wipe: the shared localStorage holds the notice, and this tab hears of it.
    const text = JSON.stringify(NOTICE);
    localStorage.setItem('so-tay-so.wipe-notice', text);
    window.dispatchEvent(new StorageEvent('storage', { key: 'so-tay-so.wipe-notice', newValue: text }));
    expect(heard).toHaveBeenCalledTimes(1);
    expect(wipeNotice()).toEqual(NOTICE);
    // Clear-Site-Data during that wipe: the notice shown stays.
    localStorage.clear();
    window.dispatchEvent(new StorageEvent('storage', { key: null }));
    expect(wipeNotice()).toEqual(NOTICE);
    // Read in another tab.
    window.dispatchEvent(new StorageEvent('storage', { key: 'so-tay-so.wipe-notice', newValue: null }));
    expect(heard).toHaveBeenCalledTimes(2);
    expect(wipeNotice()).toBeNull();
    stop();
  });

  it('leaves another tab\'s connection closed for good: no read of that tab recreates the deleted database', async () => {
    const otherTab = new AppDatabase(db.name);
    expect(await otherTab.records('assistanceLogs').count()).toBe(0);
    await wipeDevice(NOTICE);
    await expect(otherTab.records('assistanceLogs').toArray()).rejects.toMatchObject({ name: 'DatabaseClosedError' });
    await expect(otherTab.open()).rejects.toMatchObject({ name: 'DatabaseClosedError' });
    expect((await indexedDB.databases()).map((database) => database.name)).not.toContain(db.name);
  });
});
