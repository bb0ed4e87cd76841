// The session as the lock check reads it without Dexie (docs/first-visit.md): read with the bare
// IndexedDB API, never creating the database, and kept current by every change of the stored session.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from './db';
import { DATABASE_NAME, readStoredValues } from './boot-settings';
import { loadStoredSession, pendingLogoutStored, storedSession, subscribeStoredSession } from './session-state';
import { clearSession, saveSession } from './session-repository';
import { markPendingLogout } from './sync-status-repository';
import { closeChannels, countChannels, nextMessage, otherTab } from '../../../test/helpers/broadcast-channels';

const LAN = { id: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b', username: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', role: 'member' as const, communeId: 'commune-1' };

async function databaseExists(): Promise<boolean> {
  return (await indexedDB.databases()).some((database) => database.name === DATABASE_NAME);
}

beforeEach(async () => {
  await db.delete();
});

describe('the stored session without Dexie', () => {
  it('reads nobody on a first visit and leaves no database behind', async () => {
    expect(await databaseExists()).toBe(false);
    expect(await loadStoredSession()).toBeNull();
    expect(await pendingLogoutStored()).toBe(false);
    expect(await readStoredValues([['settings', 'language'], ['syncState', 'pendingLogout']])).toEqual([undefined, undefined]);
    expect(await databaseExists()).toBe(false);
  });

  it('reads the session and a pending revocation that Dexie stored', async () => {
    await db.open();
    await db.settings.put({ key: 'session', value: { user: LAN, signedInAt: '2026-12-01T01:00:00.000Z' } });
    await markPendingLogout();
    expect((await loadStoredSession())?.user.id).toBe(LAN.id);
    expect(await pendingLogoutStored()).toBe(true);
    // A row that is not a session is nobody.
    await db.settings.put({ key: 'session', value: { user: { id: 7 } } });
    expect(await loadStoredSession()).toBeNull();
  });

  it('follows sign-in and sign-out, the sign-out only once its transaction has committed', async () => {
    await db.open();
    await loadStoredSession();
    const seen: (string | null | undefined)[] = [];
    const stop = subscribeStoredSession(() => seen.push(storedSession() === null ? null : storedSession()?.user.id));
    await saveSession({ user: LAN, signedInAt: '2026-12-01T01:00:00.000Z' });
    expect(storedSession()?.user.id).toBe(LAN.id);
    // A sign-out inside a transaction that then fails leaves the member signed in.
    await expect(
      db.transaction('rw', db.settings, async () => {
        await clearSession();
        throw new Error('the wipe failed');
      }),
    ).rejects.toThrow('the wipe failed');
    expect(storedSession()?.user.id).toBe(LAN.id);
    expect((await loadStoredSession())?.user.id).toBe(LAN.id);
    await db.transaction('rw', db.settings, () => clearSession());
    expect(storedSession()).toBeNull();
    stop();
    expect(seen).toEqual([LAN.id, null]);
  });
});

describe("the phone's other tabs", () => {
  afterEach(closeChannels);

  it('opens no channel at import; once this tab follows the session, it hears the sign-in of another tab and tells of its own sign-out', async () => {
    const opened = countChannels();
    vi.resetModules();
    const fresh = await import('./session-state');
    expect(opened).toEqual([]);
    await db.open();
    expect(await fresh.loadStoredSession()).toBeNull();
    const stop = fresh.subscribeStoredSession(() => undefined);
    expect(opened).toEqual(['so-tay-so-session']);
    // Another tab signs in: it stores the session and says so; this tab reads the stored row again.
    const tab = otherTab('so-tay-so-session');
    await db.settings.put({ key: 'session', value: { user: LAN, signedInAt: '2026-12-01T01:00:00.000Z' } });
    tab.postMessage('changed');
    await vi.waitFor(() => expect(fresh.storedSession()?.user.id).toBe(LAN.id));
    // This tab signs out: the other tab hears it.
    const heard = nextMessage(tab);
    fresh.noteSessionChanged(null);
    expect(await heard).toBe('changed');
    stop();
  });
});
