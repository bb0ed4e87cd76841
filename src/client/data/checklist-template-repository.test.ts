import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { ensureTemplateSeed, getTemplateVersion, listLatestTemplates, listTemplateVersions } from './checklist-template-repository';
import { clearSession, saveSession, type SessionUser } from './session-repository';
import { checklistTemplateRecordSchema } from '../../shared/schemas/checklist-template';
import { seedChecklistTemplates } from '../../shared/seed';
import { seedRecord } from '../../shared/seed/seed-record';
import { publishTemplateVersion } from '../../../test/helpers/template-versions';

const admin: SessionUser = { id: '0197c1a2-0000-7000-8000-00000000000a', username: 'so-khcn', displayName: 'Sở KH&CN', role: 'admin', communeId: null, provinceId: 'quang-ngai' };
const leader: SessionUser = { id: '0197c1a2-0000-7000-8000-000000000002', username: 'lan', displayName: 'Lan', role: 'leader', communeId: 'ngok-bay' };
const signIn = (user: SessionUser) => saveSession({ user, signedInAt: '2025-07-01T01:00:00.000Z' });
const NOW = Date.parse('2026-01-05T02:00:00.000Z');
const READINESS = 'qng-2025-commune-shared-systems-readiness';
const GO_LIVE_NA = 'nga-2025-commune-go-live';

describe('checklist template repository', () => {
  beforeEach(async () => {
    await Promise.all([db.outbox.clear(), db.syncState.clear(), db.records('checklistTemplates').clear(), clearSession()]);
  });

  it("seeds the default province's four templates once, before any sync, without outbox entries", async () => {
    expect(await ensureTemplateSeed()).toBe(4);
    expect(await ensureTemplateSeed()).toBe(0);
    const templates = await listLatestTemplates();
    expect(templates.map((t) => t.templateId)).not.toContain(GO_LIVE_NA);
    expect(templates).toHaveLength(4);
    expect(templates.every((t) => t.version === 1)).toBe(true);
    expect(await db.outbox.count()).toBe(0);
    const readiness = await getTemplateVersion(READINESS, 1);
    expect(readiness?.items).toHaveLength(52);
    expect(await getTemplateVersion(READINESS, 2)).toBeUndefined();
  });

  it("offers a commune its own province's templates and the generic ones, never another province's", async () => {
    await signIn({ ...leader, provinceId: 'nghe-an' });
    expect(await ensureTemplateSeed()).toBe(3);
    expect((await listLatestTemplates()).map((t) => t.templateId).sort()).toEqual([GO_LIVE_NA, 'community-digital-team-operations', 'village-digital-readiness'].sort());
    // A phone an older release seeded with every template: a Quảng Ngãi leader is not offered Nghệ An's.
    await db.records('checklistTemplates').bulkPut(seedChecklistTemplates().map(({ provinces: _p, ...t }) => seedRecord(t)) as never);
    await signIn({ ...leader, provinceId: 'quang-ngai' });
    const offered = (await listLatestTemplates()).map((t) => t.templateId);
    expect(offered).toHaveLength(4);
    expect(offered).not.toContain(GO_LIVE_NA);
    // …though a checklist made from it still reads it.
    expect(await getTemplateVersion(GO_LIVE_NA, 1)).toBeDefined();
  });

  it('reads version 2 beside version 1 once it arrives: the newest is offered, version 1 stays as it was', async () => {
    await ensureTemplateSeed();
    await signIn(admin);
    const v1 = (await getTemplateVersion(READINESS, 1))!;
    const first = v1.items[0]!;
    const v2 = await publishTemplateVersion(READINESS, { items: [{ itemId: first.id, title: { vi: 'Gửi danh sách cán bộ mới', en: 'Send the new staff list' }, due: '2026-02-01' }] }, NOW);
    expect(v2).toMatchObject({ templateId: READINESS, version: 2, provinceId: 'quang-ngai' });
    expect(v2.id).not.toBe(v1.id);
    expect(v2.items[0]).toMatchObject({ title: { vi: 'Gửi danh sách cán bộ mới' }, due: '2026-02-01' });
    expect(await getTemplateVersion(READINESS, 1)).toEqual(v1);
    expect((await listLatestTemplates()).find((t) => t.templateId === READINESS)?.version).toBe(2);
    expect(await listTemplateVersions()).toHaveLength(5);

    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ table: 'checklistTemplates', recordId: v2.id });
    expect(outbox[0]!.fields).toMatchObject({ templateId: READINESS, version: 2, communeId: null, provinceId: 'quang-ngai', createdBy: admin.id, deleted: false });
    // What the server will check: the stored record is a valid template record.
    const { clocks: _clocks, ...stored } = (await db.records('checklistTemplates').get(v2.id))!;
    expect(checklistTemplateRecordSchema.safeParse(stored).success).toBe(true);

    const v3 = await publishTemplateVersion(READINESS, { title: { vi: 'Sẵn sàng 2027', en: '' } }, NOW);
    expect(v3.version).toBe(3);
  });
});
