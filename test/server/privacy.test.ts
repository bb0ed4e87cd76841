// Citizens' rights on the server (docs/privacy.md), on a real SQLite file (pushes on the push
// thread, as the server runs) and a real PostgreSQL: a tombstone carries no personal data; a
// leader's erasure leaves no trace of the citizen in any table, reaches a phone that was offline,
// beats a stale edit, and keeps every count; on SQLite not a byte of it stays in the files.
import { readFileSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerStore, type ServerStore } from '../../src/server/compose';
import type { SyncStore } from '../../src/server/storage/types';
import { uuidv7 } from '../../src/shared/sync/ids';
import { fromWireRecord, type PullResponse } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { bearer, hlcAt, logFields, login, makeApp, mutation, populate, pull, pullAll, pushOk, type Session } from './sync-fixtures';

const NAME = 'Nguyễn Thị Hoa';
const PHONE = '0912345678';
const OTHER_NAME = 'Nguyễn Thị Hòa'; // folds like NAME: only the phone tells them apart
const OTHER_PHONE = '0987000111';

function citizen(session: Session, name: string, phone: string) {
  return { name, phone, consent: true, consentEvidence: { method: 'spoken', noticeVersion: 'vi-2026-12', recordedAt: '2026-03-02T08:00:00+07:00', recordedBy: session.userId } };
}

/** Every row of every table, as text: what a database dump would hold. */
type Dump = () => Promise<string>;

