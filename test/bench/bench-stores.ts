// The server benches' databases (privacy, province compiled): a migrated SQLite file in a temp
// folder, or a fresh PostgreSQL database with a raw client beside the store for the benches'
// baselines; each with one close that removes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { PostgresStore } from '../../src/server/storage/postgres-store';
import { SqliteStore } from '../../src/server/storage/sqlite-store';
import { createTestDatabase } from '../helpers/pg';

export interface SqliteBench {
  store: SqliteStore;
  file: string;
  close(): Promise<void>;
}

export async function sqliteBenchStore(name: string): Promise<SqliteBench> {
  const dir = mkdtempSync(path.join(tmpdir(), `so-tay-so-${name}-bench-`));
  const file = path.join(dir, 'bench.sqlite');
  const store = new SqliteStore({ file });
  await store.migrate();
  return {
    store,
    file,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PostgresBench {
  store: PostgresStore;
  /** A raw connection of its own (the baselines' statements), connected once `analyze` ran. */
  client: pg.Client;
  close(): Promise<void>;
}

/** A migrated database filled by `fill`, then VACUUM ANALYZE so the planner knows its rows. */
export async function postgresBenchStore(fill: (store: PostgresStore) => Promise<void>): Promise<PostgresBench> {
  const database = await createTestDatabase();
  const store = new PostgresStore({ url: database.url });
  await store.migrate();
  await fill(store);
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({ connectionString: database.url });
  await client.connect();
  await client.query('VACUUM ANALYZE');
  return {
    store,
    client,
    close: async () => {
      await client.end();
      await store.close();
      await database.drop();
    },
  };
}
