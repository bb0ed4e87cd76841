// [I5] No skipped change under concurrency, on PostgreSQL (docs/sync.md §7.1: there a change with
// a smaller sequence number can commit after a larger one). Three server instances (three
// connection pools) on one database; eight members push at once, while pullers page through
// the commune at once. Afterwards every puller must hold exactly the server's (id, row_seq) set,
// and every puller's cursor must only have moved forward.
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/server/accounts';
import type { PostgresStore } from '../../src/server/storage/postgres-store';
import { uuidv7 } from '../../src/shared/sync/ids';
import { provinceScope } from '../../src/shared/sync/scopes';
import { fromWireRecord, type PullResponse } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, type StoreFixture } from '../server/store-fixtures';
import { COMMUNE_A, PASSWORD, TEST_COST, contactFields, hlcAt, login, makeApp, mutation, populate, pull, pushOk, type Session } from '../server/sync-fixtures';

const PUSHERS = 8;
const ROUNDS = 15;
const BATCH = 6;
const STORE_PULLERS = 4;
const PAGE = 3;

describePostgres('[I5] concurrent pushers and pullers on PostgreSQL', () => {
  let fixture: StoreFixture<PostgresStore> & { url: string };
  let stores: PostgresStore[];
  let apps: FastifyInstance[];

  beforeAll(async () => {
    fixture = await postgresFixture();
    stores = [fixture.open(), fixture.open(), fixture.open()];
    await stores[0]!.migrate();
    await populate(stores[0]!);
    for (let i = 0; i < PUSHERS; i++) {
      await createUser(stores[0]!, { username: `pusher-${i}`, password: PASSWORD, role: 'member', communeId: COMMUNE_A.id }, { cost: TEST_COST });
    }
    apps = await Promise.all(stores.map((store) => makeApp(store, { AUTH_SECRET: 'concurrency-test-secret-0123456789abcdef' })));
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await fixture.dispose();
  });

  it('[I5] every puller sees every (id, row_seq) exactly as the server holds it; cursors only move forward', async () => {
    const sessions: Session[] = [];
    for (let i = 0; i < PUSHERS; i++) sessions.push(await login(apps[0]!, `pusher-${i}`));
    // Records everybody updates, so rows move to new sequence numbers while pullers read.
    const shared = Array.from({ length: 10 }, () => uuidv7());
    await pushOk(apps[0]!, sessions[0]!, shared.map((id) => mutation('contacts', id, contactFields(sessions[0]!, { name: `Chung ${id.slice(-4)}` }))));

    let pushing = true;
    let pushedMutations = 0;
    const pushers = sessions.map(async (session, index) => {
      const app = apps[index % apps.length]!;
      const node = index.toString(16).padStart(16, '0');
      for (let round = 0; round < ROUNDS; round++) {
        const batch = Array.from({ length: BATCH }, (_, k) =>
          k % 2 === 0
            ? mutation('contacts', uuidv7(), contactFields(session, { name: `Người ${index}-${round}-${k}` }), hlcAt(Date.now(), node))
            : mutation('contacts', shared[(index + round + k) % shared.length]!, { note: `${index}/${round}/${k}` }, hlcAt(Date.now(), node)),
        );
        const res = await pushOk(app, session, batch);
        expect(res.rejected).toEqual([]);
        pushedMutations += batch.length;
      }
    });

    // Store-level pullers see row_seq directly; each on its own connection pool.
    const storePullers = Array.from({ length: STORE_PULLERS }, async (_, index) => {
      const store = stores[index % stores.length]!;
      const seen = new Map<string, number>();
      let after = 0;
      let pages = 0;
      const page = async () => {
        const result = await store.records.pull({ scopes: [{ scope: COMMUNE_A.id, after }], limit: PAGE });
        const rows = result.scopes[0]!.rows;
        for (const row of rows) {
          // Within a page and across pages the sequence strictly increases: the cursor only moves forward.
          expect(row.rowSeq).toBeGreaterThan(after);
          after = row.rowSeq;
          seen.set(row.record.id, row.rowSeq);
        }
        pages += 1;
        return result.scopes[0]!.hasMore;
      };
      while (pushing) {
        await page();
        await new Promise((resolve) => setImmediate(resolve));
      }
      while (await page());
      return { seen, pages };
    });

    // One puller through the HTTP API, as a phone does (records, not sequence numbers).
    const phone = sessions[PUSHERS - 1]!;
    const httpPuller = (async () => {
      const records = new Map<string, Record<string, unknown>>();
      let cursor: string | undefined;
      const page = async () => {
        const res = await pull(apps[2]!, phone, { ...(cursor ? { cursor } : {}), limit: PAGE });
        expect(res.statusCode).toBe(200);
        const body = res.json<PullResponse>();
        for (const change of body.changes) records.set(change.id, fromWireRecord(change.record));
        cursor = body.cursor;
        return body.hasMore;
      };
      while (pushing) await page();
      while (await page());
      return records;
    })();

    await Promise.all(pushers);
    pushing = false;
    const results = await Promise.all(storePullers);
    const phoneRecords = await httpPuller;

    const server = await stores[0]!.records.pull({ scopes: [{ scope: COMMUNE_A.id, after: 0 }], limit: 1_000_000 });
    const truth = new Map(server.scopes[0]!.rows.map((row) => [row.record.id, row.rowSeq]));
    expect(pushedMutations).toBe(PUSHERS * ROUNDS * BATCH);
    // Guard against a vacuous run: the pullers really raced the pushers.
    // Besides the contacts pushed, the scope holds the roster and commune profile the server published.
    const published = server.scopes[0]!.rows.filter((row) => row.table === 'teamMembers' || row.table === 'communeProfiles').length;
    expect(published).toBe(1 + 4 + PUSHERS);
    expect(truth.size).toBe(shared.length + (PUSHERS * ROUNDS * BATCH) / 2 + published);
    for (const { seen, pages } of results) {
      expect(pages).toBeGreaterThan(10);
      expect(seen).toEqual(truth);
    }
    // The phone holds every record in the server's final state.
    expect([...phoneRecords.values()].filter((record) => record.communeId === COMMUNE_A.id)).toHaveLength(truth.size);
    for (const row of server.scopes[0]!.rows) expect(phoneRecords.get(row.record.id)).toEqual(row.record);
    // Sequence numbers are unique per scope and end at the counter.
    const seqs = [...truth.values()].sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(server.scopes[0]!.headSeq).toBe(seqs[seqs.length - 1]);
  });

  it('[I5] a writer holding the scope counter blocks the next writer until it commits, so a later sequence number never commits first', async () => {
    // A push caught mid-flight: its transaction holds the counter row and wrote row_seq head+1, uncommitted.
    const slow = new pg.Client({ connectionString: fixture.url });
    await slow.connect();
    const { rows } = await slow.query<{ seq: string }>('SELECT seq FROM scope_seq WHERE scope = $1', [COMMUNE_A.id]);
    const head = Number(rows[0]!.seq);
    const lateId = uuidv7();
    try {
      await slow.query('BEGIN');
      await slow.query('SELECT seq FROM scope_seq WHERE scope = $1 FOR UPDATE', [COMMUNE_A.id]);
      await slow.query("INSERT INTO records (table_name, id, scope, fields, clocks, row_seq) VALUES ('contacts', $1, $2, '{}', '{}', $3)", [lateId, COMMUNE_A.id, head + 1]);
      await slow.query('UPDATE scope_seq SET seq = $1 WHERE scope = $2', [head + 1, COMMUNE_A.id]);

      // Another push starts now, on another server instance: it must wait for the counter row.
      const session = await login(apps[1]!, 'memberA');
      let pushed = false;
      const recordId = uuidv7();
      const second = pushOk(apps[1]!, session, [mutation('contacts', recordId, contactFields(session))]).then((res) => {
        pushed = true;
        return res;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pushed).toBe(false);
      // A puller meanwhile sees neither: nothing above the committed head.
      const during = await stores[2]!.records.pull({ scopes: [{ scope: COMMUNE_A.id, after: head }], limit: 100 });
      expect(during.scopes[0]!.rows).toEqual([]);

      await slow.query('COMMIT');
      expect((await second).acked).toHaveLength(1);
      const after = await stores[2]!.records.pull({ scopes: [{ scope: COMMUNE_A.id, after: head }], limit: 100 });
      expect(after.scopes[0]!.rows.map((row) => [row.record.id, row.rowSeq])).toEqual([
        [lateId, head + 1],
        [recordId, head + 2],
      ]);
    } finally {
      await slow.query('ROLLBACK').catch(() => undefined);
      await slow.end();
    }
  });

  it('[I5] the province scope and the commune scope advance independently', async () => {
    const page = await stores[1]!.records.pull({ scopes: [{ scope: provinceScope('quang-ngai'), after: 0 }, { scope: COMMUNE_A.id, after: 0 }], limit: 1_000_000 });
    expect(page.scopes.map((s) => s.rows.length > 0)).toEqual([true, true]);
    expect(page.scopes[0]!.rows.every((row) => row.scope === provinceScope('quang-ngai'))).toBe(true);
  });
});
