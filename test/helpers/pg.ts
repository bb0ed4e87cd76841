// PostgreSQL for the server and sync suites: every caller gets its own freshly created
// database on the server named by TEST_DATABASE_URL, so files never see each other's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database, disconnecting anything still attached. */
  drop(): Promise<void>;
}

/** Prefix of every database these helpers create, so leftovers from a killed run are easy to find. */
export const TEST_DATABASE_PREFIX = 'sotayso_test_';

export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url ? url : undefined;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = testDatabaseUrl();
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: it must point at a PostgreSQL role allowed to CREATE DATABASE.');
  const name = `${TEST_DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * `describe` for suites that need PostgreSQL. Without TEST_DATABASE_URL the suite is
 * skipped locally with a visible warning, but in CI it fails: a green CI run must mean
 * PostgreSQL was tested.
 */
export function describePostgres(name: string, body: () => void): void {
  if (testDatabaseUrl()) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it('has a PostgreSQL server to test against (TEST_DATABASE_URL)', () => {
        throw new Error('CI is set but TEST_DATABASE_URL is not: the PostgreSQL suites must run in CI, not be skipped.');
      });
    });
    return;
  }
  console.warn(`\n⚠  TEST_DATABASE_URL is not set: skipping "${name}". Set it to run the PostgreSQL suites.\n`);
  // The one allowed skip: without a PostgreSQL server off CI (warned above; on CI the suite fails instead).
  // eslint-disable-next-line vitest/no-disabled-tests
  describe.skip(name, body);
}
