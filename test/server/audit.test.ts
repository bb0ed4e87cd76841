// The audit log (docs/privacy.md "Audit log"), on a real SQLite file with the server's push thread
// and on a real PostgreSQL: phones report views and exports, the server records erasures, changes
// of a citizen section and refusals with its own time; leaders read their commune, the province
// admin their province, members and reviewers nothing; and the database itself refuses to
// UPDATE, DELETE (or TRUNCATE) a row, through the app's own connection.
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { AuditPage } from '../../src/shared/privacy/audit';
import { uuidv7 } from '../../src/shared/sync/ids';
import { describePostgres } from '../helpers/pg';
import { onPushThread, serverWorld, type WorldOptions } from './http-world';
import { postgresFixture, sqliteFixture, type StoreFixture } from './store-fixtures';
import { bearer, hlcAt, logFields, mutation, pushOk, type Session } from './sync-fixtures';

function citizen(session: Session) {
  return { name: 'Trần Văn Bình', phone: '0912000111', consent: true, consentEvidence: { method: 'spoken', noticeVersion: 'vi-2026-12', recordedAt: '2026-03-02T08:00:00+07:00', recordedBy: session.userId } };
}

const viewed = (logId: string, extra: Record<string, unknown> = {}) => ({
  id: uuidv7(),
  kind: 'citizen.viewed',
  subjectId: logId,
  occurredAt: '2026-03-02T09:00:00+07:00',
  details: { table: 'assistanceLogs' },
  ...extra,
});
const exported = (reason: string) => ({
  id: uuidv7(),
  kind: 'citizen.exported',
  subjectId: null,
  occurredAt: '2026-03-02T09:05:00+07:00',
  details: { reason, from: '2026-02-15', to: '2026-03-14', rows: 12 },
});

/** Runs raw SQL on the app's own database, as the app's own role: must throw for UPDATE/DELETE. */
type RawSql = (sql: string) => Promise<void>;

