// When to sync (docs/sync.md §3 "Triggers", docs/sync.md §7.2 items 9–12): app start, `online`, the page
// becoming visible, 2 s after local writes, every 60 s while visible, and "sync now"; one round at
// a time (in this tab, and across tabs through the injected lock). Failures back off exponentially
// with full jitter, capped at 5 minutes; Retry-After is obeyed. Time and timers are injected so
// tests run hours of backoff in microseconds. A successful request is the truth, not onLine.
import { HttpError, NetworkError, ProtocolError, SignedOutError } from './errors';
import type { SyncProgress } from './engine';
import type { SyncErrorInfo, SyncErrorReason } from '../data/sync-status-repository';

export const DEBOUNCE_MS = 2_000;
export const INTERVAL_MS = 60_000;
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** Full jitter may draw 0; a floor keeps a failing server from being hit in a tight loop. */
const BACKOFF_FLOOR_MS = 500;

export type SyncTrigger = 'start' | 'online' | 'visible' | 'write' | 'interval' | 'manual' | 'signIn' | 'retry';

/** Returned by `exclusive` when another tab holds the sync lock (it is syncing for us). */
export const BUSY = Symbol('busy');

export interface SchedulerEnv {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
  /** navigator.onLine: only used to word a network error ("offline" or "server unreachable"). */
  isOnline(): boolean;
  exclusive<T>(work: () => Promise<T>): Promise<T | typeof BUSY>;
}

export interface LiveSyncState {
  running: boolean;
  progress: SyncProgress | null;
  /** When the scheduler will try again by itself after a failure (epoch ms). */
  retryAt: number | null;
  /** Why automatic syncing stopped until the user acts (sign in, update, sync now). */
  blocked: SyncErrorReason | null;
}

export interface SchedulerHooks {
  /** One round; throws on failure; false when there was nothing to sync with (nobody signed in). */
  round(onProgress: (progress: SyncProgress) => void): Promise<boolean>;
  onState(state: LiveSyncState): void;
  onSuccess(at: number): Promise<void>;
  onError(error: SyncErrorInfo, cause: unknown): Promise<void>;
}

interface Verdict {
  reason: SyncErrorReason;
  /** undefined = do not retry by itself. */
  delayMs?: number;
  /** Retry-After: no request before this instant, whatever the trigger. */
  notBefore?: number;
}

/** Backoff with full jitter: random(0, min(cap, base · 2^attempt)). */
export function backoffDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 20));
  return Math.max(BACKOFF_FLOOR_MS, Math.floor(random() * ceiling));
}

/** The server's quota refusals (docs/sync.md "Write quotas") as the reasons the phone shows. */
const QUOTA_REASONS: Readonly<Record<string, SyncErrorReason>> = { write_quota_exceeded: 'quotaExceeded', bytes_quota_exceeded: 'bytesQuotaExceeded' };

export function classifyError(error: unknown, attempt: number, env: Pick<SchedulerEnv, 'now' | 'random' | 'isOnline'>): Verdict {
  const backoff = () => backoffDelay(attempt, env.random);
  if (error instanceof SignedOutError) return { reason: 'signedOut' };
  if (error instanceof NetworkError) return { reason: env.isOnline() ? 'unreachable' : 'offline', delayMs: backoff() };
  if (error instanceof ProtocolError) return { reason: 'server', delayMs: backoff() };
  if (error instanceof HttpError) {
    if (error.status === 426) return { reason: 'updateRequired' };
    if (error.status === 403) return { reason: 'forbidden' };
    if (error.status === 429 || error.status === 503) {
      // Over the day's write quota (changes or bytes): the phone keeps its outbox and says which, not "server busy".
      const reason = error.status === 503 ? 'unreachable' : (QUOTA_REASONS[error.code ?? ''] ?? 'rateLimited');
      if (error.retryAfterMs === undefined) return { reason, delayMs: backoff() };
      const delayMs = Math.max(error.retryAfterMs, BACKOFF_FLOOR_MS);
      return { reason, delayMs, notBefore: env.now() + delayMs };
    }
    if (error.status === 502 || error.status === 504) return { reason: 'unreachable', delayMs: backoff() };
    return { reason: 'server', delayMs: backoff() };
  }
  // Anything else failed on the phone itself (IndexedDB quota, a closed database…).
  return { reason: 'storage', delayMs: backoff() };
}

