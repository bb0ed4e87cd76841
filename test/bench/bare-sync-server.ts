// The baseline of the sync server bench: node:http and better-sqlite3 doing the SAME statements
// as the real server's push and pull (sqlite-store.ts) on the same schema and pragmas, and
// nothing else — no authentication (the bearer token IS the scope), no validation, no clock
// checks or merge beyond overlaying the new fields, no logging, no compression, one transaction
// per push, one thread. The real server's rounds/s divided by this one's is what the server's own
// design costs or gains, whatever the machine's speed that minute.
// Run: node --import tsx test/bench/bare-sync-server.ts <sqlite file> <port>
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Database from 'better-sqlite3';

const [file, port] = process.argv.slice(2);
if (!file || !port) throw new Error('usage: bare-sync-server.ts <sqlite file> <port>');

const db = new Database(file);
db.pragma('busy_timeout = 5000');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');

const statements = {
  lockScope: db.prepare('INSERT INTO scope_seq (scope, seq) VALUES (?, 0) ON CONFLICT (scope) DO NOTHING'),
  readSeq: db.prepare('SELECT seq FROM scope_seq WHERE scope = ?'),
  applied: db.prepare('SELECT mutation_id, user_id, result FROM applied_mutations WHERE mutation_id = ?'),
  record: db.prepare('SELECT table_name, id, scope, fields, clocks, row_seq FROM records WHERE table_name = ? AND id = ?'),
  upsert: db.prepare(
    `INSERT INTO records (table_name, id, scope, fields, clocks, row_seq) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (table_name, id, scope) DO UPDATE SET fields = excluded.fields, clocks = excluded.clocks, row_seq = excluded.row_seq`,
  ),
  remember: db.prepare('INSERT INTO applied_mutations (mutation_id, user_id, client_id, result, applied_at) VALUES (?, ?, ?, ?, ?)'),
  writeSeq: db.prepare('UPDATE scope_seq SET seq = ? WHERE scope = ?'),
  epoch: db.prepare("SELECT value FROM meta WHERE key = 'epoch'"),
  page: db.prepare('SELECT table_name, id, scope, fields, clocks, row_seq FROM records WHERE scope = ? AND row_seq > ? ORDER BY row_seq LIMIT ?'),
};

interface Mutation {
  id: string;
  table: string;
  recordId: string;
  hlc: string;
  fields: Record<string, unknown>;
}
interface RecordRow {
  fields: string;
  clocks: string;
  row_seq: number;
  table_name: string;
  id: string;
}

const push = db.transaction((scope: string, clientId: string, mutations: Mutation[]) => {
  statements.lockScope.run(scope);
  let seq = (statements.readSeq.get(scope) as { seq: number }).seq;
  const now = Date.now();
  for (const mutation of mutations) {
    if (statements.applied.get(mutation.id)) continue;
    const stored = statements.record.all(mutation.table, mutation.recordId) as RecordRow[];
    const fields = { ...(stored[0] ? (JSON.parse(stored[0].fields) as Record<string, unknown>) : {}), ...mutation.fields };
    const clocks = { ...(stored[0] ? (JSON.parse(stored[0].clocks) as Record<string, string>) : {}), ...Object.fromEntries(Object.keys(mutation.fields).map((field) => [field, mutation.hlc])) };
    seq += 1;
    statements.upsert.run(mutation.table, mutation.recordId, scope, JSON.stringify(fields), JSON.stringify(clocks), seq);
    statements.remember.run(mutation.id, scope, clientId, '{"status":"applied"}', now);
  }
  statements.writeSeq.run(seq, scope);
});

const pull = db.transaction((scope: string, after: number, limit: number) => {
  const epoch = (statements.epoch.get() as { value: string }).value;
  const rows = statements.page.all(scope, after, limit + 1) as RecordRow[];
  const hasMore = rows.length > limit;
  if (hasMore) rows.length = limit;
  return { epoch, rows, hasMore };
});

function send(response: ServerResponse, body: string): void {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://bare');
  const scope = (request.headers.authorization ?? '').replace(/^Bearer /, '');
  if (url.pathname === '/api/health') return send(response, '{"ok":true}');
  if (url.pathname === '/api/sync/push') {
    readBody(request).then((text) => {
      const body = JSON.parse(text) as { clientId: string; mutations: Mutation[] };
      push.immediate(scope, body.clientId, body.mutations);
      send(response, JSON.stringify({ acked: body.mutations.map((mutation) => mutation.id), rejected: [], serverTime: new Date().toISOString() }));
    }, (error: unknown) => response.destroy(error as Error));
    return;
  }
  if (url.pathname === '/api/sync/pull') {
    const after = Number(url.searchParams.get('cursor') ?? 0);
    const { rows, hasMore } = pull.deferred(scope, after, Number(url.searchParams.get('limit') ?? 500));
    const changes = rows.map((row) => `{"table":${JSON.stringify(row.table_name)},"id":${JSON.stringify(row.id)},"record":${row.fields.slice(0, -1)},"id":${JSON.stringify(row.id)},"_c":${row.clocks}}}`);
    const cursor = rows.length > 0 ? rows.at(-1)!.row_seq : after;
    return send(response, `{"changes":[${changes.join(',')}],"cursor":"${cursor}","hasMore":${hasMore},"serverTime":"${new Date().toISOString()}"}`);
  }
  response.writeHead(404).end();
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => {
  db.close();
  process.exit(0);
});
