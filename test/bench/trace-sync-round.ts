// Traces the app's incremental sync rounds in headless Chromium: every IndexedDB transaction (its
// stores, mode, when it opened and completed, and who opened it) and every request, from the
// round's trigger to the moment the page is quiet again, for N rounds of 100 new logs each, with
// the floor client's pull of the same logs before each (docs/performance.md "Incremental sync").
//   node --import tsx test/bench/trace-sync-round.ts [rounds] [dist dir]
// An unminified build names the callers: `npx vite build --minify false --outDir /tmp/dist-unmin`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchPhone } from '../e2e/support/browser';
import { startAppServer } from '../e2e/support/server';
import { apiLogin } from '../e2e/support/api-client';
import { appRound, floorPull, prepareFloor, signedInAfterFirstRound } from './floor-client';
import { seedLogs } from './realistic-logs';
import { SYNC_TABLES } from '../../src/shared/schemas/tables';

const rounds = Number(process.argv[2] ?? 5);
const dist = process.argv[3];
/** TRACE_STORED: logs on the phone before the rounds (the bench has 10,000); TRACE_GAP: ms of quiet before each round. */
const stored = Number(process.env.TRACE_STORED ?? 1_000);
const gap = Number(process.env.TRACE_GAP ?? 300);
/** TRACE_NEW: logs recorded before each round (100; the erasure bench's page is 10). */
const fresh = Number(process.env.TRACE_NEW ?? 100);
const password = 'trace-password';
const dataDir = mkdtempSync(path.join(tmpdir(), 'so-tay-so-trace-'));

/** Installed before the app loads: wraps IDBDatabase.transaction and fetch to note each one. */
const HOOKS = `(() => {
  const events = (globalThis.__trace = []);
  const byTx = new WeakMap();
  Error.stackTraceLimit = 60;
  const caller = () => (new Error().stack || '').split('\\n').slice(8, 40).filter((line) => !/assets\\/db-/.test(line)).map((line) => line.trim().replace(/^at /, '').replace(/\\(?https?:\\/\\/[^/]+\\//, '(')).join(' < ');
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    const tx = transaction.call(this, stores, mode, options);
    const event = { kind: 'tx', db: this.name, stores: [].concat(stores).join(','), mode: mode || 'readonly', at: performance.now(), end: undefined, by: caller() };
    events.push(event);
    byTx.set(tx, event);
    const done = () => { event.end = performance.now(); };
    tx.addEventListener('complete', done);
    tx.addEventListener('abort', done);
    return tx;
  };
  // When each transaction's first and last request were made, and how many: the gaps inside it.
  for (const name of ['put', 'get', 'getAll', 'count', 'openCursor', 'delete']) {
    const method = IDBObjectStore.prototype[name];
    IDBObjectStore.prototype[name] = function (...args) {
      const event = byTx.get(this.transaction);
      if (event) { const now = performance.now(); event.first ??= now; event.last = now; event.requests = (event.requests || 0) + 1; }
      return method.apply(this, args);
    };
  }
  const fetch = globalThis.fetch;
  globalThis.fetch = function (input, init) {
    const event = { kind: 'fetch', url: String(input instanceof Request ? input.url : input).replace(/^https?:\\/\\/[^/]+/, '').slice(0, 60), at: performance.now(), end: undefined, by: '' };
    events.push(event);
    return fetch.call(this, input, init).then((response) => { event.end = performance.now(); return response; });
  };
})();`;

interface TraceEvent { kind: string; db?: string; stores?: string; mode?: string; url?: string; at: number; end?: number; first?: number; last?: number; requests?: number; by: string }

const server = await startAppServer({ DEMO_PASSWORD: password, DATA_DIR: dataDir, SYNC_RATE_LIMIT: '0', WRITE_QUOTA_USER: '0', WRITE_QUOTA_COMMUNE: '0', WRITE_QUOTA_USER_BYTES: '0', WRITE_QUOTA_COMMUNE_BYTES: '0', ...(dist ? { DIST_DIR: dist } : {}) });
const phone = await launchPhone();
try {
  const { page } = phone;
  await phone.context.addInitScript('globalThis.__name = (fn) => fn;');
  await phone.context.addInitScript(HOOKS);
  await signedInAfterFirstRound(page, server.url, password);
  const leader = await apiLogin(server.url, 'demo-leader', password);
  const member = await apiLogin(server.url, 'demo-member', password);
  await seedLogs(server.url, leader, stored, 1);
  await prepareFloor(page, SYNC_TABLES);
  let floorCursor = (await floorPull(page, member.accessToken, undefined)).cursor;
  await appRound(page);
  for (let run = 0; run < rounds; run++) {
    await seedLogs(server.url, leader, fresh, 100 + run);
    const from = await page.evaluate(() => performance.now());
    const floor = await floorPull(page, member.accessToken, floorCursor);
    floorCursor = floor.cursor;
    if (gap > 0) await page.waitForTimeout(gap);
    const ms = await appRound(page);
    await page.waitForTimeout(500);
    const events = await page.evaluate((at) => ((globalThis as unknown as { __trace: TraceEvent[] }).__trace).filter((event) => event.at >= at), from);
    const entry = await page.evaluate((at) => performance.getEntriesByName('sync:round').find((measured) => measured.startTime >= at)?.toJSON() as { startTime: number; duration: number } | undefined, from);
    const round = entry?.startTime ?? from;
    process.stdout.write(`\nround ${run}: app ${ms.toFixed(1)} ms (${entry ? (ms - entry.duration).toFixed(1) : '?'} of them from the trigger to the round's start), floor ${floor.ms.toFixed(1)} ms (${(ms / floor.ms).toFixed(2)}×); ${events.filter((event) => event.kind === 'tx').length} transactions\n`);
    for (const event of events) {
      const requests = event.first === undefined ? '' : ` [${event.requests} requests at +${(event.first - event.at).toFixed(1)}…+${(event.last! - event.at).toFixed(1)}]`;
      const what = event.kind === 'tx' ? `${event.mode === 'readwrite' ? 'RW' : 'r '} ${event.db === 'so-tay-so' ? '' : `${event.db}: `}${event.stores}${requests}` : `fetch ${event.url}`;
      const span = event.end === undefined ? '   …' : (event.end - event.at).toFixed(1).padStart(6);
      process.stdout.write(`  ${(event.at - round).toFixed(1).padStart(7)} +${span}  ${what.padEnd(70)} ${event.by.slice(0, 260)}\n`);
    }
  }
} finally {
  await phone.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
