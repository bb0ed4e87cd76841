import { describe, expect, it } from 'vitest';
import { describeSyncStatus, storageAtRisk } from './status';
import type { LiveSyncState } from '../../sync/status-store';
import type { SyncSummary } from '../../data/sync-status-repository';

const idle: LiveSyncState = { started: true, running: false, progress: null, retryAt: null, blocked: null };
const clean: SyncSummary = { pending: 0, oldestPendingAt: null, rejected: 0, lastSuccessAt: '2026-07-01T01:00:00.000Z', lastError: null };
const error = (reason: 'offline' | 'unreachable' | 'signedOut', at = '2026-07-01T02:00:00.000Z') => ({ reason, at });

describe('sync headline', () => {
  it.each([
    ['nobody signed in', { signedIn: false }, { kind: 'signIn' }],
    ['a round running, with its progress', { live: { ...idle, running: true, progress: { stage: 'push', done: 3, total: 10 } } }, { kind: 'syncing', progress: { stage: 'push', done: 3, total: 10 } }],
    ['signed out beats offline', { online: false, summary: { ...clean, lastError: error('signedOut') } }, { kind: 'error', reason: 'signedOut' }],
    ['the engine says update required', { live: { ...idle, blocked: 'updateRequired' } }, { kind: 'error', reason: 'updateRequired' }],
    ['the browser is offline', { online: false, summary: { ...clean, pending: 2 } }, { kind: 'error', reason: 'offline' }],
    ['the last round failed after the last success', { summary: { ...clean, pending: 2, lastError: error('unreachable') } }, { kind: 'error', reason: 'unreachable' }],
    ['an old error followed by a success', { summary: { ...clean, lastError: error('unreachable', '2026-07-01T00:00:00.000Z') } }, { kind: 'upToDate', at: clean.lastSuccessAt }],
    ['changes waiting', { summary: { ...clean, pending: 4 } }, { kind: 'pending', count: 4 }],
    ['changes not accepted', { summary: { ...clean, rejected: 2 } }, { kind: 'rejected', count: 2 }],
    ['all synced', {}, { kind: 'upToDate', at: clean.lastSuccessAt }],
    ['never synced', { summary: { ...clean, lastSuccessAt: null } }, { kind: 'never' }],
  ] as const)('%s', (_name, override, expected) => {
    const input = { signedIn: true, live: idle, summary: clean, online: true, ...override } as Parameters<typeof describeSyncStatus>[0];
    expect(describeSyncStatus(input)).toEqual(expected);
  });

  it('warns about storage only when not persisted and changes wait for more than a day', () => {
    const now = Date.parse('2026-07-03T00:00:00.000Z');
    expect(storageAtRisk('not-persisted', '2026-07-01T00:00:00.000Z', now)).toBe(true);
    expect(storageAtRisk('not-persisted', '2026-07-02T12:00:00.000Z', now)).toBe(false);
    expect(storageAtRisk('persisted', '2026-07-01T00:00:00.000Z', now)).toBe(false);
    expect(storageAtRisk('not-persisted', null, now)).toBe(false);
  });
});
