// Demo mode's accounts are audited like every other account (docs/accounts.md "Demo mode"): the
// demo commune and each demo account leave a row in the server operator's name, which the demo
// admin and the demo leader read; a second start creates nothing and writes nothing. On a real
// SQLite file and a real PostgreSQL (demo mode itself starts only on SQLite, but setUpDemo is the
// store's, so it is held to both).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/server/privacy/audit-log';
import { DEMO_ACCOUNTS, DEMO_COMMUNE, setUpDemo } from '../../src/server/demo';
import type { SyncStore } from '../../src/server/storage/types';
import { SERVER_OPERATOR_ID } from '../../src/shared/privacy/audit';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture, type StoreFixtureFactory } from './store-fixtures';

function demoAuditSuite(factory: StoreFixtureFactory): void {
  let fixture: StoreFixture;
  let store: SyncStore;

  beforeEach(async () => {
    fixture = await factory();
    store = fixture.open();
    await store.migrate();
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  /** The account and commune events `reader` reads, oldest first: [kind, by whom, their role, about whom, details]. */
  const eventsRead = async (reader: string) => {
    const user = await store.accounts.findUserByUsername(reader);
    const page = await new AuditLog(store.audit).read(user!, undefined);
    return (page?.events ?? [])
      .filter((event) => event.kind === 'account.created' || event.kind === 'commune.created')
      .map((event) => [event.kind, event.actorName, event.actorRole, event.subjectName, event.details])
      .reverse();
  };

  it('the demo commune and every demo account leave an audit row in the server operator’s name', async () => {
    expect(await setUpDemo(store, 'e2e-demo-password')).toHaveLength(DEMO_ACCOUNTS.length);
    const created = DEMO_ACCOUNTS.map((account) => ['account.created', SERVER_OPERATOR_ID, null, account.displayName, { role: account.role }]);
    const commune = ['commune.created', SERVER_OPERATOR_ID, null, DEMO_COMMUNE.name, {}];
    // The province admin reads the whole province; the leader their commune (the admin account is the province's, not the commune's).
    expect(await eventsRead('demo-admin')).toEqual([commune, ...created]);
    expect(await eventsRead('demo-leader')).toEqual([commune, ...created.filter(([, , , name]) => name !== 'Sở KH&CN (demo)')]);

    // A second start finds accounts and writes nothing more.
    expect(await setUpDemo(store, 'e2e-demo-password')).toBeUndefined();
    expect(await eventsRead('demo-admin')).toHaveLength(DEMO_ACCOUNTS.length + 1);
  });
}

describe('demo accounts audited on SQLite', () => demoAuditSuite(sqliteFixture));
describePostgres('demo accounts audited on PostgreSQL', () => demoAuditSuite(postgresFixture));
