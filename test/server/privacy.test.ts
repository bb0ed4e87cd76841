// Citizens' rights on the server (docs/privacy.md), on a real SQLite file (pushes on the push
// thread, as the server runs) and a real PostgreSQL: a tombstone carries no personal data; a
// leader's erasure leaves no trace of the citizen in any table, reaches a phone that was offline,
// beats a stale edit, and keeps every count; on SQLite not a byte of it stays in the files.
import { readFileSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/sync/ids';
import { fromWireRecord, type PullResponse } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { onPushThread, serverWorld, type WorldOptions } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { bearer, hlcAt, logFields, mutation, pull, pullAll, pushOk, type Session } from './sync-fixtures';

const NAME = 'Nguyễn Thị Hoa';
const PHONE = '0912345678';
const OTHER_NAME = 'Nguyễn Thị Hòa'; // folds like NAME: only the phone tells them apart
const OTHER_PHONE = '0987000111';

function citizen(session: Session, name: string, phone: string) {
  return { name, phone, consent: true, consentEvidence: { method: 'spoken', noticeVersion: 'vi-2026-12', recordedAt: '2026-03-02T08:00:00+07:00', recordedBy: session.userId } };
}

/** Every row of every table, as text: what a database dump would hold. */
type Dump = () => Promise<string>;

function privacySuite<F extends StoreFixture>(factory: () => Promise<F>, options: WorldOptions<F> & { dump: (fixture: F) => Dump }): void {
  const world = serverWorld(factory, ['memberA', 'member2A', 'leaderA', 'reviewerA'], options);
  const dump: Dump = () => options.dump(world.fixture)();

  const storedLog = async (id: string) =>
    (await world.store.records.listRecords({ scope: world.memberA.communeId!, tables: ['assistanceLogs'] })).find((row) => row.record.id === id)!.record;
  const erase = (session: Session, body: unknown) => world.app.inject({ method: 'POST', url: '/api/privacy/erasures', headers: bearer(session), payload: body as object });

  it('a deleted log drops its citizen and its note at once, and a stale edit cannot bring them back', async () => {
    const id = uuidv7();
    const t = Date.now() - 60_000;
    await pushOk(world.app, world.memberA, [mutation('assistanceLogs', id, logFields(world.memberA, { note: `gọi lại cho chị ${NAME}`, citizen: citizen(world.memberA, NAME, PHONE) }), hlcAt(t))]);
    await pushOk(world.app, world.memberA, [mutation('assistanceLogs', id, { deleted: true }, hlcAt(t + 2_000))]);
    expect(await storedLog(id)).toMatchObject({ deleted: true, citizen: null, note: null, outcome: 'done' });
    // A phone that had not seen the delete edits the citizen later: the record stays deleted and empty.
    await pushOk(world.app, world.memberA, [mutation('assistanceLogs', id, { citizen: citizen(world.memberA, NAME, PHONE) }, hlcAt(t + 3_000, '00000000000000dd'))]);
    expect(await storedLog(id)).toMatchObject({ deleted: true, citizen: null, note: null });
    const { changes } = await pullAll(world.app, world.member2A);
    expect(fromWireRecord(changes.find((c) => c.id === id)!.record)).toMatchObject({ deleted: true, citizen: null, note: null });
  });

  it('only a leader erases; an empty request erases nothing', async () => {
    for (const session of [world.memberA, world.reviewerA]) expect((await erase(session, { name: NAME })).statusCode).toBe(403);
    expect((await erase(world.leaderA, {})).statusCode).toBe(400);
    expect((await erase(world.leaderA, { name: '  ' })).statusCode).toBe(400);
    expect((await erase(world.leaderA, { name: NAME, address: 'x' })).statusCode).toBe(400);
    expect((await world.app.inject({ method: 'POST', url: '/api/privacy/erasures', payload: { name: NAME } })).statusCode).toBe(401);
  });

  it("erases one citizen's details everywhere, keeps the counts, reaches an offline phone and beats its stale edit", async () => {
    const t = Date.now() - 120_000;
    const hoa = [uuidv7(), uuidv7()];
    const other = uuidv7();
    await pushOk(world.app, world.memberA, [
      mutation('assistanceLogs', hoa[0]!, logFields(world.memberA, { note: 'cài VNeID', citizen: citizen(world.memberA, NAME, PHONE), barriers: ['weak_network'] }), hlcAt(t)),
      mutation('assistanceLogs', hoa[1]!, logFields(world.memberA, { outcome: 'partial', followUpAt: '2026-03-09', citizen: citizen(world.memberA, NAME, '+84 912 345 678') }), hlcAt(t)),
      mutation('assistanceLogs', other, logFields(world.memberA, { citizen: citizen(world.memberA, OTHER_NAME, OTHER_PHONE) }), hlcAt(t)),
    ]);
    // Phone B syncs, then goes offline with a stale edit of one of the logs.
    const before = await pullAll(world.app, world.member2A);
    const counted = async () =>
      (await world.store.records.listRecords({ scope: world.memberA.communeId!, tables: ['assistanceLogs'] }))
        .map(({ record: { serviceId, outcome, barriers, villageId, occurredAt, followUpAt, deleted, id } }) => ({ id, serviceId, outcome, barriers, villageId, occurredAt, followUpAt, deleted }))
        .sort((a, b) => a.id.localeCompare(b.id));
    const countsBefore = await counted();

    const answer = await erase(world.leaderA, { name: 'nguyen thi hoa', phone: '0912 345 678' });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ erasedLogs: 2 });
    expect(answer.headers['cache-control']).toBe('no-store');

    for (const id of hoa) expect(await storedLog(id)).toMatchObject({ citizen: null, note: null, deleted: false });
    expect((await storedLog(other)).citizen).toMatchObject({ name: OTHER_NAME });
    expect(await counted()).toEqual(countsBefore);

    // Phone B comes back: the erased versions are in its next pull.
    const after = (await pull(world.app, world.member2A, { cursor: before.cursor })).json<PullResponse>();
    for (const id of hoa) expect(fromWireRecord(after.changes.find((c) => c.id === id)!.record)).toMatchObject({ citizen: null, note: null });
    // Its stale edit, made before the erasure, loses to the erasure's later clock.
    await pushOk(world.app, world.member2A, [mutation('assistanceLogs', hoa[0]!, { note: `chị ${NAME} hẹn mai` }, hlcAt(t + 1_000, '00000000000000ee'))]);
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
    serverStore: onPushThread(),
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
