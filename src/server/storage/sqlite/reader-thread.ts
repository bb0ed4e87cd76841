// The server's read-only SQLite connection on a thread of its own, for the province's views
// (sqlite/reports.ts; docs/reports.md "Beside the sync rounds"). better-sqlite3 runs a statement
// on the thread that calls it: on the main thread a view's statements held the event loop that
// answers the phones' pushes and pulls, and on one core a round then waited for the whole view.
// Here the statements run on this thread's connection while the main thread keeps answering.
// Under WAL a read sees every commit made before it began, whichever connection made it.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The thread's code: plain CommonJS evaluated by Node, as the checkpointer's
 * (sqlite-checkpointer.ts), since a worker thread cannot load the server's TypeScript through tsx on
 * Node 20. Read-only: a statement that would write fails instead. Statements are compiled once per text.
 * A failed priority change (a system that refuses it) leaves the thread at normal priority.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const os = require('node:os');
const Database = require(workerData.driver);
// Below normal priority, for this thread only (Linux keeps a nice value per thread): on a core
// shared with the threads that answer sync rounds, a round's work goes first and a view takes
// the time left; on an idle core the view runs at full speed.
try {
  os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
} catch {}
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.on('message', (message) => {
  if (message === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    let statement = statements.get(message.sql);
    if (!statement) {
      statement = db.prepare(message.sql);
      statements.set(message.sql, statement);
    }
    parentPort.postMessage({ id: message.id, rows: statement.all(...message.params) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, failure: String((error && error.message) || error), code: error && error.code });
  }
});
`;

type Reply = { id: number; rows: unknown[] } | { id: number; failure: string; code?: string };

interface Pending {
  resolve: (rows: unknown[]) => void;
  reject: (error: Error) => void;
}

/** One started thread and the reads it owes. */
interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

export class ReaderThread {
  private thread: Thread | undefined;
  private nextId = 0;

  constructor(private readonly file: string) {}

  /** Every row of `sql` with `params`, read on the thread (started on first use, again after a loss). */
  all<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    return new Promise<unknown[]>((resolve, reject) => {
      const { worker, pending } = (this.thread ??= this.start());
      const id = ++this.nextId;
      // Held while a read is awaited (a script with nothing else to do must not exit under it), idle otherwise.
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, sql, params });
    }) as Promise<T[]>;
  }

  /** Closes the thread's connection and ends it; a read still waiting fails. */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    if (!thread) return;
    const exited = new Promise((resolve) => thread.worker.once('exit', resolve));
    thread.worker.ref();
    thread.worker.postMessage('stop');
    await exited;
  }

  private start(): Thread {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file, driver } });
    const thread: Thread = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = thread.pending.get(reply.id);
      if (!waiting) return;
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) worker.unref();
      if ('rows' in reply) waiting.resolve(reply.rows);
      else waiting.reject(Object.assign(new Error(reply.failure), { code: reply.code }));
    });
    // An 'error' (the file could not be opened, the thread crashed) is followed by 'exit', where the
    // reads waiting fail with it; the next read starts a new thread.
    let crash: Error | undefined;
    worker.on('error', (error) => (crash = error));
    worker.once('exit', (code) => {
      if (this.thread === thread) this.thread = undefined;
      const lost = new Error(`the SQLite reader thread ended (exit code ${code})${crash ? `: ${crash.message}` : ''}`);
      for (const waiting of thread.pending.values()) waiting.reject(lost);
      thread.pending.clear();
    });
    return thread;
  }
}
