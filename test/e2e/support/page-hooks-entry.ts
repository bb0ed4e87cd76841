// Runs inside the page (see page-hooks.ts). Exposes the real data layer to the test as window.__e2e.
import { db } from '../../../src/client/data/db';
import { writeRecord, writeRecords } from '../../../src/client/data/local-write';
import { getSession } from '../../../src/client/data/session-repository';
import type { SyncTable } from '../../../src/shared/schemas/tables';

const hooks = {
  writeRecord: (table: SyncTable, recordId: string, fields: Record<string, unknown>) => writeRecord({ table, recordId, fields }),
  /** Several writes in one transaction (seeding many offline changes quickly). */
  writeMany: async (table: SyncTable, records: { id: string; fields: Record<string, unknown> }[]) => {
    await writeRecords(records.map(({ id, fields }) => ({ table, recordId: id, fields })));
  },
  session: () => getSession(),
  rows: (table: SyncTable) => db.records(table).toArray(),
  outboxCount: () => db.outbox.count(),
  rejected: () => db.rejectedChanges.toArray(),
  syncState: async (key: string) => (await db.syncState.get(key))?.value,
  /** Everything in the database, as text (to prove what is not stored). */
  dumpAll: async () => JSON.stringify(await Promise.all(db.tables.map((table) => table.toArray()))),
};

export type E2eHooks = typeof hooks;
(window as unknown as { __e2e: E2eHooks }).__e2e = hooks;
