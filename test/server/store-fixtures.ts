// Real databases for the store contract and the app tests: a SQLite file in a fresh
// temp dir, or a fresh PostgreSQL database. Nothing is mocked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Migration } from '../../src/server/storage/migration-types';
import { PostgresStore } from '../../src/server/storage/postgres-store';
import { SqliteStore } from '../../src/server/storage/sqlite-store';
import type { SyncStore } from '../../src/server/storage/types';
import { createTestDatabase } from '../helpers/pg';

export interface OpenOptions {
  migrations?: readonly Migration[];
}

export interface StoreFixture<S extends SyncStore = SyncStore> {
  /** A new store on the same database (a "restart" when called again). */
  open: (options?: OpenOptions) => S;
  /** Raw SQL on the same database from outside the store, e.g. to fake another server's history. */
  exec: (sql: string) => Promise<void>;
  /** Closes every store opened here and deletes the database. */
  dispose: () => Promise<void>;
}

export type StoreFixtureFactory<S extends SyncStore = SyncStore> = () => Promise<StoreFixture<S>>;

export async function sqliteFixture(): Promise<StoreFixture<SqliteStore> & { dir: string; file: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'so-tay-so-store-'));
  // A nested, not-yet-existing folder: the store must create DATA_DIR itself.
  const file = path.join(dir, 'data', 'so-tay-so.sqlite');
  const opened: SqliteStore[] = [];
  return {
    dir,
    file,
    open: (options = {}) => {
      const store = new SqliteStore({ file, ...options });
      opened.push(store);
      return store;
    },
    exec: (sql) => {
      const db = new Database(file);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
      return Promise.resolve();
    },
    dispose: async () => {
      await Promise.all(opened.map((store) => store.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresFixture(): Promise<StoreFixture<PostgresStore> & { url: string }> {
  const database = await createTestDatabase();
  const opened: PostgresStore[] = [];
  return {
    url: database.url,
    open: (options = {}) => {
      const store = new PostgresStore({ url: database.url, ...options });
      opened.push(store);
      return store;
    },
    exec: async (sql) => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
    dispose: async () => {
      await Promise.all(opened.map((store) => store.close()));
      await database.drop();
    },
  };
}
