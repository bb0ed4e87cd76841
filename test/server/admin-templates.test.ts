// The province admin's checklist templates API on a real SQLite file and a real PostgreSQL
// (docs/reference-data.md "Checklist templates"): a new version adds, removes, reorders and edits
// items as a new record; the older version a commune's checklist was made from stays as it was.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStore } from '../../src/server/storage/types';
import { fromWireRecord } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture, type StoreFixtureFactory } from './store-fixtures';
import { bearer, login, makeApp, populate, pullAll, type Session } from './sync-fixtures';

const item = (id: string, vi: string, category = 'accounts') => ({ id, title: { vi, en: id }, category, leadUnit: 'UBND xã', due: null });
const TEMPLATE = {
  templateId: 'qng-test-readiness',
  title: { vi: 'Sẵn sàng chuyển đổi số (thử)', en: 'Readiness (test)' },
  scope: 'commune',
  categories: ['accounts', 'network'],
  items: [item('a1', 'Cấp tài khoản công chức'), item('a2', 'Kiểm tra chữ ký số'), item('n1', 'Kiểm tra Wi-Fi nhà văn hóa', 'network')],
};
const { templateId: _id, ...CONTENT } = TEMPLATE;

function templatesSuite(factory: StoreFixtureFactory): void {
  let fixture: StoreFixture;
  let store: SyncStore;
  let app: FastifyInstance;
  let adminQN: Session;
  let adminKT: Session;
  let leaderA: Session;

  beforeAll(async () => {
    fixture = await factory();
    store = fixture.open();
    await store.migrate();
    await populate(store);
    app = await makeApp(store);
    [adminQN, adminKT, leaderA] = await Promise.all([login(app, 'adminQN'), login(app, 'adminKT'), login(app, 'leaderA')]);
  });
  afterAll(async () => {
    await app?.close();
    await fixture?.dispose();
  });

  const post = (session: Session, url: string, payload: object) => app.inject({ method: 'POST', url, headers: bearer(session), payload });
  const publish = (session: Session, payload: object) => post(session, `/api/admin/checklist-templates/${TEMPLATE.templateId}/versions`, payload);
  const versions = async (session: Session) =>
    (await pullAll(app, session)).changes
      .filter((c) => c.table === 'checklistTemplates')
      .map((c) => fromWireRecord(c.record as never))
      .filter((t) => t.templateId === TEMPLATE.templateId)
      .sort((a, b) => Number(a.version) - Number(b.version));

  it('refuses anyone but an admin, bad bodies and a template id already used', async () => {
    expect((await post(leaderA, '/api/admin/checklist-templates', TEMPLATE)).statusCode).toBe(403);
    expect((await post(adminQN, '/api/admin/checklist-templates', { ...TEMPLATE, items: [item('a1', 'x', 'nowhere')] })).statusCode).toBe(400);
    expect((await post(adminQN, '/api/admin/checklist-templates', { ...TEMPLATE, items: [item('a1', 'x'), item('a1', 'y')] })).statusCode).toBe(400);
    expect((await post(adminQN, '/api/admin/checklist-templates', TEMPLATE)).statusCode).toBe(201);
    expect((await post(adminQN, '/api/admin/checklist-templates', TEMPLATE)).statusCode).toBe(409);
  });

  it('publishes version 2 with items added, removed, reordered and edited; version 1 stays as it was', async () => {
    const [v1] = await versions(leaderA);
    const items = [item('n1', 'Kiểm tra Wi-Fi và loa nhà văn hóa', 'network'), item('a1', 'Cấp tài khoản công chức'), item('a3', 'Sao lưu dữ liệu')];
    const res = await publish(adminQN, { ...CONTENT, items, basedOn: 1 });
    expect(res.statusCode).toBe(201);
    const all = await versions(leaderA);
    expect(all.map((t) => t.version)).toEqual([1, 2]);
    expect(all[0]).toEqual(v1);
    expect((all[1]!.items as { id: string }[]).map((i) => i.id)).toEqual(['n1', 'a1', 'a3']);
    const page = (await app.inject({ method: 'GET', url: '/api/audit/events', headers: bearer(adminQN) })).json<{ events: { kind: string; details: unknown }[] }>();
    expect(page.events.filter((e) => e.kind === 'reference.changed').map((e) => e.details)).toContainEqual({
      table: 'checklistTemplates',
      change: 'published',
      code: TEMPLATE.templateId,
      version: 2,
    });
  });

  it('refuses a stale base, a version that changes nothing and a new item reusing a removed id', async () => {
    const [, v2] = await versions(leaderA);
    const items = v2!.items as ReturnType<typeof item>[];
    expect((await publish(adminQN, { ...CONTENT, items, basedOn: 1 })).statusCode).toBe(409);
    expect((await publish(adminQN, { ...CONTENT, items, basedOn: 2 })).statusCode).toBe(400);
    expect((await publish(adminQN, { ...CONTENT, items: [...items, item('a2', 'Một việc khác')], basedOn: 2 })).statusCode).toBe(400);
    expect((await versions(leaderA)).map((t) => t.version)).toEqual([1, 2]);
  });

  it('two admins publishing at once: one version 3, the other refused', async () => {
    const [, v2] = await versions(leaderA);
    const items = v2!.items as ReturnType<typeof item>[];
    const results = await Promise.all([
      publish(adminQN, { ...CONTENT, items: [...items, item('x1', 'Việc thêm một')], basedOn: 2 }),
      publish(adminQN, { ...CONTENT, items: [...items, item('x2', 'Việc thêm hai')], basedOn: 2 }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await versions(leaderA)).map((t) => t.version)).toEqual([1, 2, 3]);
  });

  it("never shows or publishes another province's template", async () => {
    expect(await versions(adminKT)).toEqual([]);
    expect((await publish(adminKT, { ...CONTENT, basedOn: 1 })).statusCode).toBe(404);
  });
}

describe('admin checklist templates on SQLite', () => templatesSuite(sqliteFixture));
describePostgres('admin checklist templates on PostgreSQL', () => templatesSuite(postgresFixture));
