// The province admin's reference-data API on a real SQLite file and a real PostgreSQL: only an
// admin, only in their province; a retired service stays readable to a phone that was offline and
// a province contact reaches every commune of the province, never another's; every change audited.
import { describe, expect, it } from 'vitest';
import { fromWireRecord } from '../../src/shared/sync/protocol';
import { describePostgres } from '../helpers/pg';
import { adminWorld, tableRecords } from './admin-world';
import { postgresFixture, sqliteFixture, type StoreFixtureFactory } from './store-fixtures';
import { pullAll } from './sync-fixtures';

function adminReferenceSuite(factory: StoreFixtureFactory): void {
  const world = adminWorld(factory, ['adminQN', 'adminKT', 'leaderA', 'memberB']);
  const { send, audit } = world;

  it('refuses anyone but an admin, and bad bodies', async () => {
    expect((await send(world.leaderA, 'PATCH', '/api/admin/services/vneid-install-register', { active: false })).statusCode).toBe(403);
    expect((await send(world.memberB, 'POST', '/api/admin/province-contacts', { name: 'X' })).statusCode).toBe(403);
    expect((await send(world.adminQN, 'PATCH', '/api/admin/services/vneid-install-register', { active: 'no' })).statusCode).toBe(400);
    expect((await send(world.adminQN, 'POST', '/api/admin/province-contacts', { name: 'X', extra: 1 })).statusCode).toBe(400);
    expect((await send(world.adminQN, 'PATCH', '/api/admin/services/no-such-service', { active: false })).statusCode).toBe(404);
  });

  it('retires a service: a phone that was offline gets it inactive with its name kept; audited', async () => {
    const before = await pullAll(world.app, world.memberB);
    const res = await send(world.adminQN, 'PATCH', '/api/admin/services/vneid-install-register', { active: false });
    expect(res.statusCode).toBe(200);
    const after = await pullAll(world.app, world.memberB, before.cursor);
    const [service] = tableRecords(after.changes, 'services');
    expect(service).toMatchObject({ code: 'vneid-install-register', active: false, catalogVersion: 2 });
    expect(String((service!.name as { vi: string }).vi)).toMatch(/VNeID/);
    // Kon Tum's catalogue is untouched.
    const kt = tableRecords((await pullAll(world.app, world.adminKT)).changes, 'services').find((s) => s.code === 'vneid-install-register');
    expect(kt).toMatchObject({ active: true });
    const event = (await audit(world.adminQN)).find((e) => e.kind === 'reference.changed');
    expect(event?.details).toEqual({ table: 'services', change: 'retired', code: 'vneid-install-register' });
    // The audit view names the service, never its id.
    expect(event?.subjectName).toBe((service!.name as { vi: string }).vi);
  });

  it('adds a service whose code is new, and refuses a code already in the catalogue', async () => {
    const body = { code: 'vneid-level2-elderly', name: { vi: 'Kích hoạt VNeID mức 2 cho người cao tuổi', en: 'VNeID level 2 for the elderly' }, group: 'vneid' };
    expect((await send(world.adminQN, 'POST', '/api/admin/services', body)).statusCode).toBe(201);
    expect((await send(world.adminQN, 'POST', '/api/admin/services', body)).statusCode).toBe(409);
  });

  it("adds a province contact every commune of the province pulls, never another province's", async () => {
    const res = await send(world.adminQN, 'POST', '/api/admin/province-contacts', { name: 'Tổng đài hỗ trợ VNeID – Công an tỉnh', phones: ['0255 3822 222'], systems: ['vneid'] });
    expect(res.statusCode).toBe(201);
    const id = fromWireRecord(res.json<{ record: never }>().record).id;
    expect(tableRecords((await pullAll(world.app, world.memberB)).changes, 'provinceContacts').map((c) => c.id)).toEqual([id]);
    expect(tableRecords((await pullAll(world.app, world.adminKT)).changes, 'provinceContacts')).toEqual([]);
    expect((await send(world.adminKT, 'PATCH', `/api/admin/province-contacts/${id}`, { active: false })).statusCode).toBe(404);
    expect((await send(world.adminQN, 'PATCH', `/api/admin/province-contacts/${id}`, { active: false })).statusCode).toBe(200);
    expect(tableRecords((await pullAll(world.app, world.memberB)).changes, 'provinceContacts')[0]).toMatchObject({ id, active: false });
  });
}

describe('admin reference data on SQLite', () => adminReferenceSuite(sqliteFixture));
describePostgres('admin reference data on PostgreSQL', () => adminReferenceSuite(postgresFixture));
