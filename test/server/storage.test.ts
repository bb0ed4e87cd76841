// Runs the store contract on a real SQLite file and a real PostgreSQL database, plus
// what is specific to each back end.
import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, MigrationError, pendingMigrations } from '../../src/server/storage/migrations';
import type { Migration } from '../../src/server/storage/migration-types';
import { openStore } from '../../src/server/storage/open-store';
import { MIGRATION_LOCK_KEY, PostgresStore } from '../../src/server/storage/postgres-store';
import { describePostgres } from '../helpers/pg';
import { registerStoreContract } from './store-contract';
import { registerSyncStoreContract } from './sync-store-contract';
import { postgresFixture, sqliteFixture } from './store-fixtures';
import { SqliteStore } from '../../src/server/storage/sqlite-store';
import { uuidv7 } from '../../src/shared/sync/ids';

registerStoreContract('SQLite file', sqliteFixture);
registerSyncStoreContract('SQLite file', sqliteFixture);

describePostgres('PostgreSQL', () => {
  registerStoreContract('PostgreSQL', postgresFixture);
  registerSyncStoreContract('PostgreSQL', postgresFixture);
});

describe('SQLite store specifics', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('creates DATA_DIR and uses WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const fixture = await sqliteFixture();
    cleanup = fixture.dispose;
    const store = fixture.open();
    await store.migrate();
    expect(existsSync(fixture.file)).toBe(true);
    // synchronous: 2 = FULL (durability is chosen, docs/sync.md §1).
    expect(store.settings()).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1, busyTimeout: 5000, walAutocheckpoint: 1000 });
  });

  it('with a background checkpointer: no checkpoint inside COMMIT, the WAL is copied back and rewound, close() ends the thread', async () => {
    const fixture = await sqliteFixture();
    cleanup = fixture.dispose;
    const errors: Error[] = [];
    const store = new SqliteStore({ file: fixture.file, backgroundCheckpoint: { intervalMs: 10, restartFrames: 20, onError: (error) => errors.push(error) } });
    await store.migrate();
    expect(store.settings()).toMatchObject({ journalMode: 'wal', synchronous: 2, walAutocheckpoint: 0 });
    const frames: number[] = [];
    const rewound = () => frames.some((count, i) => i > 0 && count < frames[i - 1]!);
    // Steady writes for at least 1.5 s, as a server under load: the WAL must not only grow. On a
    // loaded machine the checkpointer's 10 ms timer fires late, so keep writing (up to 20 s, inside the test's 30 s) until it
    // has run more than ten times and rewound the WAL at least once.
    const start = Date.now();
    while (Date.now() - start < 1_500 || ((store.checkpointStats()!.runs <= 10 || !rewound()) && Date.now() - start < 20_000)) {
      const records = Array.from({ length: 20 }, () => ({ table: 'services' as const, record: { id: uuidv7(), code: 'x'.repeat(200), clocks: {} } }));
      await store.records.seedRecords('province:quang-ngai', records);
      frames.push(store.checkpointStats()!.walFrames);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const stats = store.checkpointStats()!;
    expect(stats.runs).toBeGreaterThan(10);
    // A rewind shows as the WAL's length dropping between two checkpoints.
    expect(rewound()).toBe(true);
    expect(Math.max(...frames)).toBeLessThan(2_000);
    await store.close();
    expect(errors).toEqual([]);
    // Everything written is in the database file itself once the store is closed.
    const reopened = new SqliteStore({ file: fixture.file });
    const page = await reopened.records.pull({ scopes: [{ scope: 'province:quang-ngai', after: 0 }], limit: 100_000 });
    expect(page.scopes[0]!.rows.length).toBe(page.scopes[0]!.headSeq);
    await reopened.close();
  });

  it('openStore picks SQLite under DATA_DIR when DATABASE_URL is absent', async () => {
    const fixture = await sqliteFixture();
    cleanup = fixture.dispose;
    const config = loadConfig({ DATA_DIR: `${fixture.dir}/from-config` });
    const store = openStore(config.database);
    try {
      expect(store.kind).toBe('sqlite');
      await store.migrate();
      expect(existsSync(`${fixture.dir}/from-config/so-tay-so.sqlite`)).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describePostgres('PostgreSQL store specifics', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('openStore picks PostgreSQL when DATABASE_URL is set', async () => {
    const fixture = await postgresFixture();
    cleanup = fixture.dispose;
    const store = openStore(loadConfig({ DATABASE_URL: fixture.url }).database);
    try {
      expect(store.kind).toBe('postgres');
      await store.migrate();
      expect(await store.health()).toEqual({ ok: true, schemaVersion: LATEST_SCHEMA_VERSION });
    } finally {
      await store.close();
    }
  });

  it('waits for the migration advisory lock held by another instance', async () => {
    const fixture = await postgresFixture();
    cleanup = fixture.dispose;
    const holder = new pg.Client({ connectionString: fixture.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      let finished = false;
      const migrating = fixture
        .open()
        .migrate()
        .then((result) => {
          finished = true;
          return result;
        });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(finished).toBe(false);
      await holder.query('COMMIT');
      expect((await migrating).applied).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await holder.end();
    }
  });

  it('reports a dropped idle connection to onBackgroundError instead of crashing', async () => {
    const fixture = await postgresFixture();
    cleanup = fixture.dispose;
    const errors: Error[] = [];
    const store = new PostgresStore({ url: fixture.url, onBackgroundError: (error) => errors.push(error) });
    try {
      await store.migrate(); // leaves one idle connection in the pool
      await fixture.exec(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'so-tay-so' AND datname = current_database() AND pid <> pg_backend_pid()`,
      );
      await expect.poll(() => errors.length, { timeout: 5_000 }).toBeGreaterThan(0);
      // The pool replaces the dead connection: the store keeps working.
      expect(await store.health()).toEqual({ ok: true, schemaVersion: LATEST_SCHEMA_VERSION });
    } finally {
      await store.close();
    }
  });
});

describe('migration planning', () => {
  const m = (version: number, name = `m${version}`): Migration => ({ version, name, sqlite: '', postgres: '' });

  it('returns only the migrations the database has not recorded', () => {
    expect(pendingMigrations([{ version: 1, name: 'm1' }], [m(1), m(2), m(3)]).map((x) => x.version)).toEqual([2, 3]);
    expect(pendingMigrations([], [m(1)]).map((x) => x.version)).toEqual([1]);
  });

  it('rejects a list with gaps or out of order, so a typo cannot skip a migration', () => {
    expect(() => pendingMigrations([], [m(1), m(3)])).toThrow(MigrationError);
    expect(() => pendingMigrations([], [m(2), m(1)])).toThrow(/numbered 1, 2, 3/);
  });
});
