// When the screens learn about pulled records (docs/performance.md "First sync"). A pulled page is
// written to IndexedDB directly (sync-repository.ts), so Dexie's live queries are not woken by
// each of the ten pages of a first sync, each waking re-reading the screen's records while the
// next page waits for the main thread. They are told here instead, with Dexie's own public event:
// at once when a round's last page is on disk, and at most every QUIET_MS (30 s) while a long pull runs.
// The app's Dexie has its query cache off (db.ts), so a woken query reads the disk, never a
// cached answer from before the pull.
import { Dexie, RangeSet, type ObservabilitySet } from 'dexie';

/**
 * How stale a screen may be while a long pull is still running. Each wake re-runs the open
 * screen's queries (Home's follow-ups read about one log in five through a cursor), work the
 * next page then waits for: at 2 s, a first sync of 10,000 logs woke Home four or five times and
 * took half as long again (docs/performance.md "First sync"). A pull of minutes (2G) still
 * refreshes the screens twice a minute; the round's end always does at once.
 */
export const QUIET_MS = 30_000;

export class ChangeNotice {
  private parts: ObservabilitySet = {};
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly fire: (parts: ObservabilitySet) => void = (parts) => {
      Dexie.on.storagemutated.fire(parts);
    },
    private readonly quietMs = QUIET_MS,
  ) {}

  /**
   * Every record and index of these tables of `dbName` may have changed: the parts Dexie itself
   * marks for a bulk write. `indexes` are each table's index names (Dexie's schema names).
   */
  add(dbName: string, tables: readonly { name: string; indexes: readonly string[] }[]): void {
    for (const { name, indexes } of tables) {
      for (const part of ['', ':dels', ...indexes]) this.parts[`idb://${dbName}/${name}/${part}`] = new RangeSet(Dexie.minKey, Dexie.maxKey);
    }
    this.timer ??= setTimeout(() => this.flush(), this.quietMs);
  }

  /** Wakes the live queries reading what was added since the last time, now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const parts = this.parts;
    this.parts = {};
    if (Object.keys(parts).length > 0) this.fire(parts);
  }
}

export const pulledChanges = new ChangeNotice();