export class SyncScheduler {
  private running = false;
  private rerun = false;
  private attempt = 0;
  private notBefore = 0;
  private blocked: SyncErrorReason | null = null;
  private progress: SyncProgress | null = null;
  private retryAt: number | null = null;
  private retryTimer: unknown;
  private debounceTimer: unknown;
  private intervalTimer: unknown;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly env: SchedulerEnv,
    private readonly hooks: SchedulerHooks,
  ) {}

  /** Starts or stops the 60 s timer (it runs only while the page is visible). */
  setVisible(visible: boolean): void {
    if (this.intervalTimer !== undefined) this.env.clearTimeout(this.intervalTimer);
    this.intervalTimer = undefined;
    if (!visible) return;
    const tick = () => {
      this.intervalTimer = this.env.setTimeout(tick, INTERVAL_MS);
      this.trigger('interval');
    };
    this.intervalTimer = this.env.setTimeout(tick, INTERVAL_MS);
  }

  trigger(reason: SyncTrigger): void {
    switch (reason) {
      case 'write':
        // During a backoff the retry timer decides; a write must not turn backoff into a hammer.
        if (this.blocked || this.retryTimer !== undefined) return;
        if (this.debounceTimer !== undefined) this.env.clearTimeout(this.debounceTimer);
        this.debounceTimer = this.env.setTimeout(() => {
          this.debounceTimer = undefined;
          this.run();
        }, DEBOUNCE_MS);
        return;
      case 'interval':
        if (this.blocked || this.retryTimer !== undefined || this.running) return;
        this.run();
        return;
      case 'retry':
        this.run();
        return;
      case 'manual':
      case 'signIn':
      case 'start':
        // The user acted (or the app was reopened, perhaps updated): try again even when blocked.
        this.blocked = null;
        this.resetBackoff();
        this.run();
        return;
      case 'online':
      case 'visible':
        // A sign-in or an update is still needed: the network coming back does not change that.
        if (this.blocked) return;
        this.resetBackoff();
        this.run();
        return;
    }
  }

  /** Resolves when no round is running or queued. */
  whenIdle(): Promise<void> {
    if (!this.running && !this.rerun) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    for (const timer of [this.retryTimer, this.debounceTimer, this.intervalTimer]) {
      if (timer !== undefined) this.env.clearTimeout(timer);
    }
    this.retryTimer = this.debounceTimer = this.intervalTimer = undefined;
  }

  private resetBackoff(): void {
    this.attempt = 0;
    if (this.retryTimer !== undefined) this.env.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retryAt = null;
  }

  private scheduleRetry(delayMs: number): void {
    if (this.retryTimer !== undefined) this.env.clearTimeout(this.retryTimer);
    this.retryAt = this.env.now() + delayMs;
    this.retryTimer = this.env.setTimeout(() => {
      this.retryTimer = undefined;
      this.retryAt = null;
      this.trigger('retry');
    }, delayMs);
  }

  private publish(): void {
    this.hooks.onState({ running: this.running, progress: this.progress, retryAt: this.retryAt, blocked: this.blocked });
  }

  private run(): void {
    if (this.running) {
      this.rerun = true;
      return;
    }
    const wait = this.notBefore - this.env.now();
    if (wait > 0) {
      // Retry-After: the server asked for quiet until then; come back when it ends.
      this.scheduleRetry(wait);
      this.publish();
      this.settleIdle();
      return;
    }
    this.running = true;
    this.progress = null;
    this.publish();
    void this.execute().finally(() => {
      this.running = false;
      this.progress = null;
      this.publish();
      if (this.rerun) {
        this.rerun = false;
        this.run();
      } else {
        this.settleIdle();
      }
    });
  }

  private settleIdle(): void {
    if (this.running || this.rerun) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private async execute(): Promise<void> {
    try {
      const result = await this.env.exclusive(() =>
        this.hooks.round((progress) => {
          this.progress = progress;
          this.publish();
        }),
      );
      // Another tab holds the lock and is syncing this same database: nothing to do here.
      if (result === BUSY || !result) return;
      this.attempt = 0;
      this.notBefore = 0;
      this.resetBackoff();
      await this.hooks.onSuccess(this.env.now());
    } catch (error) {
      const verdict = classifyError(error, this.attempt, this.env);
      this.attempt += 1;
      if (verdict.notBefore !== undefined) this.notBefore = verdict.notBefore;
      if (verdict.delayMs === undefined) {
        this.blocked = verdict.reason;
        this.resetBackoff();
      } else {
        this.scheduleRetry(verdict.delayMs);
      }
      const info: SyncErrorInfo = { reason: verdict.reason, at: new Date(this.env.now()).toISOString() };
      if (this.retryAt !== null) info.retryAt = this.retryAt;
      await this.hooks.onError(info, error).catch(() => undefined);
    }
  }
}
