// Loaded into a bench's server process (`--import`, server.bench.ts): counts the statements the
// process sends to PostgreSQL (node-postgres's Client.query, what every pool query goes through)
// and the HTTP requests it serves, and writes both to STATEMENT_COUNT_FILE while it runs. Round
// trips to the database per request is the figure the machine's load does not move
// (docs/performance.md "PostgreSQL"). Per statement (its prepared name, or its first words) it also
// samples the CPU the serving backend spent on it: for one statement in SAMPLE, the backend's /proc
// schedstat before the statement is sent and when its answer is back (a backend serves one
// connection, and node-postgres sends a connection's statements one at a time). Sampled, and the
// file written every 2 s, because this runs on the server's own thread: reading /proc twice per
// statement and writing the file every 200 ms took a tenth of the thread in a profile.
// For each prepared statement it also asks each connection once, after PLAN_CHECK_AT executions
// there, how PostgreSQL planned them (`pg_prepared_statements`): a generic plan made once, or a
// custom plan made again at every execution (docs/performance.md "PostgreSQL").
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';

const file = process.env.STATEMENT_COUNT_FILE;
const SAMPLE = 8;
/** Executions of a prepared statement on one connection before its plans are counted there. */
const PLAN_CHECK_AT = 40;

/** A backend's CPU time in ms, or NaN when unreadable (PostgreSQL on another machine). */
function backendMs(pid: number | undefined): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

function nameOf(config: unknown): string {
  if (typeof config === 'string') return config.trim().split(/\s+/).slice(0, 2).join(' ');
  const { name, text } = (config ?? {}) as { name?: string; text?: string };
  return name ?? nameOf(text ?? '?');
}

if (file) {
  /** Per statement: how many were sent (`n`), and the backend CPU of the `sampled` ones. */
  const counts = {
    statements: 0,
    requests: 0,
    byStatement: {} as Record<string, { n: number; sampled: number; backendMs: number; generic?: number; custom?: number }>,
  };
  /** Per connection, per prepared statement: executions so far. */
  const executions = new WeakMap<object, Map<string, number>>();
  // Wrapped, not replaced: the originals are called with the same receiver and arguments.
  const client = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = client.query;
  client.query = function (this: { processID?: number }, ...args: unknown[]) {
    counts.statements++;
    const entry = (counts.byStatement[nameOf(args[0])] ??= { n: 0, sampled: 0, backendMs: 0 });
    entry.n++;
    const { name } = (typeof args[0] === 'object' ? args[0] : {}) as { name?: string };
    if (name) {
      const made = executions.get(this) ?? new Map<string, number>();
      executions.set(this, made);
      made.set(name, (made.get(name) ?? 0) + 1);
      // Queued behind the statement on the same connection (node-postgres sends them in order);
      // not counted among the server's statements.
      if (made.get(name) === PLAN_CHECK_AT) {
        void (query.call(this, 'SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1', [name]) as Promise<{ rows: { generic_plans: string; custom_plans: string }[] }>).then(({ rows }) => {
          entry.generic = (entry.generic ?? 0) + Number(rows[0]?.generic_plans ?? 0);
          entry.custom = (entry.custom ?? 0) + Number(rows[0]?.custom_plans ?? 0);
        }, () => undefined);
      }
    }
    if (entry.n % SAMPLE !== 1) return query.apply(this, args);
    const pid = this.processID;
    const before = backendMs(pid);
    const done = () => {
      entry.sampled++;
      entry.backendMs += backendMs(pid) - before;
    };
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = function (this: unknown, ...results: unknown[]) {
        done();
        return (last as (...a: unknown[]) => unknown).apply(this, results);
      };
      return query.apply(this, args);
    }
    const result = query.apply(this, args);
    if (result instanceof Promise) void result.then(done, done);
    return result;
  };
  const server = http.Server.prototype as unknown as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = server.emit;
  server.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') counts.requests++;
    return emit.call(this, event, ...args);
  };
  const write = () => writeFileSync(file, JSON.stringify(counts));
  setInterval(write, 2_000).unref();
  process.on('exit', write);
}
