// Copies the SQLite write-ahead log back into the database file on a worker thread, so that the
// page copying and the fsync of the database file never stall the event loop that answers phones.
// With SQLite's automatic checkpoint, every ~1000 WAL pages one unlucky COMMIT does that work
// inline: measured at ~11 % of the server's CPU per sync round (see README, "Scaling").
//
// PASSIVE checkpoints never wait for readers or writers: they copy what they can and the next one
// continues. The WAL is rewound once a checkpoint has copied everything and no reader needs it.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface CheckpointStats {
  /** Checkpoints run so far. */
  runs: number;
  /** Frames in the WAL, and frames of it already copied into the database, at the last run. */
  walFrames: number;
  checkpointedFrames: number;
}

export interface Checkpointer {
  stats(): CheckpointStats;
  /** Runs a last checkpoint, closes the worker's connection and ends the thread. */
  stop(): Promise<void>;
}

/**
 * The worker's code. Plain CommonJS evaluated by Node: a worker thread cannot load the server's
 * TypeScript through tsx on Node 20, and this is all the worker does.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
let walFrames = 0;
function checkpoint() {
  try {
    // PASSIVE copies what it can without waiting. A writer only rewinds the WAL when it begins
    // with everything copied, which under steady writes never happens by chance: once the WAL is
    // long, RESTART takes the write lock for the few frames left and makes the next writer rewind.
    const mode = walFrames > workerData.restartFrames ? 'RESTART' : 'PASSIVE';
    const [row] = db.pragma('wal_checkpoint(' + mode + ')');
    walFrames = row.log;
    parentPort.postMessage({ kind: 'ran', walFrames: row.log, checkpointedFrames: row.checkpointed });
  } catch (error) {
    parentPort.postMessage({ kind: 'error', message: String(error && error.message || error) });
  }
}
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ kind: 'stopped' });
  parentPort.close();
});
`;

type WorkerMessage =
  | { kind: 'ran'; walFrames: number; checkpointedFrames: number }
  | { kind: 'error'; message: string }
  | { kind: 'stopped' };

export interface CheckpointerOptions {
  intervalMs: number;
  /** WAL length, in frames (pages), from which a checkpoint also rewinds the WAL. */
  restartFrames: number;
  onError: (error: Error) => void;
  /** The thread ended without being stopped: the caller takes checkpoints back. */
  onLost: () => void;
}

export function startCheckpointer(file: string, options: CheckpointerOptions): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs: options.intervalMs, restartFrames: options.restartFrames } });
  // The thread must not keep a server that is otherwise done from exiting.
  worker.unref();
  const stats: CheckpointStats = { runs: 0, walFrames: 0, checkpointedFrames: 0 };
  worker.on('message', (message: WorkerMessage) => {
    if (message.kind === 'ran') {
      stats.runs += 1;
      stats.walFrames = message.walFrames;
      stats.checkpointedFrames = message.checkpointedFrames;
    } else if (message.kind === 'error') {
      options.onError(new Error(`WAL checkpoint failed: ${message.message}`));
    }
  });
  worker.on('error', (error) => options.onError(error));
  let stopping: Promise<void> | undefined;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (!stopping) options.onLost();
      resolve();
    }),
  );
  return {
    stats: () => ({ ...stats }),
    stop: () => {
      stopping ??= (async () => {
        // Held open until the last checkpoint is done, or a process with nothing else to do
        // would exit under it (and a caller awaiting stop() would never resume).
        worker.ref();
        worker.postMessage('stop');
        await exited;
      })();
      return stopping;
    },
  };
}