function auditSuite<F extends StoreFixture>(factory: () => Promise<F>, options: WorldOptions<F> & { raw: (fixture: F) => RawSql }): void {
  const world = serverWorld(factory, ['memberA', 'leaderA', 'reviewerA', 'leaderB', 'adminQN', 'adminKT'], options);

  const post = (session: Session, events: unknown[]) => world.app.inject({ method: 'POST', url: '/api/audit/events', headers: bearer(session), payload: { events } });
  const read = (session: Session, before?: number) =>
    world.app.inject({ method: 'GET', url: `/api/audit/events${before === undefined ? '' : `?before=${before}`}`, headers: bearer(session) });
  const page = async (session: Session): Promise<AuditPage> => {
    const res = await read(session);
    expect(res.statusCode).toBe(200);
    return res.json<AuditPage>();
  };

  it('[AU1] a phone reports views; the server keeps who (its own word) and its own time; a resend stores nothing twice', async () => {
    const logId = uuidv7();
    const event = viewed(logId, { actorId: 'someone-else' });
    // A forged actor is an unknown key: the whole event is refused.
    expect((await post(world.memberA, [event])).json()).toEqual({ accepted: [], refused: [event.id] });
    const honest = viewed(logId);
    const before = Date.now();
    expect((await post(world.memberA, [honest])).json()).toEqual({ accepted: [honest.id], refused: [] });
    // A resend (the answer was lost) is accepted again, so the phone can forget it, and stored once.
    expect((await post(world.memberA, [honest])).json()).toEqual({ accepted: [honest.id], refused: [] });
    const mine = (await page(world.leaderA)).events.filter((e) => e.subjectId === logId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'citizen.viewed', actorName: 'memberA', actorRole: 'member', communeName: 'Xã A (thử)', occurredAt: Date.parse('2026-03-02T09:00:00+07:00') });
    expect(mine[0]!.recordedAt).toBeGreaterThanOrEqual(before);
  });

  it('[AU2] an export with its reason is accepted from a leader; from a member it is refused and the refusal is logged', async () => {
    const ok = exported('Báo cáo UBND xã tháng 3');
    expect((await post(world.leaderA, [ok])).json()).toEqual({ accepted: [ok.id], refused: [] });
    const sneaky = exported('tự xuất');
    expect((await post(world.memberA, [sneaky])).json()).toEqual({ accepted: [], refused: [sneaky.id] });
    const noReason = exported(' ');
    expect((await post(world.leaderA, [noReason])).json()).toEqual({ accepted: [], refused: [noReason.id] });
    const events = (await page(world.leaderA)).events;
    expect(events.find((e) => e.kind === 'citizen.exported')).toMatchObject({ actorName: 'leaderA', details: { reason: 'Báo cáo UBND xã tháng 3', rows: 12 } });
    expect(events.find((e) => e.kind === 'access.refused' && e.details.action === 'citizen.exported')).toMatchObject({ actorName: 'memberA' });
  });

  it('records erasures, changes of a citizen section and refused erasures on the server side', async () => {
    const id = uuidv7();
    const t = Date.now() - 60_000;
    await pushOk(world.app, world.memberA, [mutation('assistanceLogs', id, logFields(world.memberA, { citizen: citizen(world.memberA) }), hlcAt(t))]);
    await pushOk(world.app, world.memberA, [mutation('assistanceLogs', id, { citizen: { ...citizen(world.memberA), phone: '0912000222' } }, hlcAt(t + 1_000))]);
    await pushOk(world.app, world.memberA, [mutation('assistanceLogs', id, { outcome: 'partial' }, hlcAt(t + 2_000))]);
    expect((await world.app.inject({ method: 'POST', url: '/api/privacy/erasures', headers: bearer(world.memberA), payload: { phone: '0912000222' } })).statusCode).toBe(403);
    expect((await world.app.inject({ method: 'POST', url: '/api/privacy/erasures', headers: bearer(world.leaderA), payload: { phone: '0912000222' } })).json()).toEqual({ erasedLogs: 1 });
    const events = (await page(world.leaderA)).events;
    expect(events.filter((e) => e.subjectId === id).map((e) => e.details.change)).toEqual(['changed', 'added']);
    expect(events.find((e) => e.kind === 'citizen.erased')).toMatchObject({ actorName: 'leaderA', details: { logs: 1 } });
    expect(events.find((e) => e.kind === 'access.refused' && e.details.action === 'citizen.erase')).toMatchObject({ actorName: 'memberA', details: { role: 'member' } });
    // No citizen's name or phone in any event.
    expect(JSON.stringify(events)).not.toMatch(/Bình|0912000/);
  });

  it('[AU3] leaders read their own commune only; the admin reads the province; members and reviewers are refused (and logged)', async () => {
    expect((await post(world.leaderB, [viewed(uuidv7())])).statusCode).toBe(200);
    expect((await page(world.leaderA)).events.some((e) => e.actorName === 'leaderB')).toBe(false);
    expect((await page(world.leaderB)).events.every((e) => e.communeName === 'Xã B (thử)')).toBe(true);
    const province = (await page(world.adminQN)).events;
    expect(new Set(province.map((e) => e.communeName))).toEqual(new Set(['Xã A (thử)', 'Xã B (thử)']));
    expect((await page(world.adminKT)).events).toEqual([]);
    expect((await read(world.memberA)).statusCode).toBe(403);
    expect((await read(world.reviewerA)).statusCode).toBe(403);
    const refusals = (await page(world.leaderA)).events.filter((e) => e.kind === 'access.refused' && e.details.action === 'audit.read');
    expect(refusals.map((e) => e.actorName).sort()).toEqual(['memberA', 'reviewerA']);
  });

  it('pages newest first with a cursor, and refuses bad input', async () => {
    await post(world.leaderA, Array.from({ length: 60 }, () => viewed(uuidv7())));
    const first = await page(world.leaderA);
    expect(first.events).toHaveLength(50);
    expect(first.next).not.toBeNull();
    const second = (await read(world.leaderA, first.next!)).json<AuditPage>();
    expect(second.events[0]!.seq).toBeLessThan(first.events.at(-1)!.seq);
    expect((await post(world.leaderA, [])).statusCode).toBe(400);
    expect((await post(world.leaderA, Array.from({ length: 101 }, () => viewed(uuidv7())))).statusCode).toBe(400);
    expect((await world.app.inject({ method: 'GET', url: '/api/audit/events' })).statusCode).toBe(401);
  });

  it("[AU4] the database refuses UPDATE, DELETE and TRUNCATE of audit rows through the app's own connection", async () => {
    const raw = options.raw(world.fixture);
    const before = (await page(world.leaderA)).events.length;
    await expect(raw("UPDATE audit_events SET kind = 'citizen.viewed'")).rejects.toThrow(/append-only/);
    await expect(raw('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(raw('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
    if (world.store.kind === 'postgres') await expect(raw('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect((await page(world.leaderA)).events.length).toBe(before);
  });
}

describe('audit log on SQLite (push thread, as the server runs)', () => {
  auditSuite(sqliteFixture, {
    serverStore: onPushThread(),
    raw: (fixture) => async (sql) => {
      await Promise.resolve();
      const db = new Database(fixture.file);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
  });
});

describePostgres('audit log on PostgreSQL', () => {
  auditSuite(postgresFixture, {
    // The same URL, hence the same role, as the app's pool: the role that owns the table.
    raw: (fixture) => async (sql) => {
      const client = new pg.Client({ connectionString: fixture.url });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
  });
});
