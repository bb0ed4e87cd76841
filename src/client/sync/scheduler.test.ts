// Triggers, single flight, backoff and Retry-After, on a fake clock: hours of retries in a few ms.
import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, BUSY, DEBOUNCE_MS, INTERVAL_MS, SyncScheduler, backoffDelay, type SchedulerEnv, type SyncTrigger } from './scheduler';
import { HttpError, NetworkError, SignedOutError } from './errors';
import { FakeClock, flush } from '../../../test/helpers/fake-clock';
import type { SyncErrorInfo } from '../data/sync-status-repository';

type Outcome = 'ok' | Error | (() => Promise<void>);

function setup(options: { random?: number; online?: boolean; busy?: boolean } = {}) {
  const clock = new FakeClock(1_000_000);
  const outcomes: Outcome[] = [];
  const starts: number[] = [];
  const errors: SyncErrorInfo[] = [];
  const successes: number[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const env: SchedulerEnv = {
    now: clock.now,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    random: () => options.random ?? 1,
    isOnline: () => options.online ?? true,
    exclusive: async (work) => (options.busy ? BUSY : work()),
  };
  const scheduler = new SyncScheduler(env, {
    round: async () => {
      starts.push(clock.now());
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      try {
        const outcome = outcomes.shift() ?? 'ok';
        if (outcome instanceof Error) throw outcome;
        if (typeof outcome === 'function') await outcome();
        return true;
      } finally {
        concurrent -= 1;
      }
    },
    onState: () => undefined,
    onSuccess: (at) => {
      successes.push(at);
      return Promise.resolve();
    },
    onError: (info) => {
      errors.push(info);
      return Promise.resolve();
    },
  });
  const fire = async (trigger: SyncTrigger) => {
    scheduler.trigger(trigger);
    await flush();
  };
  return { clock, scheduler, outcomes, starts, errors, successes, fire, maxConcurrent: () => maxConcurrent };
}

describe('sync scheduler', () => {
  it('backs off exponentially with full jitter, capped at 5 minutes', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, () => 1))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(backoffDelay(12, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(40, () => 0.999)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
    expect(backoffDelay(3, () => 0.5)).toBe(8_000);
    // Full jitter may draw zero; a floor keeps that from becoming a tight loop.
    expect(backoffDelay(3, () => 0)).toBe(500);
  });

  it('retries network errors with growing delays, then resets the backoff when it succeeds', async () => {
    const s = setup();
    s.outcomes.push(new NetworkError('down'), new NetworkError('down'), new NetworkError('down'));
    await s.fire('start');
    expect(s.errors.map((e) => e.reason)).toEqual(['unreachable']);
    expect(s.clock.pending()).toEqual([2_000]);
    await s.clock.advance(2_000);
    expect(s.clock.pending()).toEqual([4_000]);
    await s.clock.advance(4_000);
    expect(s.clock.pending()).toEqual([8_000]);
    await s.clock.advance(8_000);
    expect(s.starts).toHaveLength(4);
    expect(s.successes).toHaveLength(1);
    expect(s.clock.pending()).toEqual([]);
  });

  it('says "offline" rather than "server unreachable" when the browser knows it has no network', async () => {
    const s = setup({ online: false });
    s.outcomes.push(new NetworkError('down'));
    await s.fire('start');
    expect(s.errors[0]).toMatchObject({ reason: 'offline', retryAt: s.clock.now() + 2_000 });
  });

  it('resets the backoff and syncs at once on online, visible and sync now', async () => {
    for (const trigger of ['online', 'visible', 'manual'] as const) {
      const s = setup();
      s.outcomes.push(...Array.from({ length: 6 }, () => new NetworkError('down')));
      await s.fire('start');
      for (const delay of [2_000, 4_000, 8_000, 16_000]) await s.clock.advance(delay);
      expect(s.clock.pending()).toEqual([32_000]);
      await s.fire(trigger);
      expect(s.starts).toHaveLength(6);
      // The failure after the reset starts again from the first step.
      expect(s.clock.pending()).toEqual([2_000]);
    }
  });

  it('does not let writes or the timer bypass a backoff', async () => {
    const s = setup();
    s.outcomes.push(new NetworkError('down'), new NetworkError('down'));
    await s.fire('start');
    await s.clock.advance(2_000);
    expect(s.clock.pending()).toEqual([4_000]);
    await s.fire('write');
    await s.fire('interval');
    await s.clock.advance(DEBOUNCE_MS + 1_000);
    expect(s.starts).toHaveLength(2);
    await s.clock.advance(1_000);
    expect(s.starts).toHaveLength(3);
  });

  it('obeys Retry-After on 429 and 503, even when the user taps sync now', async () => {
    for (const status of [429, 503]) {
      const s = setup();
      s.outcomes.push(new HttpError(status, 'too_many_requests', 'slow down', 120_000));
      await s.fire('start');
      expect(s.errors[0]).toMatchObject({ reason: status === 429 ? 'rateLimited' : 'unreachable', retryAt: s.clock.now() + 120_000 });
      await s.fire('manual');
      await s.clock.advance(119_000);
      expect(s.starts).toHaveLength(1);
      await s.clock.advance(1_000);
      expect(s.starts).toHaveLength(2);
      expect(s.successes).toHaveLength(1);
    }
  });

  it('over the day\'s write quota (429 write_quota_exceeded): says so, keeps everything and waits Retry-After', async () => {
    const s = setup();
    s.outcomes.push(new HttpError(429, 'write_quota_exceeded', 'later', 3_600_000));
    await s.fire('start');
    expect(s.errors[0]).toMatchObject({ reason: 'quotaExceeded', retryAt: s.clock.now() + 3_600_000 });
    await s.fire('manual');
    await s.fire('write');
    await s.clock.advance(3_599_000);
    expect(s.starts).toHaveLength(1);
    await s.clock.advance(1_000);
    expect(s.starts).toHaveLength(2);
  });

  it("over the day's bytes quota (429 bytes_quota_exceeded): says so in its own words and waits the server's Retry-After", async () => {
    const s = setup();
    s.outcomes.push(new HttpError(429, 'bytes_quota_exceeded', 'later', 5_400_000));
    await s.fire('start');
    expect(s.errors[0]).toMatchObject({ reason: 'bytesQuotaExceeded', retryAt: s.clock.now() + 5_400_000 });
    await s.clock.advance(5_399_000);
    expect(s.starts).toHaveLength(1);
    await s.clock.advance(1_000);
    expect(s.starts).toHaveLength(2);
  });

  it('stops on "signed out" until the user signs in again; the network returning does not retry', async () => {
    const s = setup();
    s.outcomes.push(new SignedOutError());
    await s.fire('start');
    expect(s.errors[0]?.reason).toBe('signedOut');
    expect(s.clock.pending()).toEqual([]);
    await s.fire('online');
    await s.fire('visible');
    await s.fire('write');
    await s.clock.advance(10 * 60_000);
    expect(s.starts).toHaveLength(1);
    await s.fire('signIn');
    expect(s.starts).toHaveLength(2);
    expect(s.successes).toHaveLength(1);
  });

  it('stops on 426 "update required" and on 403 until the app restarts or the user asks', async () => {
    for (const [status, reason] of [[426, 'updateRequired'], [403, 'forbidden']] as const) {
      const s = setup();
      s.outcomes.push(new HttpError(status, 'x', 'x'));
      await s.fire('start');
      expect(s.errors[0]?.reason).toBe(reason);
      await s.fire('online');
      await s.clock.advance(60 * 60_000);
      expect(s.starts).toHaveLength(1);
      await s.fire('manual');
      expect(s.starts).toHaveLength(2);
    }
  });

  it('syncs 2 s after the last of several quick writes', async () => {
    const s = setup();
    await s.fire('write');
    await s.clock.advance(1_500);
    await s.fire('write');
    await s.clock.advance(1_500);
    expect(s.starts).toHaveLength(0);
    await s.clock.advance(500);
    expect(s.starts).toHaveLength(1);
  });

  it('syncs every 60 s while visible and not while hidden', async () => {
    const s = setup();
    s.scheduler.setVisible(true);
    await s.clock.advance(3 * INTERVAL_MS);
    expect(s.starts).toHaveLength(3);
    s.scheduler.setVisible(false);
    await s.clock.advance(5 * INTERVAL_MS);
    expect(s.starts).toHaveLength(3);
  });

  it('runs one round at a time and folds triggers during a round into one more round', async () => {
    const s = setup();
    let release: () => void = () => undefined;
    s.outcomes.push(() => new Promise<void>((resolve) => (release = resolve)));
    await s.fire('start');
    await s.fire('manual');
    await s.fire('online');
    await s.fire('manual');
    expect(s.starts).toHaveLength(1);
    release();
    await s.scheduler.whenIdle();
    expect(s.starts).toHaveLength(2);
    expect(s.maxConcurrent()).toBe(1);
  });

  it('does nothing and records no success when another tab holds the sync lock', async () => {
    const s = setup({ busy: true });
    await s.fire('start');
    expect(s.starts).toHaveLength(0);
    expect(s.successes).toHaveLength(0);
    expect(s.errors).toHaveLength(0);
  });
});
