// The push thread's side (started by push-thread.ts): the one connection that writes sync
// records, with the background WAL checkpointer beside it, running the same pushChanges (and the
// retention purge's batches, purgeBatch) as the in-process path.
import { parentPort, workerData } from 'node:worker_threads';
import type { SyncUser } from '../../shared/sync/scopes';
import { purgeBatch, type PurgeBatch } from '../privacy/retention-purge';
import { SqliteStore } from '../storage/sqlite-store';
import { pushChanges, type PushRequest } from './sync-requests';
import type { WriteQuota } from './write-quota';

export interface PushThreadData {
  file: string;
  checkpointIntervalMs: number;
}

export type ToPushThread =
  | { id: number; kind: 'push'; user: SyncUser; request: PushRequest; now: number; quota?: WriteQuota | undefined }
  | { id: number; kind: 'purge'; batch: PurgeBatch }
  | { id: number; kind: 'close' };

export type FromPushThread =
  | { id: number; value: unknown }
  | { id: number; failure: string }
  | { id: 0; backgroundError: string }
  | { id: 0; ready: true };

const port = parentPort!;
const { file, checkpointIntervalMs } = workerData as PushThreadData;
const store = new SqliteStore({
  file,
  backgroundCheckpoint: {
    intervalMs: checkpointIntervalMs,
    onError: (error) => port.postMessage({ id: 0, backgroundError: error.message } satisfies FromPushThread),
  },
});

/** Pushes being answered: a close waits for them, so none is cut off by the connection closing. */
const inFlight = new Set<Promise<unknown>>();

async function answer(request: ToPushThread): Promise<unknown> {
  if (request.kind === 'close') {
    await Promise.allSettled([...inFlight]);
    return store.close();
  }
  const pushed = request.kind === 'purge' ? purgeBatch(store.records, request.batch) : pushChanges(store.records, request.user, request.request, request.now, request.quota);
  inFlight.add(pushed);
  return pushed.finally(() => inFlight.delete(pushed));
}

function failure(id: number, error: unknown): FromPushThread {
  return { id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

// The connection is open: the server may listen (push-thread.ts `ready`).
port.postMessage({ id: 0, ready: true } satisfies FromPushThread);

port.on('message', (request: ToPushThread) => {
  answer(request).then(
    (value) => {
      port.postMessage({ id: request.id, value } satisfies FromPushThread);
      if (request.kind === 'close') port.close();
    },
    (error: unknown) => port.postMessage(failure(request.id, error)),
  );
});
