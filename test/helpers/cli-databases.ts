// The admin CLI's suites run as the CLI runs on a server: it opens the store from its own
// environment. Each suite runs once on a fresh SQLite directory and once on a fresh PostgreSQL
// database (skipped off CI without TEST_DATABASE_URL, see describePostgres).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe } from 'vitest';
import { runAdminCli } from '../../src/server/admin-cli';
import { createTestDatabase, describePostgres } from './pg';

/** The environment the CLI is started with, and how to remove its database afterwards. */
export interface CliDatabase {
  env: Record<string, string>;
  drop: () => Promise<void>;
}

/** One CLI run: its exit code and what it printed. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(env: Record<string, string>, argv: string[]): Promise<CliRun> {
  const run = { out: '', err: '' };
  const code = await runAdminCli(argv, env, { out: (text) => (run.out += text), err: (text) => (run.err += text) });
  return { code, ...run };
}

/** `describe(name + ' on SQLite')` and `describePostgres(name + ' on PostgreSQL')` around the same suite. */
export function describeCliOnBothDatabases(name: string, suite: (database: () => Promise<CliDatabase>) => void): void {
  describe(`${name} on SQLite`, { timeout: 60_000 }, () => {
    suite(async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'so-tay-so-cli-'));
      return { env: { NODE_ENV: 'test', DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
    });
  });
  describePostgres(`${name} on PostgreSQL`, () => {
    suite(async () => {
      const database = await createTestDatabase();
      return { env: { NODE_ENV: 'test', DATABASE_URL: database.url }, drop: () => database.drop() };
    });
  });
}
