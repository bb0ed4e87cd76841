// The province admin's checklist templates API on a real SQLite file and a real PostgreSQL
// (docs/reference-data.md "Checklist templates"): a new version adds, removes, reorders and edits
// items as a new record; the older version a commune's checklist was made from stays as it was.
import { describe, expect, it } from 'vitest';
import { describePostgres } from '../helpers/pg';
import { adminWorld, tableRecords } from './admin-world';
import { postgresFixture, sqliteFixture, type StoreFixtureFactory } from './store-fixtures';
import { pullAll, type Session } from './sync-fixtures';

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
  const world = adminWorld(factory, ['adminQN', 'adminKT', 'leaderA']);
  const post = (session: Session, url: string, payload: object) => world.send(session, 'POST', url, payload);
  const publish = (session: Session, payload: object) => post(session, `/api/admin/checklist-templates/${TEMPLATE.templateId}/versions`, payload);
  const versions = async (session: Session) =>
    tableRecords((await pullAll(world.app, session)).changes, 'checklistTemplates')
      .filter((t) => t.templateId === TEMPLATE.templateId)
      .sort((a, b) => Number(a.version) - Number(b.version));

  it('refuses anyone but an admin, bad bodies and a template id already used', async () => {
    expect((await post(world.leaderA, '/api/admin/checklist-templates', TEMPLATE)).statusCode).toBe(403);
    expect((await post(world.adminQN, '/api/admin/checklist-templates', { ...TEMPLATE, items: [item('a1', 'x', 'nowhere')] })).statusCode).toBe(400);
    expect((await post(world.adminQN, '/api/admin/checklist-templates', { ...TEMPLATE, items: [item('a1', 'x'), item('a1', 'y')] })).statusCode).toBe(400);
    expect((await post(world.adminQN, '/api/admin/checklist-templates', TEMPLATE)).statusCode).toBe(201);
    expect((await post(world.adminQN, '/api/admin/checklist-templates', TEMPLATE)).statusCode).toBe(409);
  });

  it('publishes version 2 with items added, removed, reordered and edited; version 1 stays as it was', async () => {
    const [v1] = await versions(world.leaderA);
    const items = [item('n1', 'Kiểm tra Wi-Fi và loa nhà văn hóa', 'network'), item('a1', 'Cấp tài khoản công chức'), item('a3', 'Sao lưu dữ liệu')];
    const res = await publish(world.adminQN, { ...CONTENT, items, basedOn: 1 });
    expect(res.statusCode).toBe(201);
    const all = await versions(world.leaderA);
    expect(all.map((t) => t.version)).toEqual([1, 2]);
    expect(all[0]).toEqual(v1);
    expect((all[1]!.items as { id: string }[]).map((i) => i.id)).toEqual(['n1', 'a1', 'a3']);
    const published = (await world.audit(world.adminQN)).filter((e) => e.kind === 'reference.changed');
    expect(published.map((e) => e.subjectName)).toContain(CONTENT.title.vi);
    expect(published.map((e) => e.details)).toContainEqual({
      table: 'checklistTemplates',
      change: 'published',
      code: TEMPLATE.templateId,
      version: 2,
    });
  });

  it('refuses a stale base, a version that changes nothing and a new item reusing a removed id', async () => {
    const [, v2] = await versions(world.leaderA);
    const items = v2!.items as ReturnType<typeof item>[];
    expect((await publish(world.adminQN, { ...CONTENT, items, basedOn: 1 })).statusCode).toBe(409);
    expect((await publish(world.adminQN, { ...CONTENT, items, basedOn: 2 })).statusCode).toBe(400);
    expect((await publish(world.adminQN, { ...CONTENT, items: [...items, item('a2', 'Một việc khác')], basedOn: 2 })).statusCode).toBe(400);
    expect((await versions(world.leaderA)).map((t) => t.version)).toEqual([1, 2]);
  });

  it('two admins publishing at once: one version 3, the other refused', async () => {
    const [, v2] = await versions(world.leaderA);
    const items = v2!.items as ReturnType<typeof item>[];
    const results = await Promise.all([
      publish(world.adminQN, { ...CONTENT, items: [...items, item('x1', 'Việc thêm một')], basedOn: 2 }),
      publish(world.adminQN, { ...CONTENT, items: [...items, item('x2', 'Việc thêm hai')], basedOn: 2 }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await versions(world.leaderA)).map((t) => t.version)).toEqual([1, 2, 3]);
  });

  it("never shows or publishes another province's template", async () => {
    expect(await versions(world.adminKT)).toEqual([]);
    expect((await publish(world.adminKT, { ...CONTENT, basedOn: 1 })).statusCode).toBe(404);
  });
}

describe('admin checklist templates on SQLite', () => templatesSuite(sqliteFixture));
describePostgres('admin checklist templates on PostgreSQL', () => templatesSuite(postgresFixture));
