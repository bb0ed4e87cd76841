// A fixed-window request counter per key (a user id), for the sync endpoints (docs/privacy.md
// B.2 item 10). In memory, per server process: it protects one instance from a runaway client; it
// is not a global quota. Login attempts are limited in the database instead (store.recentLoginFailures),
// so the limit survives restarts and holds across instances.
export interface RateDecision {
  ok: boolean;
  /** Seconds until the window resets; meaningful when ok is false. */
  retryAfterSeconds: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `key`; a limit of 0 means unlimited. */
  take(key: string): RateDecision {
    if (this.limit <= 0) return { ok: true, retryAfterSeconds: 0 };
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.sweep(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const retryAfterSeconds = Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    return { ok: window.count <= this.limit, retryAfterSeconds };
  }

  /** Forgets windows that have ended, so the map stays as small as the set of active users. */
  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
