// What reaches the database of the "last seen" notes: everything new, and nothing the process
// knows the database would not write anyway (sync-notes.ts).
import { describe, expect, it } from 'vitest';
import type { DeviceNote } from '../storage/session-types';
import { SyncNotes } from './sync-notes';

const MINUTE = 60_000;
const T0 = Date.parse('2026-12-04T03:00:00.000Z');
const CALLER = { userId: 'user-a', sessionId: 'session-a' };

function recordingStore(failDevice = { next: false }) {
  const calls: string[] = [];
  return {
    calls,
    store: {
      accounts: {
        noteSync: (userId: string, at: number) => {
          calls.push(`sync ${userId} ${(at - T0) / MINUTE}`);
          return Promise.resolve();
        },
      },
      sessions: {
        noteDevice: (sessionId: string, note: DeviceNote) => {
          if (failDevice.next) {
            failDevice.next = false;
            return Promise.reject(new Error('connection lost'));
          }
          calls.push(`device ${sessionId} ${(note.at - T0) / MINUTE} ${note.unsynced ?? '-'} ${note.appVersion ?? '-'}`);
          return Promise.resolve();
        },
      },
    },
  };
}

describe('sync notes', () => {
  it('asks the database once per interval when the phone reports nothing new', async () => {
    const { calls, store } = recordingStore();
    const notes = new SyncNotes(store);
    await notes.note(CALLER, { at: T0, synced: true, unsynced: 0, appVersion: '1.2.0' });
    await notes.note(CALLER, { at: T0 + MINUTE, synced: false, unsynced: 0 });
    await notes.note(CALLER, { at: T0 + 2 * MINUTE, synced: true, unsynced: 0, appVersion: '1.2.0' });
    expect(calls).toEqual(['sync user-a 0', 'device session-a 0 0 1.2.0']);
    await notes.note(CALLER, { at: T0 + 6 * MINUTE, synced: true, unsynced: 0 });
    expect(calls.slice(2)).toEqual(['sync user-a 6', 'device session-a 6 0 -']);
  });

  it('writes a changed report at once, and only the device for it', async () => {
    const { calls, store } = recordingStore();
    const notes = new SyncNotes(store);
    await notes.note(CALLER, { at: T0, synced: true, unsynced: 3 });
    await notes.note(CALLER, { at: T0 + MINUTE, synced: true, unsynced: 0 });
    await notes.note(CALLER, { at: T0 + 2 * MINUTE, synced: false, unsynced: 0, appVersion: '1.3.0' });
    expect(calls).toEqual(['sync user-a 0', 'device session-a 0 3 -', 'device session-a 1 0 -', 'device session-a 2 0 1.3.0']);
  });

  it('writes the last sync of a device that so far only pushed', async () => {
    const { calls, store } = recordingStore();
    const notes = new SyncNotes(store);
    await notes.note(CALLER, { at: T0, synced: false });
    await notes.note(CALLER, { at: T0 + MINUTE, synced: true });
    expect(calls).toEqual(['device session-a 0 - -', 'sync user-a 1', 'device session-a 1 - -']);
  });

  it('keeps each session and account apart', async () => {
    const { calls, store } = recordingStore();
    const notes = new SyncNotes(store);
    await notes.note(CALLER, { at: T0, synced: true });
    await notes.note({ userId: 'user-a', sessionId: 'session-b' }, { at: T0 + MINUTE, synced: true });
    await notes.note({ userId: 'user-b', sessionId: 'session-c' }, { at: T0 + MINUTE, synced: true });
    expect(calls).toEqual(['sync user-a 0', 'device session-a 0 - -', 'device session-b 1 - -', 'sync user-b 1', 'device session-c 1 - -']);
  });

  it('asks again after a failed write', async () => {
    const failDevice = { next: true };
    const { calls, store } = recordingStore(failDevice);
    const notes = new SyncNotes(store);
    await expect(notes.note(CALLER, { at: T0, synced: false, unsynced: 2 })).rejects.toThrow('connection lost');
    await notes.note(CALLER, { at: T0 + MINUTE, synced: false, unsynced: 2 });
    expect(calls).toEqual(['device session-a 1 2 -']);
  });
});
