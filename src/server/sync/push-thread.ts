// On the embedded SQLite database, pushes run on a thread of their own (push-thread-worker.ts):
// the checks, the merge, the SQL and the COMMIT's fsync leave the event loop that answers HTTP,
// authenticates and serves pulls, so a 2-core server uses both cores (README, "Scaling").
// SQLite has one writer at a time anyway; this thread is it. Pulls stay on the main thread's own
// connection: a read snapshot taken after a push was acknowledged includes it (WAL).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SyncUser } from '../../shared/sync/scopes';
import { ApiError } from '../errors';
import type { PurgeBatch } from '../privacy/retention-purge';
import type { BackgroundErrorHandler } from '../storage/types';
import type { FromPushThread, PushThreadData, ToPushThread } from './push-thread-worker';
import type { PushRequest, PushResult } from './sync-requests';
import type { WriteQuota } from './write-quota';

export interface PushThreadOptions extends PushThreadData {
  /** A checkpoint failed, or the thread died (it is started again for the next push). */
  onBackgroundError: BackgroundErrorHandler;
  /** Each time a thread starts (tests watch it, and end it to prove a lost thread is replaced). */
  onThreadStart?: (thread: Worker) => void;
}

export interface PushThread {
  /**
   * Resolves once the first thread has loaded its code and opened its connection; rejects if it
   * ended before that (a broken deployment), so the server fails to start instead of failing pushes.
   */
  ready: Promise<void>;
  push: (user: SyncUser, request: PushRequest, now: number, quota?: WriteQuota) => Promise<PushResult>;
  /** One batch of the retention purge, written on this thread like a push. */
  purge: (batch: PurgeBatch) => Promise<number>;
  /** Waits for pushes in flight, closes the thread's connection (a last checkpoint) and ends it. */
  close: () => Promise<void>;
}

/** Loads the worker's TypeScript: on Node 20 a worker thread does not inherit `--import tsx`. */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
require(workerData.tsx).register();
require(workerData.entry);
`;

const ENTRY = fileURLToPath(new URL('./push-thread-worker.ts', import.meta.url));

/** A request before it is numbered (Omit on each member of the union). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export function startPushThread(options: PushThreadOptions): PushThread {
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let closing: Promise<void> | undefined;
  let markReady: (() => void) | undefined;
  let failReady: ((error: Error) => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  // A server that never awaits it (tests of other things) must not see an unhandled rejection.
  ready.catch(() => undefined);

  const start = (): Worker => {
    const data: PushThreadData & { tsx: string; entry: string } = { file: options.file, checkpointIntervalMs: options.checkpointIntervalMs, tsx, entry: ENTRY };
    const thread = new Worker(BOOTSTRAP, { eval: true, workerData: data });
    thread.on('message', (reply: FromPushThread) => {
      if ('ready' in reply) {
        markReady?.();
        return;
      }
      if ('backgroundError' in reply) {
        options.onBackgroundError(new Error(reply.backgroundError));
        return;
      }
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if ('value' in reply) waiting.resolve(reply.value);
      else waiting.reject(new Error(`push thread: ${reply.failure}`));
    });
    thread.on('error', (error) => options.onBackgroundError(error));
    thread.once('exit', (code) => {
      worker = undefined;
      // Pushes in flight fail (500; the phone retries them, and a re-push is idempotent): whether
      // their transaction committed is unknown here. The next push starts a new thread.
      const lost = new Error(`the push thread ended (exit code ${code})`);
      failReady?.(lost); // no effect once ready
      for (const waiting of pending.values()) waiting.reject(lost);
      pending.clear();
      if (!closing) options.onBackgroundError(lost);
    });
    options.onThreadStart?.(thread);
    return thread;
  };

  let worker: Worker | undefined = start();

  const call = (request: Unnumbered<ToPushThread>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      worker ??= start();
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });

  return {
    ready,
    push: (user, request, now, quota) => {
      if (closing) return Promise.reject(new ApiError(503, 'unavailable', 'The server is stopping; try again later.', 5));
      return call({ kind: 'push', user, request, now, quota }) as Promise<PushResult>;
    },
    purge: (batch) => {
      if (closing) return Promise.reject(new Error('the server is stopping'));
      return call({ kind: 'purge', batch }) as Promise<number>;
    },
    close: () => {
      closing ??= (async () => {
        const thread = worker;
        if (!thread) return;
        const exited = new Promise((resolve) => thread.once('exit', resolve));
        // The thread answers the pushes it has before it closes its connection.
        await call({ kind: 'close' }).catch(() => undefined);
        await exited;
      })();
      return closing;
    },
  };
}
