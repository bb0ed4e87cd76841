// The retention purge (issue 13; docs/privacy.md "Retention") on a real SQLite file holding LOGS
// assistance logs past the limit (default 1,000,000; BENCH_RETENTION_LOGS to change it), spread
// over 20 communes, while one phone of another commune keeps syncing: each sync round is a push of
// 10 contacts and a pull. The store is wired as the server wires it (compose.ts openServerStore):
// the purge's batches and the pushes run on the push thread (the one writer, its own connection),
// pulls on this thread's connection, and the WAL is checkpointed in the background, so a purge
// batch delays a round only as long as it keeps the push thread busy.
// - sync round p99 during the purge ≤ 3 × the p99 of the same rounds just before it, without.
// - every purge batch (list + write transaction) is printed for context: max and p99, in ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openServerStore } from '../../src/server/compose';
import { PURGE_BATCH, purgeExpiredDetails, purgePause } from '../../src/server/privacy/retention-purge';
import type { Hlc } from '../../src/shared/sync/hlc';
import type { SyncedRecord } from '../../src/shared/sync/merge';
import { context, percentile, ratioAtMost, type Measurement } from './measurement';
import { storeSyncRound } from './store-sync-round';

const LOGS = Number(process.env.BENCH_RETENTION_LOGS ?? 1_000_000);
const COMMUNES = 20;
const BASELINE_ROUNDS = 200;
const P99_VS_WITHOUT = 3;
const HLC = '2024-06-01T00:00:00.000Z-0000-0123456789abcdef' as Hlc;
const SYNC_SCOPE = 'bench-xa-sync';

function oldLog(i: number): SyncedRecord {
  return {
    id: `0197c1a2-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
    occurredAt: new Date(Date.parse('2024-01-01T00:00:00.000Z') + i * 10_000).toISOString(),
    serviceId: 'vneid-install-register',
    outcome: 'done',
    barriers: [],
    deleted: false,
    citizen: { name: `Người dân thử ${i}`, phone: `09${String(10_000_000 + i).slice(-8)}`, consent: true },
    note: null,
    clocks: { citizen: HLC, note: HLC, occurredAt: HLC },
  };
}

export async function runRetentionBench(): Promise<Measurement[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'so-tay-so-retention-bench-'));
  const { store, sync, ready } = openServerStore({ kind: 'sqlite', file: path.join(dir, 'bench.sqlite') }, (error) => {
    throw error;
  });
  try {
    await store.migrate();
    await ready;
    for (let c = 0; c < COMMUNES; c++) await store.accounts.createCommune({ id: `bench-xa-${c}`, name: `Xã thử ${c}`, provinceId: 'quang-ngai', createdAt: Date.now() });
    await store.accounts.createCommune({ id: SYNC_SCOPE, name: 'Xã đồng bộ', provinceId: 'quang-ngai', createdAt: Date.now() });
    for (let start = 0; start < LOGS; start += 20_000) {
      const chunk = Array.from({ length: Math.min(20_000, LOGS - start) }, (_, k) => oldLog(start + k));
      await store.records.seedRecords(`bench-xa-${(start / 20_000) % COMMUNES}`, chunk.map((record) => ({ table: 'assistanceLogs' as const, record })));
    }

    // One member's phone of the syncing commune, through the server's own push and pull paths.
    const round = storeSyncRound(sync, { id: '0197c1a2-0000-7000-8000-0000000000b1', role: 'member', communeId: SYNC_SCOPE, provinceId: 'quang-ngai' });

    const without: number[] = [];
    for (let i = 0; i < BASELINE_ROUNDS; i++) without.push(await round());

    const during: number[] = [];
    const batches: number[] = [];
    let batchStarted = performance.now();
    let done = false;
    const purging = purgeExpiredDetails(store, {
      now: Date.now(),
      ...(process.env.BENCH_RETENTION_BATCH ? { batch: Number(process.env.BENCH_RETENTION_BATCH) } : {}),
      // As the server runs it (main.ts retentionPurger): batches on the push thread, its pause.
      runBatch: sync.purge,
      pause: async () => {
        batches.push(performance.now() - batchStarted);
        await purgePause();
        batchStarted = performance.now();
      },
    }).finally(() => (done = true));
    while (!done) during.push(await round());
    const purged = await purging;
    if (purged.records !== LOGS) throw new Error(`the purge changed ${purged.records} logs, not ${LOGS}`);

    const label = `sync round p99 during the retention purge of ${LOGS.toLocaleString('en')} logs (SQLite)`;
    return [
      ratioAtMost(label, percentile(during, 99), percentile(without, 99), 'ms', P99_VS_WITHOUT),
      context(`retention purge: longest batch (${purged.batches} batches of ≤ ${process.env.BENCH_RETENTION_BATCH ?? PURGE_BATCH})`, Math.max(...batches), 'ms'),
      context('retention purge: batch p99', percentile(batches, 99), 'ms'),
      context(`retention purge: sync rounds during it (${during.length})`, percentile(during, 50), 'ms p50'),
    ];
  } finally {
    await sync.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
