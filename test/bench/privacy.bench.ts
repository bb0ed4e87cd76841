// Citizens' rights on the server (issue 13; docs/privacy.md "Erasure"), on a real SQLite file
// (and PostgreSQL, reported only, when TEST_DATABASE_URL is set) holding 100,000 assistance logs of
// one commune, the worst case of one commune holding them all:
// - erasing one citizen (10 logs) through eraseCitizen, the server's own path (lookup index, the
//   checks again inside the write transaction, one push with new row_seqs), ≤ 3 × the baseline:
//   the same rows found through the same index, their personal fields cleared and given new
//   row_seqs by raw SQL in one transaction, nothing checked or merged. Each the median of RUNS, taking turns, one citizen each.
// - the old path (every log of the commune read and compared) is printed for context.
import Database from 'better-sqlite3';
import { eraseCitizen } from '../../src/server/privacy/erase-citizen';
import { citizenLookup } from '../../src/server/storage/lookups';
import type { SyncStore } from '../../src/server/storage/types';
import { citizenMatches } from '../../src/shared/privacy/erasure';
import type { Hlc } from '../../src/shared/sync/hlc';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import { testDatabaseUrl } from '../helpers/pg';
import { postgresBenchStore, sqliteBenchStore } from './bench-stores';
import { context, median, ratioAtMost, type Measurement } from './measurement';

const LOGS = 100_000;
const RUNS = 7;
export const LOGS_PER_CITIZEN = 10;
const SCOPE = 'bench-xa-privacy';
const ERASE_VS_RAW = 3;
const HLC = '2026-01-01T00:00:00.000Z-0000-0123456789abcdef' as Hlc;

/** The measured citizens (numbered from 0, one per erasure), the rest anonymous or others. */
export const citizenName = (i: number) => `Nguyễn Văn Thử ${i}`;
const phoneOf = (i: number) => `09${String(10_000_000 + i).slice(-8)}`;