function privacySuite<F extends StoreFixture>(factory: () => Promise<F>, options: { serverStore?: (fixture: F) => ServerStore; dump: (fixture: F) => Dump; afterClose?: (fixture: F) => void }): void {
  let fixture: F;
  let server: ServerStore | undefined;
  let store: SyncStore;
  let app: FastifyInstance;
  let memberA: Session;
  let member2A: Session;
  let leaderA: Session;
  let reviewerA: Session;
  let dump: Dump;

  beforeAll(async () => {
    fixture = await factory();
    server = options.serverStore?.(fixture);
    await server?.ready;
    store = server?.store ?? fixture.open();
    await store.migrate();
    await populate(store);
    app = await makeApp(store, {}, undefined, server?.sync);
    memberA = await login(app, 'memberA');
    member2A = await login(app, 'member2A');
    leaderA = await login(app, 'leaderA');
    reviewerA = await login(app, 'reviewerA');
    dump = options.dump(fixture);
  });

  afterAll(async () => {
    await app?.close();
    await server?.sync.close();
    await server?.store.close();
    options.afterClose?.(fixture);
    await fixture?.dispose();
  });

  const storedLog = async (id: string) =>
    (await store.records.listRecords({ scope: memberA.communeId!, tables: ['assistanceLogs'] })).find((row) => row.record.id === id)!.record;
  const erase = (session: Session, body: unknown) => app.inject({ method: 'POST', url: '/api/privacy/erasures', headers: bearer(session), payload: body as object });

  it('a deleted log drops its citizen and its note at once, and a stale edit cannot bring them back', async () => {
    const id = uuidv7();
    const t = Date.now() - 60_000;
    await pushOk(app, memberA, [mutation('assistanceLogs', id, logFields(memberA, { note: `gọi lại cho chị ${NAME}`, citizen: citizen(memberA, NAME, PHONE) }), hlcAt(t))]);
    await pushOk(app, memberA, [mutation('assistanceLogs', id, { deleted: true }, hlcAt(t + 2_000))]);
    expect(await storedLog(id)).toMatchObject({ deleted: true, citizen: null, note: null, outcome: 'done' });
    // A phone that had not seen the delete edits the citizen later: the record stays deleted and empty.
    await pushOk(app, memberA, [mutation('assistanceLogs', id, { citizen: citizen(memberA, NAME, PHONE) }, hlcAt(t + 3_000, '00000000000000dd'))]);
    expect(await storedLog(id)).toMatchObject({ deleted: true, citizen: null, note: null });
    const { changes } = await pullAll(app, member2A);
    expect(fromWireRecord(changes.find((c) => c.id === id)!.record)).toMatchObject({ deleted: true, citizen: null, note: null });
  });

  it('only a leader erases; an empty request erases nothing', async () => {
    for (const session of [memberA, reviewerA]) expect((await erase(session, { name: NAME })).statusCode).toBe(403);
    expect((await erase(leaderA, {})).statusCode).toBe(400);
    expect((await erase(leaderA, { name: '  ' })).statusCode).toBe(400);
    expect((await erase(leaderA, { name: NAME, address: 'x' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/privacy/erasures', payload: { name: NAME } })).statusCode).toBe(401);
  });

  it("erases one citizen's details everywhere, keeps the counts, reaches an offline phone and beats its stale edit", async () => {
    const t = Date.now() - 120_000;
    const hoa = [uuidv7(), uuidv7()];
    const other = uuidv7();
    await pushOk(app, memberA, [
      mutation('assistanceLogs', hoa[0]!, logFields(memberA, { note: 'cài VNeID', citizen: citizen(memberA, NAME, PHONE), barriers: ['weak_network'] }), hlcAt(t)),
      mutation('assistanceLogs', hoa[1]!, logFields(memberA, { outcome: 'partial', followUpAt: '2026-03-09', citizen: citizen(memberA, NAME, '+84 912 345 678') }), hlcAt(t)),
      mutation('assistanceLogs', other, logFields(memberA, { citizen: citizen(memberA, OTHER_NAME, OTHER_PHONE) }), hlcAt(t)),
    ]);
    // Phone B syncs, then goes offline with a stale edit of one of the logs.
    const before = await pullAll(app, member2A);
    const counted = async () =>
      (await store.records.listRecords({ scope: memberA.communeId!, tables: ['assistanceLogs'] }))
        .map(({ record: { serviceId, outcome, barriers, villageId, occurredAt, followUpAt, deleted, id } }) => ({ id, serviceId, outcome, barriers, villageId, occurredAt, followUpAt, deleted }))
        .sort((a, b) => a.id.localeCompare(b.id));
    const countsBefore = await counted();

    const answer = await erase(leaderA, { name: 'nguyen thi hoa', phone: '0912 345 678' });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ erasedLogs: 2 });
    expect(answer.headers['cache-control']).toBe('no-store');

    for (const id of hoa) expect(await storedLog(id)).toMatchObject({ citizen: null, note: null, deleted: false });
    expect((await storedLog(other)).citizen).toMatchObject({ name: OTHER_NAME });
    expect(await counted()).toEqual(countsBefore);

    // Phone B comes back: the erased versions are in its next pull.
    const after = (await pull(app, member2A, { cursor: before.cursor })).json<PullResponse>();
    for (const id of hoa) expect(fromWireRecord(after.changes.find((c) => c.id === id)!.record)).toMatchObject({ citizen: null, note: null });
    // Its stale edit, made before the erasure, loses to the erasure's later clock.
    await pushOk(app, member2A, [mutation('assistanceLogs', hoa[0]!, { note: `chị ${NAME} hẹn mai` }, hlcAt(t + 1_000, '00000000000000ee'))]);
    expect((await storedLog(hoa[0]!)).note).toBeNull();

    const text = await dump();
    expect(text).toContain(OTHER_PHONE); // the dump does see citizens' details…
    expect(text).not.toContain(PHONE); // …but none of the erased one's
    expect(text).not.toContain('912345678');
    expect(text.normalize('NFC')).not.toContain(NAME);
  });
}

describe('privacy on SQLite (pushes on the push thread, as the server runs)', () => {
  privacySuite(sqliteFixture, {
    serverStore: (fixture) =>
      openServerStore({ kind: 'sqlite', file: fixture.file }, (error) => {
        throw error;
      }),
    dump: (fixture) => () => {
      const db = new Database(fixture.file, { readonly: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
        return Promise.resolve(tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).join('\n'));
      } finally {
        db.close();
      }
    },
    // Once the server has stopped: the files hold not one byte of the erased details, free pages
    // and WAL included (secure_delete, and the last connection folds the WAL back in).
    afterClose: ({ file }) => {
      const files = ['', '-wal', '-shm', '-journal'].filter((suffix) => existsSync(file + suffix));
      expect(files).toContain('');
      for (const suffix of files) {
        const content = readFileSync(file + suffix);
        expect({ suffix, phone: content.includes(Buffer.from(PHONE)), name: content.includes(Buffer.from('Thị Hoa')) }).toEqual({ suffix, phone: false, name: false });
      }
    },
  });
});

describePostgres('privacy on PostgreSQL', () => {
  privacySuite(postgresFixture, {
    dump: (fixture) => async () => {
      const client = new pg.Client({ connectionString: fixture.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        const parts: string[] = [];
        for (const { table_name } of rows) parts.push(JSON.stringify((await client.query(`SELECT * FROM "${table_name}"`)).rows));
        return parts.join('\n');
      } finally {
        await client.end();
      }
    },
  });
});
