import { describe, expect, it } from 'vitest';
import { FREE_TRIES, unlockBlock, waitAfter } from './lock-policy';
import { DEFAULT_DEVICE_POLICY } from '../../../shared/device-policy';

const NOW = Date.UTC(2026, 11, 3, 8);
const DAY = 86_400_000;
const fresh = NOW - DAY;

describe('lock policy', () => {
  it('lets the first wrong tries go without a wait, then makes each wait longer', () => {
    for (let failures = 0; failures < FREE_TRIES; failures++) expect(waitAfter(failures)).toBe(0);
    const waits = Array.from({ length: DEFAULT_DEVICE_POLICY.maxFailedUnlocks - FREE_TRIES }, (_, i) => waitAfter(FREE_TRIES + i));
    expect(waits[0]).toBe(30_000);
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThanOrEqual(waits[i - 1]!);
  });

  it('makes the member wait after the free tries, and lets them try once the wait is over', () => {
    const tries = { failures: FREE_TRIES, lastFailureAt: NOW - 10_000 };
    expect(unlockBlock(tries, fresh, DEFAULT_DEVICE_POLICY, NOW)).toEqual({ kind: 'wait', until: NOW + 20_000 });
    expect(unlockBlock(tries, fresh, DEFAULT_DEVICE_POLICY, NOW + 20_000)).toBeNull();
    expect(unlockBlock({ failures: FREE_TRIES - 1, lastFailureAt: NOW }, fresh, DEFAULT_DEVICE_POLICY, NOW)).toBeNull();
  });

  it('requires an online sign-in after too many wrong tries, however long ago', () => {
    const max = DEFAULT_DEVICE_POLICY.maxFailedUnlocks;
    expect(unlockBlock({ failures: max, lastFailureAt: NOW - 30 * DAY }, fresh, DEFAULT_DEVICE_POLICY, NOW)).toEqual({ kind: 'online', reason: 'tooManyTries' });
    expect(unlockBlock({ failures: max - 1, lastFailureAt: NOW - 30 * DAY }, fresh, DEFAULT_DEVICE_POLICY, NOW)).toBeNull();
  });

  it("counts the wrong tries against the province's number, not a fixed one", () => {
    const strict = { ...DEFAULT_DEVICE_POLICY, maxFailedUnlocks: 5 };
    const lenient = { ...DEFAULT_DEVICE_POLICY, maxFailedUnlocks: 20 };
    const old = NOW - 30 * DAY;
    expect(unlockBlock({ failures: 5, lastFailureAt: old }, fresh, strict, NOW)).toEqual({ kind: 'online', reason: 'tooManyTries' });
    expect(unlockBlock({ failures: 4, lastFailureAt: old }, fresh, strict, NOW)).toBeNull();
    expect(unlockBlock({ failures: 15, lastFailureAt: old }, fresh, lenient, NOW)).toBeNull();
  });

  it('requires an online sign-in when the phone has not reached the server for the province\'s days', () => {
    const ok = { failures: 0, lastFailureAt: null };
    const limit = DEFAULT_DEVICE_POLICY.offlineDays * DAY;
    expect(unlockBlock(ok, NOW - limit, DEFAULT_DEVICE_POLICY, NOW)).toBeNull();
    expect(unlockBlock(ok, NOW - limit - 1, DEFAULT_DEVICE_POLICY, NOW)).toEqual({ kind: 'online', reason: 'stale' });
    expect(unlockBlock(ok, NOW - 3 * DAY, { ...DEFAULT_DEVICE_POLICY, offlineDays: 2 }, NOW)).toEqual({ kind: 'online', reason: 'stale' });
    expect(unlockBlock(ok, null, DEFAULT_DEVICE_POLICY, NOW)).toEqual({ kind: 'online', reason: 'stale' });
  });
});
