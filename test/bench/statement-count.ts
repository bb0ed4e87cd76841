// Loaded into a bench's server process (`--import`, server.bench.ts): counts the statements the
// process sends to PostgreSQL (node-postgres's Client.query, what every pool query goes through)
// and the HTTP requests it serves, and writes both to STATEMENT_COUNT_FILE while it runs. Round
// trips to the database per request is the figure the machine's load does not move
// (docs/performance.md "PostgreSQL").
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';

const file = process.env.STATEMENT_COUNT_FILE;
if (file) {
  const counts = { statements: 0, requests: 0 };
  // Wrapped, not replaced: the originals are called with the same receiver and arguments.
  const client = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = client.query;
  client.query = function (this: unknown, ...args: unknown[]) {
    counts.statements++;
    return query.apply(this, args);
  };
  const server = http.Server.prototype as unknown as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = server.emit;
  server.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') counts.requests++;
    return emit.call(this, event, ...args);
  };
  const write = () => writeFileSync(file, JSON.stringify(counts));
  setInterval(write, 200).unref();
  process.on('exit', write);
}
