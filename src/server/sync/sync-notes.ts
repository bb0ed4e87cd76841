// The "last seen" notes every sync request leaves (docs/accounts.md "Devices"): when an account
// last synced, and when each device was last used, with its app version and unsynced count.
// The database already writes them only when something changed or the noted time is older than
// the interval, but asking it costs a round trip per request (two per pull), three of the eight
// statements of a sync round (docs/performance.md "PostgreSQL"). This process remembers what it
// has noted and skips the question when the answer is known to be "nothing to write".
//
// Per process, like the sync rate limit (docs/performance.md "Several server processes"): with
// two processes serving one phone, a report that went back to a value this process noted last
// (e.g. unsynced 5 → 0 on the other process → 5 here) reaches the database at the next interval,
// at most SYNC_NOTE_INTERVAL_MS later.
import type { AccountStore } from '../storage/account-types';
import type { DeviceNote, SessionStore } from '../storage/session-types';

/** How stale an account's or a device's noted times may get before a request writes them again. */
const SYNC_NOTE_INTERVAL_MS = 5 * 60 * 1000;
/** Remembered sessions and accounts past which the stale ones are forgotten (a few bytes each). */
const REMEMBERED_LIMIT = 20_000;

interface NotedDevice {
  usedAt: number;
  syncedAt: number | undefined;
  appVersion: string | undefined;
  unsynced: number | undefined;
}

export class SyncNotes {
  private readonly devices = new Map<string, NotedDevice>();
  private readonly accounts = new Map<string, number>();

  constructor(private readonly store: { accounts: Pick<AccountStore, 'noteSync'>; sessions: Pick<SessionStore, 'noteDevice'> }) {}

  async note({ userId, sessionId }: { userId: string; sessionId: string }, note: DeviceNote): Promise<void> {
    const notedBefore = note.at - SYNC_NOTE_INTERVAL_MS;
    if (note.synced && !((this.accounts.get(userId) ?? -Infinity) >= notedBefore)) {
      await this.store.accounts.noteSync(userId, note.at, notedBefore);
      this.accounts.set(userId, note.at);
    }
    const known = this.devices.get(sessionId);
    if (known && isNothingNew(known, note, notedBefore)) return;
    await this.store.sessions.noteDevice(sessionId, note, notedBefore);
    // Whether or not the database wrote (another process may have noted it first), it now holds
    // times at least this recent and exactly this report.
    this.devices.set(sessionId, {
      usedAt: Math.max(known?.usedAt ?? -Infinity, note.at),
      syncedAt: note.synced ? note.at : known?.syncedAt,
      appVersion: note.appVersion ?? known?.appVersion,
      unsynced: note.unsynced ?? known?.unsynced,
    });
    this.forgetStale(notedBefore);
  }

  private forgetStale(notedBefore: number): void {
    if (this.devices.size > REMEMBERED_LIMIT) {
      for (const [sessionId, noted] of this.devices) if (noted.usedAt < notedBefore) this.devices.delete(sessionId);
    }
    if (this.accounts.size > REMEMBERED_LIMIT) {
      for (const [userId, syncedAt] of this.accounts) if (syncedAt < notedBefore) this.accounts.delete(userId);
    }
  }
}

/** The database's own condition (postgres/sessions.ts NOTE_DEVICE) evaluated on what this process noted. */
function isNothingNew(known: NotedDevice, note: DeviceNote, notedBefore: number): boolean {
  if (known.usedAt < notedBefore) return false;
  if (note.synced && (known.syncedAt === undefined || known.syncedAt < notedBefore)) return false;
  if (note.appVersion !== undefined && note.appVersion !== known.appVersion) return false;
  return note.unsynced === undefined || note.unsynced === known.unsynced;
}