function seedLogs(measured: number): SyncedRecord[] {
  const logs: SyncedRecord[] = [];
  const start = Date.parse('2025-01-01T00:00:00.000Z');
  for (let i = 0; i < LOGS; i++) {
    // The first measured × LOGS_PER_CITIZEN logs belong to the measured citizens, 10 each; then a
    // citizen on every other log (a commune's usual share), each another person (1,000 + i is
    // past every measured number, since i is at least 10 × measured there).
    const named = i < measured * LOGS_PER_CITIZEN ? Math.floor(i / LOGS_PER_CITIZEN) : i % 2 === 0 ? 1_000 + i : undefined;
    const citizen = named === undefined ? null : { name: citizenName(named), phone: phoneOf(named), consent: true };
    logs.push({
      id: `0197c1a2-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
      occurredAt: new Date(start + i * 300_000).toISOString(),
      serviceId: 'vneid-install-register',
      outcome: 'done',
      barriers: [],
      deleted: false,
      citizen,
      note: null,
      clocks: { citizen: HLC, note: HLC, occurredAt: HLC },
    });
  }
  return logs;
}

/** The erasure as the server runs it, and the least a program can do for it, on one store. */
export interface Target {
  name: string;
  store: SyncStore;
  /** Two raw statements in one transaction: the rows found through the index, their fields cleared. */
  raw: (citizen: number) => Promise<number>;
  /** SQLite: folds the WAL back into the file (profile-erasure.ts, between its measured blocks). */
  checkpoint?: () => void;
  close: () => Promise<void>;
}

/** The SQLite store seeded with LOGS logs, `measured` citizens of LOGS_PER_CITIZEN each among them (profile-erasure.ts takes more). */
export async function sqliteTarget(measured = 2 * RUNS): Promise<Target> {
  const bench = await sqliteBenchStore('privacy');
  const store = bench.store;
  await store.records.seedRecords(SCOPE, seedLogs(measured).map((record) => ({ table: 'assistanceLogs', record })));
  const db = new Database(bench.file);
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  const select = db.prepare("SELECT id FROM records WHERE scope = ? AND table_name = 'assistanceLogs' AND lookup_name = ?");
  const head = db.prepare('SELECT seq FROM scope_seq WHERE scope = ?');
  const update = db.prepare(
    "UPDATE records SET fields = json_set(fields, '$.citizen', json('null'), '$.note', json('null')), lookup_name = NULL, lookup_phone = NULL, personal_at = NULL, row_seq = ? WHERE scope = ? AND table_name = 'assistanceLogs' AND id = ?",
  );
  const bump = db.prepare('UPDATE scope_seq SET seq = ? WHERE scope = ?');
  const erase = db.transaction((key: string) => {
    const ids = select.all(SCOPE, key) as { id: string }[];
    let seq = (head.get(SCOPE) as { seq: number }).seq;
    for (const { id } of ids) update.run((seq += 1), SCOPE, id);
    bump.run(seq, SCOPE);
    return ids.length;
  });
  return {
    name: 'SQLite',
    store,
    raw: (citizen) => Promise.resolve(erase.immediate(citizenLookup({ name: citizenName(citizen) }).lookupName!)),
    checkpoint: () => db.pragma('wal_checkpoint(TRUNCATE)'),
    close: async () => {
      db.close();
      await bench.close();
    },
  };
}

async function postgresTarget(): Promise<Target> {
  const logs = seedLogs(2 * RUNS);
  const bench = await postgresBenchStore(async (target) => {
    for (let i = 0; i < logs.length; i += 10_000) await target.records.seedRecords(SCOPE, logs.slice(i, i + 10_000).map((record) => ({ table: 'assistanceLogs', record })));
  });
  const { store, client } = bench;
  return {
    name: 'PostgreSQL',
    store,
    raw: async (citizen) => {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>("SELECT id FROM records WHERE scope = $1 AND table_name = 'assistanceLogs' AND lookup_name = $2 FOR UPDATE", [
        SCOPE,
        citizenLookup({ name: citizenName(citizen) }).lookupName,
      ]);
      const { rows: head } = await client.query<{ base: string }>('UPDATE scope_seq SET seq = seq + $2 WHERE scope = $1 RETURNING seq - $2 AS base', [SCOPE, rows.length]);
      await client.query(
        `UPDATE records r SET fields = (r.fields::jsonb || '{"citizen": null, "note": null}')::text, lookup_name = NULL, lookup_phone = NULL, personal_at = NULL, row_seq = $3 + u.ord
         FROM unnest($2::text[]) WITH ORDINALITY AS u (id, ord) WHERE r.scope = $1 AND r.table_name = 'assistanceLogs' AND r.id = u.id`,
        [SCOPE, rows.map((row) => row.id), Number(head[0]!.base)],
      );
      await client.query('COMMIT');
      return rows.length;
    },
    close: () => bench.close(),
  };
}

async function timed(work: () => Promise<number>): Promise<number> {
  const started = performance.now();
  const changed = await work();
  const ms = performance.now() - started;
  if (changed !== LOGS_PER_CITIZEN) throw new Error(`the erasure changed ${changed} logs, not ${LOGS_PER_CITIZEN}`);
  return ms;
}

/** Erases citizen number `citizen` through the server's own path; resolves with how many logs changed. */
export function eraseThroughApp(target: Target, citizen: number): Promise<number> {
  return eraseCitizen(target.store.records, { scope: SCOPE, userId: 'bench', query: { name: citizenName(citizen) }, now: Date.now() });
}

async function erasureBench(target: Target, enforce: boolean): Promise<Measurement[]> {
  const app: number[] = [];
  const raw: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    app.push(await timed(() => eraseThroughApp(target, 2 * run)));
    raw.push(await timed(() => target.raw(2 * run + 1)));
  }
  // The path before the lookup columns: every log of the commune read and compared.
  const started = performance.now();
  const rows = await target.store.records.listRecords({ scope: SCOPE, tables: ['assistanceLogs'] });
  rows.filter((row) => citizenMatches(row.record.citizen, { name: citizenName(1_002) }));
  const scanMs = performance.now() - started;
  const label = `erasure of one citizen among ${LOGS.toLocaleString('en')} logs (${target.name})`;
  const ratio = ratioAtMost(label, median(app), median(raw), 'ms', ERASE_VS_RAW);
  return [
    enforce ? ratio : { ...ratio, name: `${label} [context]`, budget: 0, ok: true },
    context(`${label}: eraseCitizen median`, median(app), 'ms'),
    context(`${label}: full scan (the path before the index)`, scanMs, 'ms'),
  ];
}

export async function runPrivacyBench(): Promise<Measurement[]> {
  const results: Measurement[] = [];
  const sqlite = await sqliteTarget();
  try {
    results.push(...(await erasureBench(sqlite, true)));
  } finally {
    await sqlite.close();
  }
  if (testDatabaseUrl()) {
    const postgres = await postgresTarget();
    try {
      results.push(...(await erasureBench(postgres, false)));
    } finally {
      await postgres.close();
    }
  }
  return results;
}
