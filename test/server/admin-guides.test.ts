// The province admin's guide editor API on a real SQLite file and a real PostgreSQL
// (docs/field-aids.md §3): the seeded guides reach every phone of the province; a new version with
// its pictures reaches a phone that was offline at its next pull; a version edited from an old one
// is refused; a picture no version uses is deleted with its bytes; the province's picture budget
// holds; only an admin, only in their province; every publication audited.
import { describe, expect, it } from 'vitest';
import { GUIDE_LIMITS } from '../../src/shared/schemas/service-guide';
import { describePostgres } from '../helpers/pg';
import { adminWorld, tableRecords } from './admin-world';
import { postgresFixture, sqliteFixture, type StoreFixtureFactory } from './store-fixtures';
import { pullAll, type Session } from './sync-fixtures';

const CODE = 'vneid-activate-level2';
/** A JPEG's first bytes, then filler: the schema checks the type's signature and the size. */
const jpeg = (chars: number) => `/9j/4AAQSkZJRgABAQ${'A'.repeat(chars - 18)}`;
const picture = (chars = 2000) => ({ mime: 'image/jpeg', data: jpeg(chars), width: 480, height: 960 });
const content = {
  summary: 'Kích hoạt tài khoản mức 2.',
  bring: ['Thẻ căn cước gắn chíp'],
  failures: [{ problem: 'Không nhận được mã OTP', action: 'Gửi lại mã.', barrier: 'weak_network', contactRoleId: 'commune-police' }],
  sourceTitle: 'Công an xã – Hướng dẫn',
  sourceUrl: 'https://camthanh.camlo.quangtri.gov.vn/',
};

function guidesSuite(factory: StoreFixtureFactory): void {
  const world = adminWorld(factory, ['adminQN', 'adminKT', 'leaderA', 'memberB']);
  const { send, audit } = world;
  const publish = (session: Session, code: string, payload: object) => send(session, 'PUT', `/api/admin/guides/${code}`, payload);

  it("seeds the province's guides, each citing an official https source", async () => {
    const guides = tableRecords((await pullAll(world.app, world.memberB)).changes, 'serviceGuides');
    expect(guides.length).toBeGreaterThanOrEqual(8);
    for (const guide of guides) {
      expect(guide).toMatchObject({ version: 1, provinceId: 'quang-ngai' });
      expect(String(guide.sourceUrl)).toMatch(/^https:\/\//);
    }
    expect(guides.map((g) => g.serviceCode)).toContain(CODE);
  });

  it('refuses anyone but an admin, bad bodies and unknown services', async () => {
    const body = { ...content, basedOn: 1, steps: [{ id: 's1', text: 'Mở VNeID.' }] };
    expect((await publish(world.leaderA, CODE, body)).statusCode).toBe(403);
    expect((await publish(world.adminQN, CODE, { ...body, sourceUrl: 'http://example.gov.vn' })).statusCode).toBe(400);
    expect((await publish(world.adminQN, CODE, { ...body, steps: [{ id: 's1', text: 'x', newImage: { ...picture(), mime: 'image/webp' } }] })).statusCode).toBe(400);
    expect((await publish(world.adminQN, CODE, { ...body, steps: [{ id: 's1', text: 'x', newImage: picture(GUIDE_LIMITS.imageChars + 4) }] })).statusCode).toBe(400);
    expect((await publish(world.adminQN, 'no-such-service', body)).statusCode).toBe(404);
  });

  it('publishes a version with a picture that an offline phone gets at its next pull; a stale or unchanged version is refused', async () => {
    const before = await pullAll(world.app, world.memberB);
    const res = await publish(world.adminQN, CODE, { ...content, basedOn: 1, steps: [{ id: 's1', text: 'Mở VNeID.', newImage: picture() }, { id: 's2', text: 'Nhập mã OTP.' }] });
    expect(res.statusCode).toBe(200);
    const after = await pullAll(world.app, world.memberB, before.cursor);
    const [guide] = tableRecords(after.changes, 'serviceGuides');
    const [image] = tableRecords(after.changes, 'guideImages');
    expect(guide).toMatchObject({ serviceCode: CODE, version: 2, steps: [{ id: 's1', imageId: image!.id }, { id: 's2', imageId: null }] });
    expect(image).toMatchObject({ serviceCode: CODE, mime: 'image/jpeg', data: jpeg(2000), deleted: false });
    // Kon Tum's phones never see Quảng Ngãi's version.
    expect(tableRecords((await pullAll(world.app, world.adminKT)).changes, 'guideImages')).toEqual([]);
    const stale = await publish(world.adminQN, CODE, { ...content, basedOn: 1, steps: [{ id: 's1', text: 'Khác.' }] });
    expect(stale.statusCode).toBe(409);
    const same = await publish(world.adminQN, CODE, { ...content, basedOn: 2, steps: [{ id: 's1', text: 'Mở VNeID.', imageId: image!.id }, { id: 's2', text: 'Nhập mã OTP.' }] });
    expect(same.statusCode).toBe(400);
    // The editor tells this refusal apart by its key (docs/field-aids.md §3).
    expect(same.json<{ error: { message: string } }>().error.message).toBe('validation.noChange');
    expect((await audit(world.adminQN)).find((e) => e.kind === 'reference.changed')?.details).toEqual({ table: 'serviceGuides', change: 'published', code: CODE, version: 2 });
  });

  it('deletes a picture the new version drops, bytes cleared; refuses a picture of another guide', async () => {
    const before = await pullAll(world.app, world.memberB);
    const [image] = tableRecords(before.changes, 'guideImages');
    expect((await publish(world.adminQN, 'lienthong-birth', { ...content, basedOn: 1, steps: [{ id: 's1', text: 'x', imageId: image!.id }] })).statusCode).toBe(400);
    expect((await publish(world.adminQN, CODE, { ...content, basedOn: 2, steps: [{ id: 's1', text: 'Mở VNeID.' }] })).statusCode).toBe(200);
    const after = await pullAll(world.app, world.memberB, before.cursor);
    expect(tableRecords(after.changes, 'guideImages')).toEqual([expect.objectContaining({ id: image!.id, deleted: true, data: null })]);
  });

  it("keeps the province's pictures within their budget", async () => {
    const perImage = GUIDE_LIMITS.imageChars;
    const count = Math.floor(GUIDE_LIMITS.provinceImageChars / perImage);
    const steps = Array.from({ length: count }, (_, i) => ({ id: `s${i + 1}`, text: `Bước ${i + 1}`, newImage: picture(perImage) }));
    expect((await publish(world.adminQN, 'bill-payment', { ...content, basedOn: 1, steps })).statusCode).toBe(200);
    const over = await publish(world.adminQN, 'judicial-record', { ...content, basedOn: 1, steps: [{ id: 's1', text: 'x', newImage: picture() }] });
    expect(over.statusCode).toBe(400);
    expect(over.json<{ error: { message: string } }>().error.message).toMatch(/imageTooLarge/);
  });
}

describe('service guides on SQLite', () => guidesSuite(sqliteFixture));
describePostgres('service guides on PostgreSQL', () => guidesSuite(postgresFixture));
